using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Adversarial.Tests.EngineFuzz;

/// <summary>
/// Found by the cell fuzz: a whole number beyond the range of a long is a valid decimal in the cell language, but the
/// emitted literal made System.Linq.Dynamic.Core throw its own ParseException out of VersionCompiler.Compile.
/// </summary>
public sealed class CellLiteralTests
{
    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551616")]
    [InlineData("12345678901234567890123.5")]
    [InlineData("-9223372036854775808")]
    public async Task A_number_of_any_size_decimal_holds_compiles_and_keeps_its_value_in_an_expression(string literal)
    {
        var version = new RulesetVersion
        {
            ValidFrom = new DateOnly(2018, 1, 1),
            Facts = [new FactDefinition { Name = "flag", Type = ValueKind.Bool, Label = "flag", Required = false },
                     new FactDefinition { Name = "zero", Type = ValueKind.Decimal, Label = "nul" }],
            Tables =
            [
                new DecisionTable
                {
                    Id = "t", HitPolicy = HitPolicy.First, Inputs = [new TableInput { Name = "flag" }],
                    Outputs = [new TableOutput { Name = "value", Type = ValueKind.Decimal }],
                    Rows = [new TableRow { Id = "R1", When = ["-"], Then = [literal + " + zero"], Ref = "§ 1", Reason = "r" }],
                },
            ],
            Outcome = "",
        };
        var cv = VersionCompiler.Compile("tal", version);
        var result = await Evaluator.EvaluateAsync(cv, new DateOnly(2024, 1, 1), FactBinder.Bind(cv.Facts, new Dictionary<string, object?> { ["zero"] = 0m }), SatsCatalog.Empty, LookupCatalog.Empty);
        var value = Assert.IsType<decimal>(result.Outputs["value"]);
        Assert.Equal(decimal.Parse(literal, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(literal, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
