using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests;

public class SmokeTests
{
    [Fact]
    public async Task First_hit_table_with_derived_age_explains_each_row()
    {
        var v = Version(
            [Fact("birthDate", ValueKind.Date), Fact("hasBpa", ValueKind.Bool)],
            [Table("eligibility", HitPolicy.First, ["hasBpa", "age"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget"), Out("hours", ValueKind.Decimal)],
            [
                Row("R1", ["true", "-"], ["\"afslag\"", "0"]),
                Row("R2", ["-", "< 18"], ["\"afslag\"", "0"]),
                Row("R3", ["-", "-"], ["\"bevilget\"", "15"]),
            ])],
            [new DerivedValue { Name = "age", Type = ValueKind.Int, Label = "alder", Expression = "ageAt(birthDate, decisionDate)" }]);
        var cv = VersionCompiler.Compile("t", v);
        var r = await Evaluate(cv, new { birthDate = new DateOnly(2007, 3, 2), hasBpa = false });
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal("afslag", r.Outcome);
        Assert.Equal("HasBpa skal være ja, var nej", r.Trace[0].Failed);
        Assert.True(r.Trace[1].Matched);
        Assert.Equal(["§ R2"], r.References);
        var r2 = await Evaluate(cv, new { birthDate = new DateOnly(2006, 3, 1), hasBpa = false });
        Assert.Equal("bevilget", r2.Outcome);
        Assert.Equal(15m, r2.Outputs["hours"]);
        Assert.Equal("Alder skal være under 18, var 18", r2.Trace[1].Failed);
    }
}

public class TraceComparedValueTests
{
    [Fact]
    public async Task A_failed_cell_that_compares_with_another_value_shows_that_value_too()
    {
        var v = Version(
            [Fact("birthDate", ValueKind.Date)],
            [Table("limit", HitPolicy.First, ["decisionDate"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [
                Row("R1", [">= limitDate"], ["\"afslag\""]),
                Row("R2", ["-"], ["\"bevilget\""]),
            ])],
            [new DerivedValue { Name = "limitDate", Type = ValueKind.Date, Label = "aldersgrænsen", Expression = "addYears(birthDate, 67)" }]);
        var cv = VersionCompiler.Compile("t", v);
        var r = await Evaluate(cv, new { birthDate = new DateOnly(1990, 5, 1) });
        Assert.Equal("Afgørelsesdato skal være tidligst aldersgrænsen, var 1. marts 2024, aldersgrænsen var 1. maj 2057", r.Trace[0].Failed);
    }
}
