using System.Text.Json;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Validation;

/// <summary>
/// The publication gate renders the template of every outcome, not only of the outcomes a test case reaches (issue 18):
/// a template that cannot render ({{ include 'x' }}, an endless loop, endless recursion) failed every begrundelse of
/// its outcome in production while validate reported 0 errors.
/// </summary>
public class TemplateGateTests
{
    private const string Good = "{{ outcome.formatted }} efter {{ liste references }}.\n\n{{ include \"skoen\" }}\n\n{{ include \"retsgrundlag\" }}\n\n{{ include \"klagevejledning\" }}\n";

    /// <summary>Only "bevilget" is reached by a test case; "afslag" is reached by changing one fact (hasBpa).</summary>
    private static readonly TestCase Granted = new()
    {
        Id = "TC-1", Source = "003_e9312490f6af4059.txt l.1", DecisionDate = new DateOnly(2024, 3, 1),
        Facts = new Dictionary<string, JsonElement>
        {
            ["birthDate"] = JsonSerializer.SerializeToElement("1990-05-01"),
            ["hasBpa"] = JsonSerializer.SerializeToElement(false),
            ["cannotGetAroundAlone"] = JsonSerializer.SerializeToElement(true),
        },
        Notes = new Dictionary<string, string>(Notes),
        Expect = new TestExpectation { Outcome = "bevilget" },
    };

    private static async Task<ValidationReport> Check(RulesetVersion version, params (string Path, string Text)[] templates)
    {
        var rs = new RulesetContent(Ruleset, [version], [new TestFile("cases", new TestSuite { Cases = [Granted] })],
            templates.Select(t => new TemplateFile(t.Path, t.Text)).ToList());
        var (report, _) = await RulesCheck.RunAsync(new RulesContent([rs], [Aarligt], [], SharedTemplates()));
        return report;
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "{{ include 'x' }}", "Delskabelonen 'x' findes ikke" },
        { "{{ while true }}{{ end }}", "afslag.scriban" },
        { "{{ func f\n f\n end\n f }}", "afslag.scriban" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task The_template_of_an_outcome_no_test_case_reaches_is_rendered_and_refused_when_it_fails(string broken, string message)
    {
        var report = await Check(Version(), ("bevilget.scriban", Good), ("afslag.scriban", Good + broken + "\n"));
        Assert.True(report.Errors.Count() == 1, string.Join("\n", report.Errors.Select(e => $"{e.Where}: {e.Message}")));
        var error = report.Errors.Single();
        Assert.Equal("begrundelse eksempelfakta for udfaldet 'afslag' (text)", error.Where);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task The_template_of_an_outcome_no_test_case_reaches_passes_when_it_renders()
    {
        var report = await Check(Version(), ("bevilget.scriban", Good), ("afslag.scriban", Good));
        Assert.Empty(report.Errors);
    }

    /// <summary>The version with a third outcome that only a row no facts can meet (an age of 200) gives.</summary>
    private static RulesetVersion WithUnreachableOutcome()
    {
        var v = Version();
        var table = v.Tables[0];
        var outcome = table.Outputs[0] with { Values = [.. table.Outputs[0].Values!, new EnumValue { Value = "henvist" }] };
        var row = new TableRow { Id = "R97-00", When = ["-", "[200..300]", "-"], Then = ["\"henvist\"", "0", "0"], Ref = "§ 97", Reason = "referred" };
        return v with { Tables = [table with { Outputs = [outcome, .. table.Outputs.Skip(1)], Rows = [row, .. table.Rows] }] };
    }

    [Fact]
    public async Task An_unreachable_outcome_is_rendered_on_a_borrowed_result_and_a_broken_template_is_still_refused()
    {
        var report = await Check(WithUnreachableOutcome(), ("bevilget.scriban", Good), ("afslag.scriban", Good),
            ("henvist.scriban", Good + "{{ include 'x' }}\n"));
        var error = Assert.Single(report.Errors);
        Assert.Equal("begrundelse udfald 'henvist' (text)", error.Where);
        Assert.Contains("Delskabelonen 'x' findes ikke", error.Message);
        Assert.Contains(report.Warnings, w => w.Where == "begrundelse udfald 'henvist'" && w.Message.Contains("Tilføj en testcase med udfaldet"));
    }

    [Fact]
    public async Task On_a_borrowed_result_a_missing_value_is_only_a_warning()
    {
        var report = await Check(WithUnreachableOutcome(), ("bevilget.scriban", Good), ("afslag.scriban", Good),
            ("henvist.scriban", Good + "Gyldig til {{ version.validTo }}\n"));
        Assert.Empty(report.Errors);
        Assert.Contains(report.Warnings, w => w.Where == "begrundelse udfald 'henvist' (text)" && w.Message.Contains("tom værdi"));
    }

    [Fact]
    public async Task A_version_that_decides_an_outcome_without_any_template_is_refused()
    {
        var report = await Check(Version());
        var error = Assert.Single(report.Errors);
        Assert.Equal("skabeloner", error.Where);
        Assert.Contains("ingen begrundelsesskabeloner", error.Message);
    }

    [Fact]
    public async Task A_missing_template_for_an_outcome_is_still_refused()
    {
        var report = await Check(Version(), ("bevilget.scriban", Good));
        Assert.Contains(report.Errors, e => e.Where == "begrundelse udfald 'afslag'" && e.Message.Contains("Der mangler en skabelon"));
    }

    private const string Shared = "Hjælpen gives som et kontant tilskud til dækning af dokumenterede udgifter.";
    private const string Granting = "{{ outcome.formatted }}: du får hjælpen.\n\n{{ include \"skoen\" }}\n\n{{ include \"retsgrundlag\" }}\n\n{{ include \"klagevejledning\" }}\n";
    private const string Refusing = "{{ outcome.formatted }}: du får ikke hjælpen.\n\n{{ include \"skoen\" }}\n\n{{ include \"retsgrundlag\" }}\n\n{{ include \"klagevejledning\" }}\n";

    [Fact]
    public async Task A_paragraph_in_two_letters_is_a_warning_naming_both()
    {
        var report = await Check(Version(), ("bevilget.scriban", Shared + "\n\n" + Granting), ("afslag.scriban", Refusing + "\n" + Shared + "\n"));
        var warning = Assert.Single(report.Warnings, w => w.Where == "skabeloner");
        Assert.Equal("Samme afsnit står i rules/sel-97/templates/afslag.scriban og rules/sel-97/templates/bevilget.scriban: »" + Shared +
            "«. Læg det i en delskabelon i templates/partials/, så det kun skal rettes ét sted.", warning.Message);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_paragraph_in_a_letter_and_in_the_rulesets_own_partial_is_a_warning_too()
    {
        var report = await Check(Version(), ("bevilget.scriban", Granting + "\n" + Shared + "\n"), ("afslag.scriban", Refusing), ("partials/tilskud.scriban", Shared));
        var warning = Assert.Single(report.Warnings, w => w.Where == "skabeloner");
        Assert.Contains("rules/sel-97/templates/bevilget.scriban og rules/sel-97/templates/partials/tilskud.scriban", warning.Message);
    }

    [Fact]
    public async Task The_paragraph_in_a_partial_that_both_letters_include_is_not_repeated()
    {
        var report = await Check(Version(), ("bevilget.scriban", "{{ include \"tilskud\" }}\n\n" + Granting),
            ("afslag.scriban", Refusing + "\n{{ include \"tilskud\" }}\n"), ("partials/tilskud.scriban", Shared));
        Assert.DoesNotContain(report.Warnings, w => w.Where == "skabeloner");
        Assert.Empty(report.Errors);
    }
}
