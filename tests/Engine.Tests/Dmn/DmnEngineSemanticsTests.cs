using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>Engine behaviour DMN models rely on: numeric priorities and versions without an outcome code.</summary>
public class DmnEngineSemanticsTests
{
    [Fact]
    public async Task Priority_ranks_number_outputs_by_their_declared_value_order()
    {
        var v = Version([Fact("age", ValueKind.Decimal)],
            [Table("discount", HitPolicy.Priority, ["age"], [Out("discount", ValueKind.Decimal, "0.10", "0.05", "0")],
            [
                Row("R1", ["-"], ["0"]),
                Row("R2", ["> 60"], ["0.05"]),
                Row("R3", ["> 70"], ["0.1"]),
            ])], outcome: "");
        var cv = VersionCompiler.Compile("t", v);
        Assert.Equal(0.1m, (await Evaluate(cv, new { age = 75m })).Outputs["discount"]);
        Assert.Equal(0.05m, (await Evaluate(cv, new { age = 65m })).Outputs["discount"]);
        Assert.Equal(0m, (await Evaluate(cv, new { age = 20m })).Outputs["discount"]);
    }

    [Fact]
    public async Task Output_order_sorts_number_outputs_by_declared_order_not_by_rule_order()
    {
        var v = Version([Fact("age", ValueKind.Decimal)],
            [Table("levels", HitPolicy.OutputOrder, ["age"], [Out("level", ValueKind.Decimal, "3", "1", "2")],
            [
                Row("R1", ["-"], ["1"]),
                Row("R2", ["-"], ["2.00"]),
                Row("R3", ["-"], ["3"]),
            ])], outcome: "");
        var r = await Evaluate(VersionCompiler.Compile("t", v), new { age = 1m });
        Assert.Equal([3m, 1m, 2m], (List<object?>)r.Outputs["level"]!);
    }

    [Fact]
    public async Task A_version_with_an_empty_outcome_compiles_and_has_no_outcome_code()
    {
        var v = Version([Fact("years", ValueKind.Decimal)],
            [Table("salary", HitPolicy.Collect, ["years"], [Out("salary", ValueKind.Decimal)],
                [Row("R1", ["> 1"], ["100"]), Row("R2", ["> 2"], ["200"])], Aggregation.Sum)], outcome: "");
        var r = await Evaluate(VersionCompiler.Compile("t", v), new { years = 3m });
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal(300m, r.Outputs["salary"]);
    }

    [Theory]
    [InlineData(null, "empty list")]
    [InlineData(Aggregation.Count, 0)]
    [InlineData(Aggregation.Sum, null)]
    [InlineData(Aggregation.Min, null)]
    public async Task Collect_without_a_match_gives_an_empty_list_a_zero_count_or_null_as_dmn_does(Aggregation? aggregation, object? expected)
    {
        var v = Version([Fact("years", ValueKind.Decimal)],
            [Table("salary", HitPolicy.Collect, ["years"], [Out("salary", ValueKind.Decimal)],
                [Row("R1", ["> 10"], ["100"])], aggregation)], outcome: "");
        var r = await Evaluate(VersionCompiler.Compile("t", v), new { years = 3m });
        var actual = r.Outputs["salary"];
        if (expected is "empty list") Assert.Empty(Assert.IsType<List<object?>>(actual));
        else Assert.Equal(expected is int n ? (decimal)n : null, actual);
    }

    [Fact]
    public void A_named_outcome_that_no_table_decides_is_still_refused()
    {
        var v = Version([Fact("years", ValueKind.Decimal)],
            [Table("salary", HitPolicy.First, ["years"], [Out("salary", ValueKind.Decimal)], [Row("R1", ["-"], ["1"])])]);
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", v));
        Assert.Contains("'outcome' er ikke et resultat", ex.Message);
    }
}
