using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>
/// Conditional requiredness: an optional fact with a requiredWhen condition is required on the paths where the
/// condition holds, so leaving it out gives undetermined with the fact in missingFacts instead of an error in a cell.
/// </summary>
public class RequiredWhenTests
{
    private static FactDefinition Optional(string name, ValueKind type, string? when = null, params string[] values) =>
        Fact(name, type, false, values) with { RequiredWhen = when };

    /// <summary>
    /// Shaped like § 161: the first table decides whether payment is due; the second computes it from the income, which
    /// only the "ja" path needs.
    /// </summary>
    private static RulesetVersion Payment(string? incomeRequiredWhen) => Version(
        [
            Fact("kind", ValueKind.Enum, true, "temporary", "permanent"),
            Optional("income", ValueKind.Decimal, incomeRequiredWhen),
        ],
        [
            Table("liability", HitPolicy.First, ["kind"], [Out("liable", ValueKind.Enum, "ja", "nej")],
                [Row("L1", ["\"permanent\""], ["\"nej\""]), Row("L2", ["-"], ["\"ja\""])]),
            Table("amount", HitPolicy.First, ["liable"], [Out("perHour", ValueKind.Decimal)],
                [Row("A0", ["\"nej\""], ["0"]), Row("A1", ["\"ja\""], ["floor(income / 2700)"])]),
            Table("outcome", HitPolicy.First, ["perHour"], [Out("outcome", ValueKind.Enum, "betaling", "ingen-betaling")],
                [Row("U1", ["> 0"], ["\"betaling\""]), Row("U2", ["-"], ["\"ingen-betaling\""])]),
        ]);

    [Fact]
    public async Task Without_a_condition_the_missing_fact_fails_inside_the_cell()
    {
        var r = await Run(VersionCompiler.Compile("rw", Payment(null)), new Dictionary<string, object?> { ["kind"] = "temporary" });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal(("missing-value", "amount", "A1"), (r.Error!.Kind, r.Error.Table, r.Error.Rule));
    }

    [Fact]
    public async Task With_a_condition_on_an_earlier_output_the_path_that_needs_the_fact_is_undetermined()
    {
        var cv = VersionCompiler.Compile("rw", Payment("liable = \"ja\""));
        var r = await Run(cv, new Dictionary<string, object?> { ["kind"] = "temporary" });
        Assert.Equal(EvaluationStatus.Undetermined, r.Status);
        Assert.Equal(["income"], r.MissingFacts);
        Assert.Null(r.Error);
        Assert.Null(r.Outcome);
        // It stopped right after the table the condition reads: that table is in the trace, the later ones are not.
        Assert.Equal(["liability"], r.Tables.Select(t => t.Table));
        Assert.Equal(["L1", "L2"], r.Trace.Select(t => t.Rule));
        Assert.Equal("ja", r.Values["liable"]);
    }

    [Fact]
    public async Task A_path_that_does_not_need_the_fact_is_determined_without_it()
    {
        var cv = VersionCompiler.Compile("rw", Payment("liable = \"ja\""));
        var r = await Run(cv, new Dictionary<string, object?> { ["kind"] = "permanent" });
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal("ingen-betaling", r.Outcome);
        Assert.Empty(r.MissingFacts);
    }

    [Fact]
    public async Task Given_the_fact_the_path_that_needs_it_is_determined()
    {
        var cv = VersionCompiler.Compile("rw", Payment("liable = \"ja\""));
        var r = await Run(cv, new Dictionary<string, object?> { ["kind"] = "temporary", ["income"] = 5401m });
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal(2m, r.Outputs["perHour"]);
        Assert.Equal(["liable", "perHour", "outcome"], r.Tables.SelectMany(t => t.Outputs.Keys));
    }

    [Fact]
    public async Task The_checkpoint_is_after_the_last_table_the_condition_reads()
    {
        var cv = VersionCompiler.Compile("rw", Payment("liable = \"ja\""));
        var c = Assert.Single(cv.Conditions);
        Assert.Equal((1, 2), (c.FactIndex, c.Checkpoint));
        Assert.Equal(["liable"], c.Reads);
        Assert.Same(c, Assert.Single(cv.ConditionsAt[2]));
        Assert.All(new[] { 0, 1, 3, 4 }, i => Assert.Empty(cv.ConditionsAt[i]));
    }

    /// <summary>Facts a and b required, c required when a is "x", d required when the derived value 'big' holds.</summary>
    private static CompiledVersion FactLevel() => VersionCompiler.Compile("rw", Version(
        [
            Fact("a", ValueKind.Enum, true, "x", "y"),
            Fact("b", ValueKind.Decimal),
            Optional("c", ValueKind.Bool, "a = \"x\""),
            Optional("d", ValueKind.Decimal, "big"),
        ],
        [Table("t", HitPolicy.First, ["a", "c"], [Out("outcome", ValueKind.Enum, "ja", "nej")],
            [Row("R1", ["\"x\"", "true"], ["\"ja\""]), Row("R2", ["-", "-"], ["\"nej\""])])],
        [new DerivedValue { Name = "big", Type = ValueKind.Bool, Label = "stor", Expression = "b > 100" }]));

    [Fact]
    public async Task A_condition_over_facts_is_checked_before_anything_runs_and_listed_with_the_required_facts()
    {
        var cv = FactLevel();
        Assert.Equal([0, 1], cv.Conditions.Select(c => c.Checkpoint));
        // b is missing as well: the condition on c reads only a, so c is named too; d's condition reads b (via 'big')
        // and is not checked while b is missing.
        var r = await Run(cv, new Dictionary<string, object?> { ["a"] = "x" });
        Assert.Equal(EvaluationStatus.Undetermined, r.Status);
        Assert.Equal(["b", "c"], r.MissingFacts);
        Assert.Empty(r.Trace);
        Assert.Empty(r.Values);
    }

    [Fact]
    public async Task A_condition_over_a_derived_value_is_checked_after_the_derived_values()
    {
        var cv = FactLevel();
        var r = await Run(cv, new Dictionary<string, object?> { ["a"] = "y", ["b"] = 500m });
        Assert.Equal(EvaluationStatus.Undetermined, r.Status);
        Assert.Equal(["d"], r.MissingFacts);
        Assert.Empty(r.Trace);
        Assert.Equal(true, r.Values["big"]);

        var determined = await Run(cv, new Dictionary<string, object?> { ["a"] = "y", ["b"] = 50m });
        Assert.Equal(EvaluationStatus.Determined, determined.Status);
        Assert.Equal("nej", determined.Outcome);
    }

    [Fact]
    public async Task A_condition_that_reads_an_optional_fact_not_given_is_an_error_naming_the_fact_and_its_condition()
    {
        var cv = VersionCompiler.Compile("rw", Version(
            [Fact("a", ValueKind.Decimal), Optional("flag", ValueKind.Bool), Optional("c", ValueKind.Decimal, "flag and a > 1")],
            [Table("t", HitPolicy.First, ["a"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R1", ["-"], ["\"ja\""])])]));
        var r = await Run(cv, new Dictionary<string, object?> { ["a"] = 2m });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal(("missing-value", "(fakta)", "c", "requiredWhen"), (r.Error!.Kind, r.Error.Table, r.Error.Rule, r.Error.Column));
        Assert.Contains("'flag'", r.Error.Message);

        // Guarded with known(), the same condition decides.
        var guarded = VersionCompiler.Compile("rw", Version(
            [Fact("a", ValueKind.Decimal), Optional("flag", ValueKind.Bool), Optional("c", ValueKind.Decimal, "known(flag) and flag and a > 1")],
            [Table("t", HitPolicy.First, ["a"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R1", ["-"], ["\"ja\""])])]));
        Assert.Equal(EvaluationStatus.Determined, (await Run(guarded, new Dictionary<string, object?> { ["a"] = 2m })).Status);
        var needs = await Run(guarded, new Dictionary<string, object?> { ["a"] = 2m, ["flag"] = true });
        Assert.Equal(["c"], needs.MissingFacts);
    }

    [Fact]
    public async Task Chained_conditions_name_every_fact_missing_on_the_path_whatever_their_order()
    {
        // 'first' is required when 'second' is "x"; 'second' when a is true. Declared in that order on purpose.
        var cv = VersionCompiler.Compile("rw", Version(
            [
                Fact("a", ValueKind.Bool),
                Optional("first", ValueKind.Decimal, "second = \"x\""),
                Optional("second", ValueKind.Enum, "a", "x", "y"),
            ],
            [Table("t", HitPolicy.First, ["a"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R1", ["-"], ["\"ja\""])])]));
        var r = await Run(cv, new Dictionary<string, object?> { ["a"] = true });
        Assert.Equal(EvaluationStatus.Undetermined, r.Status);
        Assert.Equal(["second"], r.MissingFacts);
        var next = await Run(cv, new Dictionary<string, object?> { ["a"] = true, ["second"] = "x" });
        Assert.Equal(["first"], next.MissingFacts);
        Assert.Equal(EvaluationStatus.Determined, (await Run(cv, new Dictionary<string, object?> { ["a"] = true, ["second"] = "y" })).Status);
    }

    // ---------- the gate: the condition compiles ----------

    private static CellError ConditionError(FactDefinition[] facts, DecisionTable[]? tables = null, DerivedValue[]? derived = null) =>
        CompileError(() => VersionCompiler.Compile("rw", Version(facts,
            tables ?? [Table("t", HitPolicy.First, ["a"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R1", ["-"], ["\"ja\""])])],
            derived)));

    [Theory]
    [InlineData("a +", "tegn")]
    [InlineData("a + 1", "skal være ja/nej")]
    [InlineData("unknownName", "Ukendt navn 'unknownName'")]
    [InlineData("a.GetType()", "")]
    [InlineData("c > 1", "kan ikke læse faktummet selv")]
    [InlineData("known(c)", "kan ikke læse faktummet selv")]
    public void A_condition_that_does_not_compile_is_refused_at_the_fact(string condition, string message)
    {
        var e = ConditionError([Fact("a", ValueKind.Decimal), Optional("c", ValueKind.Decimal, condition)]);
        Assert.Equal(("(fakta)", "c", "requiredWhen", condition), (e.Table, e.Row, e.Column, e.Cell));
        if (message != "tegn") Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_condition_on_a_fact_that_is_always_required_is_refused()
    {
        var e = ConditionError([Fact("a", ValueKind.Decimal), Fact("c", ValueKind.Decimal) with { RequiredWhen = "a > 1" }]);
        Assert.Contains("\"required\": false", e.Message);
    }

    [Fact]
    public void A_fact_read_before_its_condition_can_be_checked_is_refused_naming_where()
    {
        var e = ConditionError(
            [Fact("a", ValueKind.Decimal), Optional("c", ValueKind.Decimal, "x = \"ja\"")],
            [
                Table("t1", HitPolicy.First, ["a"], [Out("y", ValueKind.Decimal)], [Row("R1", ["-"], ["c * 2"])]),
                Table("t2", HitPolicy.First, ["a"], [Out("x", ValueKind.Enum, "ja", "nej")], [Row("R2", ["-"], ["\"ja\""])]),
                Table("t3", HitPolicy.First, ["x"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R3", ["-"], ["\"ja\""])]),
            ]);
        Assert.Contains("tabel 't1', række 'R1'", e.Message);

        // Reading it only through known(), or testing its own input column, is safe before the check.
        var cv = VersionCompiler.Compile("rw", Version(
            [Fact("a", ValueKind.Decimal), Optional("c", ValueKind.Decimal, "x = \"ja\"")],
            [
                Table("t1", HitPolicy.First, ["c"], [Out("y", ValueKind.Bool)], [Row("R1", ["> 1"], ["known(c)"])], defaults: ["false"]),
                Table("t2", HitPolicy.First, ["a"], [Out("x", ValueKind.Enum, "ja", "nej")], [Row("R2", ["-"], ["\"ja\""])]),
                Table("t3", HitPolicy.First, ["x"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R3", ["-"], ["\"ja\""])]),
            ]));
        Assert.Equal(3, Assert.Single(cv.Conditions).Checkpoint);
    }

    [Fact]
    public void The_publish_gate_reports_a_condition_that_does_not_compile()
    {
        var v = Version([Fact("a", ValueKind.Decimal), Optional("c", ValueKind.Decimal, "a >")],
            [Table("t", HitPolicy.First, ["a"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R1", ["-"], ["\"ja\""])])]);
        var report = new ValidationReport();
        Assert.Null(VersionValidator.CheckVersion("rw", v, null, SatsCatalog.Empty, LookupCatalog.Empty, report));
        var error = Assert.Single(report.Errors);
        Assert.StartsWith("(fakta)/c/requiredWhen", error.Where);
        Assert.Contains("(celle: a >)", error.Message);
    }

    [Fact]
    public void A_condition_may_use_a_sats_and_the_version_records_it()
    {
        var satser = new SatsCatalog([Sats("rw.graense", ("2024-01-01", null, 100m))]);
        var cv = VersionCompiler.Compile("rw", Version(
            [Fact("a", ValueKind.Decimal), Optional("c", ValueKind.Decimal, "a > sats(\"rw.graense\")")],
            [Table("t", HitPolicy.First, ["a"], [Out("outcome", ValueKind.Enum, "ja")], [Row("R1", ["-"], ["\"ja\""])])]), satser);
        Assert.Contains("rw.graense", cv.UsedSats);
    }

    // ---------- the rules/ file ----------

    [Fact]
    public void A_version_file_carries_the_condition_and_writes_it_back_after_required()
    {
        const string json = """
            {
              "validFrom": "2018-01-01",
              "facts": [
                { "name": "a", "type": "bool", "label": "A" },
                { "name": "c", "type": "decimal", "label": "C", "required": false, "requiredWhen": "a" }
              ],
              "tables": [ { "id": "t", "inputs": [ { "name": "a" } ], "outputs": [ { "name": "outcome", "type": "text" } ],
                "rows": [ { "id": "R1", "when": ["-"], "then": ["\"ja\""] } ] } ]
            }
            """;
        var v = SchemaCatalog.Read<RulesetVersion>(json, RulesFileKind.Version, "rules/rw/versions/2018-01-01.json");
        Assert.Equal("a", v.Facts[1].RequiredWhen);
        Assert.Null(v.Facts[0].RequiredWhen);
        var written = RulesJson.Serialize(v);
        Assert.Contains("\"required\": false,\n      \"requiredWhen\": \"a\"", written);
        Assert.DoesNotContain("requiredWhen", written[..written.IndexOf("\"c\"", StringComparison.Ordinal)]);
        var empty = Assert.Throws<RulesFileException>(() => SchemaCatalog.Read<RulesetVersion>(
            json.Replace("\"requiredWhen\": \"a\"", "\"requiredWhen\": \"\""), RulesFileKind.Version, "f.json"));
        Assert.Contains(empty.Problems, p => p.StartsWith("/facts/1/requiredWhen:", StringComparison.Ordinal));
    }
}
