using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.HitPolicies;

/// <summary>
/// Per hit policy, the trace marks the rows the table's result was taken from, and names the policy on every row:
/// a FIRST table with two matching rows says which one decided.
/// </summary>
public class DecisiveRowsTests
{
    // x = 10 matches R1 and R2; R3 never matches here.
    private static async Task<EvaluationResult> Evaluate(HitPolicy policy, Aggregation? aggregation, decimal x, bool withDefault = false, string[]? outputs = null)
    {
        var numeric = aggregation is Aggregation.Sum;
        outputs ??= numeric ? ["1", "2", "3"] : ["\"a\"", "\"b\"", "\"c\""];
        var output = numeric ? Out("v", ValueKind.Decimal) : Out("v", ValueKind.Enum, "b", "a", "c");
        var table = Table("t", policy, ["x"], [output],
        [
            Row("R1", ["> 0"], [outputs[0]]),
            Row("R2", ["> 5"], [outputs[1]]),
            Row("R3", ["< 0"], [outputs[2]]),
        ], aggregation, withDefault ? [numeric ? "0" : "\"c\""] : null);
        var cv = VersionCompiler.Compile("hp", Version([Fact("x", ValueKind.Decimal)], [table], outcome: ""));
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = x });
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        return r;
    }

    private static string[] Decisive(EvaluationResult r) => r.Trace.Where(t => t.Decisive).Select(t => t.Rule).ToArray();

    [Theory]
    [InlineData(HitPolicy.First, null, "FIRST", new[] { "R1" })]
    [InlineData(HitPolicy.Priority, null, "PRIORITY", new[] { "R2" })]
    [InlineData(HitPolicy.Collect, null, "COLLECT", new[] { "R1", "R2" })]
    [InlineData(HitPolicy.Collect, Aggregation.Sum, "COLLECT SUM", new[] { "R1", "R2" })]
    [InlineData(HitPolicy.RuleOrder, null, "RULE ORDER", new[] { "R1", "R2" })]
    [InlineData(HitPolicy.OutputOrder, null, "OUTPUT ORDER", new[] { "R1", "R2" })]
    public async Task Two_matching_rows_are_marked_decisive_as_the_policy_takes_them(HitPolicy policy, Aggregation? aggregation, string name, string[] decisive)
    {
        var r = await Evaluate(policy, aggregation, 10);
        Assert.Equal(["R1", "R2"], r.Trace.Where(t => t.Matched).Select(t => t.Rule));
        Assert.Equal(decisive, Decisive(r));
        Assert.All(r.Trace, t => Assert.Equal(name, t.HitPolicy));
        Assert.Equal(decisive, r.Tables.Single().DecisiveRules);
    }

    [Fact]
    public async Task Unique_marks_its_one_matching_row()
    {
        var r = await Evaluate(HitPolicy.Unique, null, 3);
        Assert.Equal(["R1"], Decisive(r));
        Assert.All(r.Trace, t => Assert.Equal("UNIQUE", t.HitPolicy));
    }

    [Fact]
    public async Task Any_marks_every_matching_row_since_they_agree()
    {
        var r = await Evaluate(HitPolicy.Any, null, 10, outputs: ["\"a\"", "\"a\"", "\"c\""]);
        Assert.Equal(["R1", "R2"], Decisive(r));
        Assert.All(r.Trace, t => Assert.Equal("ANY", t.HitPolicy));
    }

    [Theory]
    [InlineData(HitPolicy.First)]
    [InlineData(HitPolicy.Unique)]
    [InlineData(HitPolicy.Collect)]
    public async Task No_row_is_decisive_when_the_default_gave_the_result(HitPolicy policy)
    {
        var r = await Evaluate(policy, null, 0, withDefault: true);
        Assert.Empty(Decisive(r));
        Assert.True(r.Tables.Single().UsedDefault);
    }

    [Fact]
    public async Task A_matching_row_that_did_not_decide_is_matched_but_not_decisive()
    {
        var r = await Evaluate(HitPolicy.First, null, 10);
        var second = r.Trace.Single(t => t.Rule == "R2");
        Assert.True(second.Matched);
        Assert.False(second.Decisive);
        Assert.Null(second.Failed);
        Assert.Null(second.FailedCell);
    }
}
