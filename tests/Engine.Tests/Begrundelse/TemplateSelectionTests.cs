using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Serialization;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

public class TemplateSelectionTests
{
    private static readonly TemplateFile[] Files =
    [
        new("bevilget.scriban", "Fælles bevilling {{ include \"afsnit\" }}\n"),
        new("partials/afsnit.scriban", "fælles afsnit"),
        new("2023-10-01/bevilget.scriban", "Bevilling 2023 {{ include \"afsnit\" }} {{ include \"tillaeg\" }}\n"),
        new("2023-10-01/partials/tillaeg.scriban", "og tillæg 2023"),
        new("2024-01-01/partials/afsnit.scriban", "afsnit 2024"),
        new("2025-01-01/bevilget.scriban", "Bevilling 2025 {{ if }}"),
    ];

    [Fact]
    public async Task Version_folder_overrides_same_named_templates_and_partials_only_for_that_version()
    {
        var v2023 = Compile(Version(new DateOnly(2023, 10, 1)));
        var t2023 = BegrundelseTemplates.Compile("sel-97", new DateOnly(2023, 10, 1), Files, SharedTemplates());
        var r2023 = await Evaluate(v2023);
        Assert.Equal("Bevilling 2023 fælles afsnit og tillæg 2023", t2023.Render(v2023, Ruleset, r2023, Notes));
        Assert.Equal("rules/sel-97/templates/2023-10-01/partials/tillaeg.scriban", t2023.Partials["tillaeg"].SourcePath);
        Assert.Equal("rules/sel-97/templates/partials/afsnit.scriban", t2023.Partials["afsnit"].SourcePath);
        Assert.Equal(["afsnit", "tillaeg"], t2023.OwnPartials.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["bevilget"], t2023.Documents.Keys);

        var v2024 = Compile(Version(new DateOnly(2024, 1, 1)));
        var t2024 = BegrundelseTemplates.Compile("sel-97", new DateOnly(2024, 1, 1), Files, SharedTemplates());
        Assert.Equal("Fælles bevilling afsnit 2024", t2024.Render(v2024, Ruleset, await Evaluate(v2024), Notes));

        var v2018 = Compile();
        var t2018 = BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1), Files, SharedTemplates());
        var r2018 = await Evaluate(v2018);
        Assert.Equal("Fælles bevilling fælles afsnit", t2018.Render(v2018, Ruleset, r2018, Notes));
        Assert.Equal("rules/templates/klagevejledning.scriban", t2018.Partials["klagevejledning"].SourcePath);
        Assert.False(t2018.Partials.ContainsKey("tillaeg"));
    }

    /// <summary>`include "klagevejledning"` always means the shared partial: a ruleset's template of that name would change it unseen.</summary>
    [Theory]
    [InlineData("partials/klagevejledning.scriban")]
    [InlineData("2023-10-01/partials/skoen.scriban")]
    [InlineData("klagevejledning.scriban")]
    [InlineData("2023-10-01/retsgrundlag.scriban")]
    public void A_rulesets_template_named_like_a_shared_partial_is_refused(string path)
    {
        var ex = Assert.Throws<BegrundelseException>(() =>
            BegrundelseTemplates.Compile("sel-97", new DateOnly(2023, 10, 1), [.. Files.Where(f => !f.Path.StartsWith("2025", StringComparison.Ordinal)), new(path, "Ingen klageadgang.")], SharedTemplates()));
        Assert.Equal($"rules/sel-97/templates/{path}", ex.Template);
        Assert.Contains("er en fælles delskabelon (rules/templates/", ex.Message);
        Assert.Contains("andet navn", ex.Message);
    }

    [Fact]
    public async Task A_letter_is_not_a_partial_and_the_error_says_where_partials_go()
    {
        var cv = Compile();
        var templates = BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1),
            [new("bevilget.scriban", "Se {{ include \"afslag\" }}\n"), new("afslag.scriban", "Afslag.\n")], SharedTemplates());
        var result = await Evaluate(cv);
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes));
        Assert.Contains("Delskabelonen 'afslag' findes ikke. rules/sel-97/templates/afslag.scriban er en skabelon for et udfald; en delskabelon ligger i templates/partials/.", ex.Message);
        Assert.False(templates.Partials.ContainsKey("afslag"));
    }

    [Fact]
    public void A_partial_is_not_a_letter_for_an_outcome()
    {
        var templates = BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1), [new("partials/bevilget.scriban", "x")], SharedTemplates());
        Assert.Null(templates.ForOutcome("bevilget"));
        Assert.True(templates.Partials.ContainsKey("bevilget"));
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

    [Theory]
    [InlineData("udkast/afslag.scriban")]
    [InlineData("partials/mere/afslag.scriban")]
    [InlineData("2023-10-01/udkast/afslag.scriban")]
    [InlineData("partials/2023-10-01/afslag.scriban")]
    public void Folders_other_than_partials_and_a_date_are_refused(string path)
    {
        var ex = Assert.Throws<BegrundelseException>(() =>
            BegrundelseTemplates.Compile("sel-97", new DateOnly(2018, 2, 1), [new(path, "x")], SharedTemplates()));
        Assert.Equal($"rules/sel-97/templates/{path}", ex.Template);
        Assert.Contains("templates/partials/", ex.Message);
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
