using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Transfer;

namespace Serviceloven.Adversarial.Tests.EngineFuzz;

/// <summary>
/// Found by the template fuzz: citat, liste and paragraf given a whole object of the model (version, facts) printed
/// .NET's text for it in the letter: "Scriban.Runtime.ScriptArray", dates as 02/01/2018. They take texts, numbers,
/// dates and the model's value objects; anything else is a begrundelse error naming the template.
/// </summary>
public sealed class TemplateFunctionTests
{
    [Theory]
    [InlineData("{{ citat version }}")]
    [InlineData("{{ liste version }}")]
    [InlineData("{{ paragraf version }}")]
    [InlineData("{{ liste facts }}")]
    [InlineData("{{ citat facts }}")]
    [InlineData("{{ liste [version, version] }}")]
    public async Task A_template_function_given_a_whole_object_is_a_begrundelse_error_not_dotnet_text_in_the_letter(string template)
    {
        var rules = RulesFolder.Read(Repository.RulesFolder);
        var ruleset = rules.Rulesets.Single(r => r.Definition.Id == "sel-3a");
        var version = ruleset.Versions.Single();
        var cv = VersionCompiler.Compile("sel-3a", version);
        var testCase = ruleset.Tests.SelectMany(t => t.Suite.Cases).First(c => c.Expect.Outcome is not null);
        var result = await Evaluator.EvaluateAsync(cv, testCase.DecisionDate, FactBinder.Bind(cv.Facts, testCase.Facts), SatsCatalog.Empty, LookupCatalog.Empty);
        var templates = BegrundelseTemplates.Compile("sel-3a", version.ValidFrom, [new TemplateFile(result.Outcome + ".scriban", "Afgørelse: " + template)], rules.SharedTemplates);

        var error = Assert.Throws<BegrundelseException>(() => templates.Render(cv, ruleset.Definition, result, testCase.Notes));
        Assert.DoesNotContain("Scriban.", error.Message);
        Assert.DoesNotContain("System.", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("{{ citat ruleset.title }}", "»Varsling")]
    [InlineData("{{ liste references }}", "servicelovens")]
    [InlineData("{{ paragraf 97 1 }}", "§ 97, stk. 1")]
    [InlineData("{{ liste [decisionDate, 'x', 3] }}", "1. marts 2019")]
    public async Task The_same_functions_still_print_texts_numbers_dates_and_lists_of_them(string template, string expected)
    {
        var rules = RulesFolder.Read(Repository.RulesFolder);
        var ruleset = rules.Rulesets.Single(r => r.Definition.Id == "sel-3a");
        var version = ruleset.Versions.Single();
        var cv = VersionCompiler.Compile("sel-3a", version);
        var testCase = ruleset.Tests.SelectMany(t => t.Suite.Cases).First(c => c.Expect.Outcome is not null && c.DecisionDate == new DateOnly(2019, 3, 1));
        var result = await Evaluator.EvaluateAsync(cv, testCase.DecisionDate, FactBinder.Bind(cv.Facts, testCase.Facts), SatsCatalog.Empty, LookupCatalog.Empty);
        var templates = BegrundelseTemplates.Compile("sel-3a", version.ValidFrom, [new TemplateFile(result.Outcome + ".scriban", template)], rules.SharedTemplates);
        Assert.Contains(expected, templates.Render(cv, ruleset.Definition, result, testCase.Notes));
    }
}
