using Serviceloven.Engine.Begrundelse;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

public class GateTests
{
    private const string Good = "{{ outcome.formatted }} efter {{ liste references }}.\n\n{{ include \"skoen\" }}\n\n{{ include \"retsgrundlag\" }}\n\n{{ include \"klagevejledning\" }}\n";

    [Fact]
    public async Task Passes_when_every_outcome_has_a_template_and_every_sample_renders()
    {
        var cv = Compile();
        var templates = Templates(("bevilget.scriban", Good), ("afslag.scriban", Good));
        var issues = BegrundelseGate.Check(templates, cv, Ruleset,
        [
            new BegrundelseSample("TC-1", await Evaluate(cv), Notes),
            new BegrundelseSample("TC-2", await Evaluate(cv, hasBpa: true), Notes),
        ]);
        Assert.Empty(issues);
    }

    [Fact]
    public void Reports_a_declared_outcome_without_template()
    {
        var cv = Compile();
        var issues = BegrundelseGate.Check(Templates(("bevilget.scriban", Good)), cv, Ruleset, []);
        var issue = Assert.Single(issues);
        Assert.Equal("udfald 'afslag'", issue.Where);
        Assert.Contains("afslag.scriban eller default.scriban", issue.Message);
    }

    [Fact]
    public void Default_template_covers_every_outcome()
    {
        var cv = Compile();
        Assert.Empty(BegrundelseGate.Check(Templates(("default.scriban", Good)), cv, Ruleset, []));
    }

    [Fact]
    public async Task Reports_a_sample_with_an_empty_placeholder_naming_template_and_line()
    {
        var cv = Compile();
        var templates = Templates(("default.scriban", Good + "Gyldig til {{ version.validTo }}\n"));
        var issues = BegrundelseGate.Check(templates, cv, Ruleset, [new BegrundelseSample("TC-1", await Evaluate(cv), Notes)]);
        var issue = Assert.Single(issues);
        Assert.Equal("TC-1 (text)", issue.Where);
        Assert.Contains("'rules/sel-97/templates/default.scriban', linje 8", issue.Message);
        Assert.Contains("tom værdi", issue.Message);
    }

    [Fact]
    public async Task Reports_a_sample_without_the_note_skoen_needs()
    {
        var cv = Compile();
        var templates = Templates(("default.scriban", Good));
        var issues = BegrundelseGate.Check(templates, cv, Ruleset, [new BegrundelseSample("TC-3", await Evaluate(cv))]);
        Assert.Contains("rules/templates/skoen.scriban", Assert.Single(issues).Message);
    }

    [Fact]
    public async Task Skips_results_that_are_not_determined()
    {
        var cv = Compile();
        var undetermined = await Serviceloven.Engine.Evaluation.Evaluator.EvaluateAsync(cv, new DateOnly(2024, 3, 1),
            Serviceloven.Engine.Evaluation.FactBinder.Bind(cv.Facts, new Dictionary<string, object?>()), BegrundelseFixture.Satser,
            Serviceloven.Engine.Satser.LookupCatalog.Empty);
        var templates = Templates(("default.scriban", "{{ version.validTo }}\n"));
        Assert.Empty(BegrundelseGate.Check(templates, cv, Ruleset, [new BegrundelseSample("TC-4", undetermined)]));
    }
}
