using System.Globalization;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.HitPolicies;

/// <summary>The DMN hit policies over rows RulesEngine matched, with the rows that decided.</summary>
public class HitPolicyTests
{
    private static CompiledVersion Compile(DecisionTable table, string outcome = "") =>
        VersionCompiler.Compile("hp", Version([Fact("x", ValueKind.Decimal)], [table], outcome: outcome));

    private static Task<EvaluationResult> At(CompiledVersion cv, decimal x) =>
        Run(cv, new Dictionary<string, object?> { ["x"] = x });

    private static TableResult Only(EvaluationResult r) => Assert.Single(r.Tables);

    // ---------- UNIQUE ----------

    private static readonly DecisionTable Unique = Table("level", HitPolicy.Unique, ["x"],
        [Out("outcome", ValueKind.Enum, "lav", "mellem", "hoej")],
        [
            Row("U1", ["< 10"], ["\"lav\""]),
            Row("U2", ["[10..20)"], ["\"mellem\""]),
            Row("U3", ["[15..30]"], ["\"hoej\""]),
        ]);

    [Theory]
    [InlineData(5, "lav", "U1")]
    [InlineData(10, "mellem", "U2")]
    [InlineData(20, "hoej", "U3")]
    public async Task Unique_with_one_match_gives_that_row(int x, string outcome, string row)
    {
        var r = await At(Compile(Unique, "outcome"), x);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal([row], Only(r).DecisiveRules);
        Assert.Equal([row], r.DecisiveRows.Select(d => d.Rule));
    }

    [Fact]
    public async Task Unique_with_two_matches_is_an_error_naming_both_rows()
    {
        var r = await At(Compile(Unique, "outcome"), 17);
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal("unique-violation", r.Error!.Kind);
        Assert.Equal("level", r.Error.Table);
        Assert.Contains("U2 og U3", r.Error.Message);
        Assert.DoesNotContain("U1", r.Error.Message);
    }

    // ---------- FIRST ----------

    [Theory]
    [InlineData(5, "A", "F1")]
    [InlineData(15, "B", "F2")]
    [InlineData(50, "C", "F3")]
    public async Task First_takes_the_first_matching_row_in_table_order(int x, string expected, string row)
    {
        var t = Table("t", HitPolicy.First, ["x"], [Out("v", ValueKind.Text)],
        [
            Row("F1", ["< 10"], ["\"A\""]),
            Row("F2", ["< 20"], ["\"B\""]),
            Row("F3", ["-"], ["\"C\""]),
        ]);
        var r = await At(Compile(t), x);
        Assert.Equal(expected, r.Outputs["v"]);
        Assert.Equal([row], Only(r).DecisiveRules);
        // Every row up to and past the decisive one is matched or not on its own merits.
        Assert.Equal(x < 10, r.Trace[0].Matched);
        Assert.Equal(x < 20, r.Trace[1].Matched);
        Assert.True(r.Trace[2].Matched);
        Assert.Equal([row], r.Trace.Where(tr => tr.Decisive).Select(tr => tr.Rule));
    }

    // ---------- PRIORITY ----------

    [Theory]
    [InlineData(5, "afslag", "P3")]
    [InlineData(25, "delvis", "P2")]
    [InlineData(70, "delvis", "P2")]
    [InlineData(95, "bevilget", "P1")]
    public async Task Priority_takes_the_matching_row_whose_output_is_declared_first(int x, string expected, string row)
    {
        // Declared order: bevilget > delvis > afslag, whatever the row order.
        var t = Table("t", HitPolicy.Priority, ["x"], [Out("outcome", ValueKind.Enum, "bevilget", "delvis", "afslag")],
        [
            Row("P3", ["-"], ["\"afslag\""]),
            Row("P2", ["> 20"], ["\"delvis\""]),
            Row("P1", ["> 90"], ["\"bevilget\""]),
        ]);
        var r = await At(Compile(t, "outcome"), x);
        Assert.Equal(expected, r.Outcome);
        Assert.Equal([row], Only(r).DecisiveRules);
    }

    [Fact]
    public async Task Priority_among_rows_with_the_same_output_takes_the_first_of_them()
    {
        var t = Table("t", HitPolicy.Priority, ["x"], [Out("outcome", ValueKind.Enum, "bevilget", "afslag")],
        [
            Row("P1", ["-"], ["\"afslag\""]),
            Row("P2", ["> 1"], ["\"bevilget\""]),
            Row("P3", ["> 2"], ["\"bevilget\""]),
        ]);
        var r = await At(Compile(t, "outcome"), 5);
        Assert.Equal(["P2"], Only(r).DecisiveRules);
        Assert.Equal(["P1", "P2", "P3"], Only(r).MatchedRules);
    }

    [Fact]
    public async Task Priority_ranks_by_the_first_output_with_declared_values_then_the_next()
    {
        var t = Table("t", HitPolicy.Priority, ["x"],
            [Out("note", ValueKind.Text), Out("level", ValueKind.Enum, "high", "low"), Out("kind", ValueKind.Enum, "a", "b")],
            [
                Row("P1", ["-"], ["\"first\"", "\"low\"", "\"a\""]),
                Row("P2", ["> 1"], ["\"second\"", "\"high\"", "\"b\""]),
                Row("P3", ["> 2"], ["\"third\"", "\"high\"", "\"a\""]),
            ]);
        var cv = Compile(t);
        var r = await At(cv, 5);
        Assert.Equal(["P3"], Only(r).DecisiveRules);
        Assert.Equal(("third", "high", "a"), ((string)r.Outputs["note"]!, (string)r.Outputs["level"]!, (string)r.Outputs["kind"]!));
        Assert.Equal(["P2"], Only(await At(cv, 2)).DecisiveRules);
        Assert.Equal(["P1"], Only(await At(cv, 1)).DecisiveRules);
    }

    [Fact]
    public async Task Collect_with_several_outputs_gives_one_list_per_output_in_row_order()
    {
        var t = Table("t", HitPolicy.Collect, ["x"], [Out("code", ValueKind.Text), Out("amount", ValueKind.Decimal)],
        [
            Row("C1", ["> 0"], ["\"a\"", "1"]),
            Row("C2", ["> 10"], ["\"b\"", "2"]),
            Row("C3", ["> 5"], ["\"c\"", "3"]),
        ]);
        var r = await At(Compile(t), 20);
        Assert.Equal(["a", "b", "c"], Assert.IsType<List<object?>>(r.Outputs["code"]));
        Assert.Equal([1m, 2m, 3m], Assert.IsType<List<object?>>(r.Outputs["amount"]));
    }

    [Theory]
    [InlineData(HitPolicy.Collect)]
    [InlineData(HitPolicy.RuleOrder)]
    [InlineData(HitPolicy.OutputOrder)]
    public void A_list_output_cannot_carry_the_outcome_code(HitPolicy policy)
    {
        var t = Table("t", policy, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")], [Row("R1", ["-"], ["\"afslag\""])]);
        var e = CompileError(() => Compile(t, "outcome"));
        Assert.Equal(("(version)", "outcome"), (e.Table, e.Column));
        Assert.Contains("er ikke et resultat af nogen tabel", e.Message);
    }

    // ---------- OUTPUT ORDER ----------

    [Fact]
    public async Task Output_order_lists_all_matches_by_declared_value_order()
    {
        var t = Table("t", HitPolicy.OutputOrder, ["x"], [Out("kind", ValueKind.Enum, "high", "medium", "low")],
        [
            Row("O1", ["-"], ["\"low\""]),
            Row("O2", ["> 10"], ["\"high\""]),
            Row("O3", ["> 5"], ["\"medium\""]),
            Row("O4", ["> 100"], ["\"high\""]),
        ]);
        var cv = Compile(t);
        var r = await At(cv, 50);
        Assert.Equal(["high", "medium", "low"], Assert.IsType<List<object?>>(r.Outputs["kind"]));
        Assert.Equal(["O1", "O2", "O3"], Only(r).MatchedRules);
        var r2 = await At(cv, 7);
        Assert.Equal(["medium", "low"], Assert.IsType<List<object?>>(r2.Outputs["kind"]));
    }

    // ---------- ANY ----------

    [Fact]
    public async Task Any_with_agreeing_rows_gives_their_common_output_and_all_are_decisive()
    {
        var t = Table("t", HitPolicy.Any, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
        [
            Row("A1", ["< 18"], ["\"afslag\""]),
            Row("A2", ["< 10"], ["\"afslag\""]),
            Row("A3", [">= 18"], ["\"bevilget\""]),
        ]);
        var r = await At(Compile(t, "outcome"), 5);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal("afslag", r.Outcome);
        Assert.Equal(["A1", "A2"], Only(r).DecisiveRules);
        Assert.Equal(["§ A1", "§ A2"], r.References);
    }

    [Fact]
    public async Task Any_with_disagreeing_rows_is_an_error_naming_them()
    {
        var t = Table("t", HitPolicy.Any, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
        [
            Row("A1", ["< 18"], ["\"afslag\""]),
            Row("A2", ["> 1"], ["\"bevilget\""]),
        ]);
        var r = await At(Compile(t, "outcome"), 5);
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal("any-violation", r.Error!.Kind);
        Assert.Contains("A1 og A2", r.Error.Message);
    }

    // ---------- RULE ORDER and COLLECT ----------

    private static DecisionTable Amounts(HitPolicy policy, Aggregation? aggregation = null) =>
        Table("t", policy, ["x"], [Out("amount", ValueKind.Decimal)],
        [
            Row("C1", ["> 0"], ["300"]),
            Row("C2", ["> 10"], ["100"]),
            Row("C3", ["> 20"], ["200"]),
            Row("C4", ["< 0"], ["999"]),
        ], aggregation);

    [Fact]
    public async Task Rule_order_lists_all_matches_in_row_order()
    {
        var r = await At(Compile(Amounts(HitPolicy.RuleOrder)), 25);
        Assert.Equal([300m, 100m, 200m], Assert.IsType<List<object?>>(r.Outputs["amount"]));
        Assert.Equal(["C1", "C2", "C3"], Only(r).DecisiveRules);
    }

    [Fact]
    public async Task Collect_without_aggregation_lists_all_matches()
    {
        var r = await At(Compile(Amounts(HitPolicy.Collect)), 15);
        Assert.Equal([300m, 100m], Assert.IsType<List<object?>>(r.Outputs["amount"]));
        Assert.Equal("COLLECT", Only(r).HitPolicy);
    }

    [Theory]
    [InlineData(Aggregation.Sum, 25, "600")]
    [InlineData(Aggregation.Sum, 15, "400")]
    [InlineData(Aggregation.Min, 25, "100")]
    [InlineData(Aggregation.Max, 25, "300")]
    [InlineData(Aggregation.Count, 25, "3")]
    [InlineData(Aggregation.Count, 5, "1")]
    [InlineData(Aggregation.Count, 0, "0")]
    public async Task Collect_with_aggregation(Aggregation aggregation, int x, string expected)
    {
        var r = await At(Compile(Amounts(HitPolicy.Collect, aggregation)), x);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), r.Outputs["amount"]);
        Assert.Equal("COLLECT " + aggregation.ToString().ToUpperInvariant(), Only(r).HitPolicy);
    }

    // ---------- no match ----------

    [Fact]
    public async Task No_match_with_a_default_gives_the_default()
    {
        var t = Table("t", HitPolicy.Unique, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget"), Out("hours", ValueKind.Decimal)],
            [Row("R1", ["> 10"], ["\"bevilget\"", "x * 2"])], defaults: ["\"afslag\"", "x - 1"]);
        var r = await At(Compile(t, "outcome"), 5);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal("afslag", r.Outcome);
        Assert.Equal(4m, r.Outputs["hours"]);
        Assert.True(Only(r).UsedDefault);
        Assert.False(Only(r).NoRuleMatched);
        Assert.False(r.NoRuleMatched);
        Assert.Empty(r.DecisiveRows);
    }

    [Fact]
    public async Task No_match_without_a_default_is_a_visible_no_rule_matched_with_no_outcome()
    {
        var t = Table("t", HitPolicy.First, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [Row("R1", ["> 10"], ["\"bevilget\""]), Row("R2", ["< 0"], ["\"afslag\""])]);
        var r = await At(Compile(t, "outcome"), 5);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.True(r.NoRuleMatched);
        Assert.True(Only(r).NoRuleMatched);
        Assert.False(Only(r).UsedDefault);
        Assert.Null(r.Outcome);
        Assert.Null(r.Outputs["outcome"]);
        Assert.All(r.Trace, tr => Assert.False(tr.Matched));
    }

    // ---------- tables in sequence ----------

    [Theory]
    [InlineData(5, "afslag", new[] { "G1", "E2" })]
    [InlineData(50, "bevilget", new[] { "G2", "E1" })]
    // No row of 'grade' matches 500 and it has no default: 'grade' is missing, and the later table tests it with null.
    [InlineData(500, "ukendt", new[] { "E3" })]
    public async Task A_later_table_reads_an_earlier_tables_output(int x, string outcome, string[] decisive)
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
        [
            Table("grading", HitPolicy.First, ["x"], [Out("grade", ValueKind.Enum, "low", "high")],
                [Row("G1", ["< 10"], ["\"low\""]), Row("G2", ["[10..100]"], ["\"high\""])]),
            Table("decision", HitPolicy.Unique, ["grade"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget", "ukendt")],
                [Row("E1", ["\"high\""], ["\"bevilget\""]), Row("E2", ["\"low\""], ["\"afslag\""]), Row("E3", ["null"], ["\"ukendt\""])]),
        ]);
        var r = await At(VersionCompiler.Compile("hp", v), x);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(decisive, r.DecisiveRows.Select(d => d.Rule));
        Assert.Equal(decisive.Select(d => "§ " + d), r.References);
        Assert.False(r.NoRuleMatched);
    }

    [Fact]
    public void A_list_output_cannot_be_read_by_a_later_table()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
        [
            Amounts(HitPolicy.Collect),
            Table("later", HitPolicy.First, ["amount"], [Out("v", ValueKind.Decimal)], [Row("L1", ["-"], ["1"])]),
        ], outcome: "");
        var e = CompileError(() => VersionCompiler.Compile("hp", v));
        Assert.Equal(("later", "(input)", "amount"), (e.Table, e.Row, e.Column));
    }

    [Theory]
    [InlineData(HitPolicy.Priority)]
    [InlineData(HitPolicy.OutputOrder)]
    public void Priority_policies_need_declared_output_values(HitPolicy policy)
    {
        var t = Table("t", policy, ["x"], [Out("v", ValueKind.Decimal)], [Row("R1", ["-"], ["1"])]);
        var e = CompileError(() => Compile(t));
        Assert.Equal(("t", "(hitPolicy)"), (e.Table, e.Row));
    }

    [Fact]
    public void A_table_without_rows_is_a_compile_error_the_gate_can_report()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, ["x"], [Out("v", ValueKind.Decimal)], [], defaults: ["x + 1"])], outcome: "");
        var e = CompileError(() => VersionCompiler.Compile("hp", v));
        Assert.Equal(("t", "(rows)"), (e.Table, e.Row));
        var report = new Serviceloven.Engine.Validation.ValidationReport();
        Assert.Null(Serviceloven.Engine.Validation.VersionValidator.CheckVersion("hp", v, null,
            Serviceloven.Engine.Satser.SatsCatalog.Empty, Serviceloven.Engine.Satser.LookupCatalog.Empty, report));
        Assert.Contains("Tabellen har ingen rækker", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public void Aggregation_needs_collect()
    {
        var t = Amounts(HitPolicy.RuleOrder, Aggregation.Sum);
        var e = CompileError(() => Compile(t));
        Assert.Contains("kræver hit policy COLLECT", e.Message);
    }
}
