using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Validation;
using Serviceloven.Store.Transfer;

namespace Serviceloven.Server.Tests;

/// <summary>
/// The defect "a begrundelse that contradicts its rule": a draft of sel-97 that raises R97-04's age limit from 18 to 19
/// refuses the 18-year-old, and the shipped letter must then say 19, because it takes the limit from the rule.
/// </summary>
public class BegrundelseFollowsTheRuleTests
{
    private static readonly Lazy<Engine.Serialization.RulesContent> Content = new(() => RulesFolder.Read(RulesServerFactory.RulesFolder));

    [Fact]
    public async Task A_raised_age_limit_is_the_limit_the_refusal_letter_states()
    {
        var content = Content.Value;
        var sel97 = content.Rulesets.Single(r => r.Definition.Id == "sel-97");
        var shipped = sel97.Versions.Single(v => v.ValidFrom == new DateOnly(2018, 2, 1));
        var draft = shipped with
        {
            ValidFrom = new DateOnly(2027, 1, 1),
            Tables = shipped.Tables.Select(t => t.Id != "eligibility" ? t : t with
            {
                Rows = t.Rows.Select(r => r.Id != "R97-04" ? r : r with { When = r.When.Select(c => c == "< 18" ? "< 19" : c).ToList() }).ToList(),
            }).ToList(),
        };
        var satser = new SatsCatalog(content.Satser);
        var lookups = new LookupCatalog(content.Lookups);
        var cv = VersionCompiler.Compile("sel-97", draft, satser, lookups);
        var eighteen = sel97.Tests.SelectMany(f => f.Suite.Cases).Single(c => c.Id == "B97-02"); // 18 on the decision date
        var facts = eighteen.Facts.ToDictionary(kv => kv.Key, kv => kv.Key == "birthDate" ? System.Text.Json.JsonSerializer.SerializeToElement("2009-05-10") : kv.Value);
        var result = await Evaluator.EvaluateAsync(cv, new DateOnly(2027, 5, 10), FactBinder.Bind(cv.Facts, facts), satser, lookups);
        Assert.Equal("afslag", result.Outcome);

        var letter = BegrundelseTemplates.Compile("sel-97", draft.ValidFrom, sel97.Templates, content.SharedTemplates)
            .Render(cv, sel97.Definition, result, eighteen.Notes);
        Assert.Contains("kan ydes til borgere mellem 19 år og folkepensionsalderen", letter);
        Assert.Contains("Du er velkommen til at søge igen, når du er fyldt 19 år.", letter);
        Assert.Contains("Du er 18 år på afgørelsesdatoen", letter); // the citizen's own age, from the facts
        Assert.DoesNotContain("mellem 18 år", letter);
        Assert.DoesNotContain("fyldt 18 år", letter);
    }

    [Fact]
    public async Task No_shipped_template_restates_a_number_or_date_its_version_defines()
    {
        var (report, _) = await RulesCheck.RunAsync(Content.Value);
        var restated = report.Warnings.Where(w => w.Where.StartsWith("skabelon ", StringComparison.Ordinal)).Select(w => w.ToString()).ToList();
        Assert.True(restated.Count == 0, string.Join("\n", restated));
    }
}
