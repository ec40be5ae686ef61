using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Serialization;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

public class TemplateSelectionTests
{
    private static readonly TemplateFile[] Files =
    [
        new("bevilget.scriban", "Fælles bevilling {{ include \"afsnit\" }}\n"),
        new("afsnit.scriban", "fælles afsnit"),
        new("2023-10-01/bevilget.scriban", "Bevilling 2023 {{ include \"afsnit\" }}\n"),
        new("2023-10-01/klagevejledning.scriban", "Ingen klageadgang i denne version."),
        new("2025-01-01/bevilget.scriban", "Bevilling 2025 {{ if }}"),
    ];

    [Fact]
    public async Task Version_folder_overrides_same_named_templates_and_partials_only_for_that_version()
    {
        var v2023 = Compile(Version(new DateOnly(2023, 10, 1)));
        var t2023 = BegrundelseTemplates.Compile("sel-97", new DateOnly(2023, 10, 1), Files, SharedTemplates());
        var r2023 = await Evaluate(v2023);
        Assert.Equal("Bevilling 2023 fælles afsnit", t2023.Render(v2023, Ruleset, r2023, Notes));
        Assert.Equal("rules/sel-97/templates/2023-10-01/klagevejledning.scriban", t2023.Partials["klagevejledning"].SourcePath);

        var v2018 = Compile();
        var t2018 = BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1), Files, SharedTemplates());
        var r2018 = await Evaluate(v2018);
        Assert.Equal("Fælles bevilling fælles afsnit", t2018.Render(v2018, Ruleset, r2018, Notes));
        Assert.Equal("rules/templates/klagevejledning.scriban", t2018.Partials["klagevejledning"].SourcePath);
    }

    [Fact]
    public async Task A_rulesets_own_partial_replaces_the_shared_one()
    {
        var cv = Compile(Version(new DateOnly(2023, 10, 1)));
        var templates = BegrundelseTemplates.Compile("sel-97", new DateOnly(2023, 10, 1),
            [.. Files.Where(f => f.Path != "2023-10-01/bevilget.scriban"), new("2023-10-01/bevilget.scriban", "{{ include \"klagevejledning\" }}\n")],
            SharedTemplates());
        Assert.Equal("Ingen klageadgang i denne version.", templates.Render(cv, Ruleset, await Evaluate(cv), Notes));
    }

    [Fact]
    public void Parse_errors_in_another_versions_folder_do_not_concern_this_version_but_fail_that_one()
    {
        BegrundelseTemplates.Compile("sel-97", new DateOnly(2023, 10, 1), Files, SharedTemplates());
        var ex = Assert.Throws<BegrundelseException>(() =>
            BegrundelseTemplates.Compile("sel-97", new DateOnly(2025, 1, 1), Files, SharedTemplates()));
        Assert.Equal("rules/sel-97/templates/2025-01-01/bevilget.scriban", ex.Template);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Folders_not_named_by_a_date_are_refused()
    {
        var ex = Assert.Throws<BegrundelseException>(() =>
            BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1), [new("udkast/afslag.scriban", "x")], SharedTemplates()));
        Assert.Equal("rules/sel-97/templates/udkast/afslag.scriban", ex.Template);
    }

    [Fact]
    public void Shared_partials_are_parsed_and_reachable_by_name()
    {
        var templates = BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1), [], SharedTemplates());
        Assert.Equal(["klagevejledning", "retsgrundlag", "skoen"], templates.Partials.Keys.Order(StringComparer.Ordinal));
        Assert.Null(templates.ForOutcome("bevilget"));
    }

    [Fact]
    public void Compile_from_rules_content_uses_the_rulesets_templates_and_the_shared_ones()
    {
        var ruleset = new RulesetContent(Ruleset, [Version()], [], Files);
        var rules = new RulesContent([ruleset], [Aarligt], [], SharedTemplates());
        var templates = BegrundelseTemplates.Compile(ruleset, new DateOnly(2018, 2, 1), rules);
        Assert.Equal("rules/sel-97/templates/bevilget.scriban", templates.ForOutcome("bevilget")!.SourcePath);
        Assert.True(templates.Partials.ContainsKey("skoen"));
    }
}
