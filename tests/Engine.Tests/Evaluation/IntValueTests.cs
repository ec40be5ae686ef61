using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Validation;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>
/// A value declared int is a whole number, as the gate assumes when it decides that '&lt; 3' and '&gt; 2' cannot both
/// hold: a computed int that is not whole is an error naming it, never a value that slips between two rows.
/// </summary>
public class IntValueTests
{
    private static RulesetVersion Halves() => Version([Fact("x", ValueKind.Int)],
        [
            Table("level", HitPolicy.First, ["x"], [Out("level", ValueKind.Int)], [Row("L1", ["-"], ["x / 2"])]),
            Table("decision", HitPolicy.Unique, ["half"], [Out("outcome", ValueKind.Enum, "lav", "hoej")],
                [Row("D1", ["< 3"], ["\"lav\""]), Row("D2", ["> 2"], ["\"hoej\""])]),
        ],
        [new DerivedValue { Name = "half", Type = ValueKind.Int, Label = "halvdel", Expression = "x / 2" }]);

    [Fact]
    public void The_gate_finds_no_overlap_between_less_than_3_and_greater_than_2_on_an_int()
    {
        var report = new ValidationReport();
        VersionValidator.CheckUniqueOverlaps("iv", Halves(), report);
        Assert.Empty(report.Issues);
    }

    [Theory]
    [InlineData(4, "lav", 2)]
    [InlineData(6, "hoej", 3)]
    public async Task Whole_results_are_int_values(int x, string outcome, int level)
    {
        var r = await Run(VersionCompiler.Compile("iv", Halves()), new Dictionary<string, object?> { ["x"] = x });
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal((decimal)level, r.Outputs["level"]);
    }

    [Fact]
    public async Task A_derived_int_that_is_not_whole_is_an_error_naming_it()
    {
        var r = await Run(VersionCompiler.Compile("iv", Halves()), new Dictionary<string, object?> { ["x"] = 5 });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal(("(afledte værdier)", "half"), (r.Error!.Table, r.Error.Column));
        Assert.Contains("'half' skal være et heltal", r.Error.Message);
    }

    [Fact]
    public async Task An_int_output_that_is_not_whole_is_an_error_naming_table_row_and_column()
    {
        var v = Version([Fact("x", ValueKind.Int)],
            [Table("level", HitPolicy.First, ["x"], [Out("level", ValueKind.Int)], [Row("L1", ["-"], ["x * sats(\"k\")"])])], outcome: "");
        var satser = new SatsCatalog([Sats("k", ("2020-01-01", null, 0.5m))]);
        var r = await Run(VersionCompiler.Compile("iv", v, satser), new Dictionary<string, object?> { ["x"] = 3 }, satser: satser);
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal(("level", "L1", "level"), (r.Error!.Table, r.Error.Rule, r.Error.Column));
        Assert.Contains("'level' skal være et heltal", r.Error.Message);
    }
}
