using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>Every kind of evaluation error is reported as an error with its place, never as a result.</summary>
public class ErrorKindTests
{
    [Fact]
    public async Task A_number_too_large_is_an_overflow_error()
    {
        var cv = OutputCellVersion("x * x", ValueKind.Decimal, [Fact("x", ValueKind.Decimal)]);
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = 1e20m });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal(("overflow", "t", "R1", "v"), (r.Error!.Kind, r.Error.Table, r.Error.Rule, r.Error.Column));
        Assert.Equal("Tallet blev for stort.", r.Error.Message);
    }

    [Fact]
    public async Task Division_by_zero_in_a_default_is_attributed_to_the_default()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, ["x"], [Out("v", ValueKind.Decimal)], [Row("R1", ["> 0"], ["1"])], defaults: ["1 / x"])], outcome: "");
        var cv = VersionCompiler.Compile("ek", v);
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = 0m });
        Assert.Equal(("division-by-zero", "t", "(default)", "v"), (r.Error!.Kind, r.Error.Table, r.Error.Rule, r.Error.Column));
        Assert.Equal(-0.5m, (await Run(cv, new Dictionary<string, object?> { ["x"] = -2m })).Outputs["v"]);
    }

    private static LookupCatalog Pension() => new([new LookupTable
    {
        Key = "folkepensionsalder", Label = "Folkepensionsalder",
        Editions =
        [
            new LookupEdition
            {
                ValidFrom = D("2019-01-01"), Source = "lov",
                Rows = [new LookupRow { From = D("1955-01-01"), To = D("1962-12-31"), Value = 67 }],
            },
        ],
    }]);

    [Theory]
    [InlineData("1954-12-31", "2024-03-01", "har ingen række for 31. december 1954")]
    [InlineData("1960-01-01", "2018-12-31", "har ingen udgave gældende den 31. december 2018")]
    public async Task A_lookup_without_a_row_or_edition_is_an_error(string birthDate, string decisionDate, string message)
    {
        var lookups = Pension();
        var cv = OutputCellVersion("lookup(\"folkepensionsalder\", birthDate)", ValueKind.Decimal, [Fact("birthDate", ValueKind.Date)], lookups: lookups);
        var r = await Run(cv, new Dictionary<string, object?> { ["birthDate"] = D(birthDate) }, D(decisionDate), lookups: lookups);
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal("lookup-missing", r.Error!.Kind);
        Assert.Contains("'folkepensionsalder'", r.Error.Message);
        Assert.Contains(message, r.Error.Message);
        Assert.Equal(67m, await Value(cv, new Dictionary<string, object?> { ["birthDate"] = D("1960-01-01") }, lookups: lookups));
    }

    [Fact]
    public async Task An_error_in_a_later_table_leaves_no_outcome_even_when_an_earlier_table_decided_one()
    {
        var v = Version([Fact("x", ValueKind.Decimal), Fact("y", ValueKind.Decimal)],
        [
            Table("decision", HitPolicy.First, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")], [Row("D1", ["-"], ["\"afslag\""])]),
            Table("amount", HitPolicy.First, ["outcome"], [Out("perMonth", ValueKind.Decimal)], [Row("M1", ["-"], ["x / y"])]),
        ]);
        var r = await Run(VersionCompiler.Compile("ek", v), new Dictionary<string, object?> { ["x"] = 1m, ["y"] = 0m });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Empty(r.Outputs);
        Assert.Empty(r.References);
    }

    public static TheoryData<object> NumbersThatAreNotDecimals => new() { double.NaN, double.PositiveInfinity, 1e30d, double.MinValue };

    [Theory]
    [MemberData(nameof(NumbersThatAreNotDecimals))]
    public async Task A_clr_number_that_no_decimal_can_hold_is_invalid_input_not_a_crash(object value)
    {
        var cv = OutputCellVersion("x", ValueKind.Decimal, [Fact("x", ValueKind.Decimal)]);
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = value });
        Assert.Equal(EvaluationStatus.InvalidInput, r.Status);
        Assert.Equal("x", Assert.Single(r.FactErrors).Fact);
    }
}
