using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Tests.Lists;

/// <summary>
/// The shipped rulesets whose periods and persons are lists (§ 118 periods and sharing, § 119 other carers, § 95
/// helpers): the flattened facts are gone, the list rule is written once, the trace names the items counted, and the
/// old names still give the list's result for this version period.
/// </summary>
public class ListRulesetsTests
{
    private static string Rules(string path) => File.ReadAllText(Path.Combine(RepositoryFolders.Root(), "rules", path));

    private static RulesetVersion Version(string ruleset, string validFrom) =>
        SchemaCatalog.Read<RulesetVersion>(Rules($"{ruleset}/versions/{validFrom}.json"), RulesFileKind.Version, $"{validFrom}.json");

    private static readonly SatsCatalog Satser = new(Directory.GetFiles(Path.Combine(RepositoryFolders.Root(), "rules", "satser"), "*.json")
        .Select(f => SchemaCatalog.Read<SatsSeries>(File.ReadAllText(f), RulesFileKind.Sats, Path.GetFileName(f))));

    private static TestCase Case(string ruleset, string id) =>
        SchemaCatalog.Read<TestSuite>(Rules($"{ruleset}/tests/cases.json"), RulesFileKind.Tests, "cases.json").Cases.Single(c => c.Id == id);

    private static async Task<EvaluationResult> Run(string ruleset, string validFrom, string id)
    {
        var cv = VersionCompiler.Compile(ruleset, Version(ruleset, validFrom));
        var c = Case(ruleset, id);
        return await Evaluator.EvaluateAsync(cv, c.DecisionDate, FactBinder.Bind(cv.Facts, c.Facts, cv.Content.LegacyFacts), Satser, LookupCatalog.Empty);
    }

    private static ListTrace Trace(EvaluationResult result, string decision) =>
        Assert.Single(Assert.Single(result.Decisions, d => d.Name == decision).Lists);

    [Theory]
    [InlineData("2014-01-01")]
    [InlineData("2018-01-01")]
    [InlineData("2023-10-01")]
    public void Sel118_has_the_periods_as_a_list_summed_once_and_accepts_agreedMonths_for_this_version_period(string validFrom)
    {
        var v = Version("sel-118", validFrom);
        Assert.DoesNotContain(v.Facts, f => f.Name == "agreedMonths");
        Assert.Equal(ValueKind.List, v.Facts.Single(f => f.Name == "perioder").Type);
        Assert.Equal("sum(perioder.maaneder)", v.Derived.Single(d => d.Name == "aftalteMaaneder").Expression);
        Assert.Single(v.Derived, d => d.Expression.Contains("andreDeltagere", StringComparison.Ordinal));
        var legacy = Assert.Single(v.LegacyFacts!);
        Assert.Equal(("agreedMonths", "perioder", 1, "maaneder"), (legacy.Name, legacy.List, legacy.Item, legacy.Field));
    }

    [Fact]
    public async Task Sel118_three_periods_of_three_months_use_the_nine_months_and_the_trace_counts_each_period()
    {
        // 000 l.599-600, l.900-901: at most 9 months in all; three periods of 3 months leave nothing to extend.
        var result = await Run("sel-118", "2023-10-01", "PER-3+3+3-9-brugt-2023");
        Assert.Equal("afslag-forlaengelse", result.Outcome);
        Assert.Equal(9, Convert.ToInt32(result.Values["aftalteMaaneder"], System.Globalization.CultureInfo.InvariantCulture));
        var periods = Trace(result, "aftalteMaaneder");
        Assert.Equal("perioder", periods.List);
        Assert.Equal([true, true, true], periods.Items.Select(i => i.Counted));
    }

    [Fact]
    public async Task Sel118_shares_above_one_salary_in_all_are_reduced_proportionally()
    {
        // 000 l.605-607: the total pay cannot exceed one salary and is paid in proportion to the sharing: 50 of 125 is 40 pct.
        var result = await Run("sel-118", "2023-10-01", "DEL-50+30+20+25-2023");
        Assert.Equal(40m, result.Values["share"]);
        Assert.Equal(3, Trace(result, "share").Items.Count);
    }

    [Fact]
    public async Task Sel118_the_old_name_gives_the_same_extension_as_one_period()
    {
        var list = await Run("sel-118", "2023-10-01", "FORL-5+4-2023");
        var old = await Run("sel-118", "2023-10-01", "FORL-5+4-2023-gamle-navne");
        Assert.Equal(EvaluationStatus.Determined, old.Status);
        Assert.Equal(list.Outputs["totalMonths"], old.Outputs["totalMonths"]);
        Assert.Equal(list.Outputs["grantedMonths"], old.Outputs["grantedMonths"]);
    }

    [Fact]
    public async Task Sel119_the_cap_reads_the_other_carers_by_their_basis_and_the_trace_says_which_counted()
    {
        // 002 l.5082-5090: only the sygedagpenge-based carers' vederlag is reduced; basisbeløb shares are not.
        var v = Version("sel-119", "2014-01-01");
        Assert.DoesNotContain(v.Facts, f => f.Name.StartsWith("andrePlejeres", StringComparison.Ordinal));
        var result = await Run("sel-119", "2014-01-01", "L1-basis-tre-andre");
        Assert.Equal(21000m, result.Values["andreSdp"]);
        Assert.Equal(3616.75m, result.Values["andreBasis"]);
        var sdp = Trace(result, "andreSdp");
        Assert.Equal([true, true, false], sdp.Items.Select(i => i.Counted));
        Assert.StartsWith("ikke talt med", sdp.Items[2].Why, StringComparison.Ordinal);
        Assert.Equal(true, result.Values["plejenDeles"]);
    }

    [Fact]
    public async Task Sel119_the_old_sums_become_one_carer_each_with_their_basis()
    {
        var list = await Run("sel-119", "2014-01-01", "C1-basis");
        var old = await Run("sel-119", "2014-01-01", "C1-basis-gamle-navne");
        Assert.Equal(EvaluationStatus.Determined, old.Status);
        Assert.Equal(30000m, old.Values["andreSdp"]);
        Assert.Equal(list.Outputs["plejevederlagPrMaaned"], old.Outputs["plejevederlagPrMaaned"]);
    }

    [Fact]
    public async Task Sel95_the_sick_pay_condition_is_written_once_and_judged_for_each_helper()
    {
        // 004 l.77-78: at least 8 weeks as handicaphjælper and at least 74 hours of work in that period.
        var v = Version("sel-95", "2021-07-01");
        Assert.DoesNotContain(v.Facts, f => f.Name.StartsWith("hjaelperA", StringComparison.Ordinal));
        Assert.Single(v.Derived, d => d.Expression.Contains("sel-95.sygeloenMindsteUger", StringComparison.Ordinal));
        var result = await Run("sel-95", "2021-07-01", "T25-fire-hjaelpere-blandet");
        Assert.Equal(new object?[] { true, false, false, true }, (IEnumerable<object?>)result.Values["hjaelpere.sygeloenDaekkes"]!);
        var covered = Trace(result, "hjaelpereMedSygeloen");
        Assert.Equal([true, false, false, true], covered.Items.Select(i => i.Counted));
        Assert.Null(result.Outputs["sygeloenDaekkes"]);
    }

    [Fact]
    public async Task Sel95_the_old_single_helper_names_give_the_same_answer_as_one_helper()
    {
        var list = await Run("sel-95", "2021-07-01", "T27");
        var old = await Run("sel-95", "2021-07-01", "T27-gamle-navne");
        Assert.Equal(true, list.Outputs["sygeloenDaekkes"]);
        Assert.Equal(list.Outputs["sygeloenDaekkes"], old.Outputs["sygeloenDaekkes"]);
    }

    [Fact]
    public async Task Sel95_the_48_hours_hold_for_the_relatives_together()
    {
        // 004 l.16-22: shared by several relatives who are tilskudsmodtagere, the 48 hours hold for them together.
        Assert.DoesNotContain(Version("sel-95", "2021-07-01").Facts, f => f.Name == "naerstaaendeTimerIAlt");
        var result = await Run("sel-95", "2021-07-01", "T10-tre-naerstaaende-over");
        Assert.Equal(60m, result.Values["naerstaaendeTimerTilsammen"]);
        Assert.Equal("over-48-ikke-tilladt", result.Outputs["naerstaaendeTimer"]);
        Assert.Equal(3, Trace(result, "naerstaaendeTimerTilsammen").Items.Count(i => i.Counted));
        var old = await Run("sel-95", "2021-07-01", "T10-gamle-navne");
        Assert.Equal((await Run("sel-95", "2021-07-01", "T10")).Outputs["timerTilAnsatteHjaelpere"], old.Outputs["timerTilAnsatteHjaelpere"]);
    }
}
