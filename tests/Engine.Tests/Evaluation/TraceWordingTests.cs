using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>
/// The trace's failed text is Danish through and through: the facts' labels, the labels of their choices, their units,
/// and words for the cell's test, never the cell language; the cell itself is kept apart for programs.
/// </summary>
public class TraceWordingTests
{
    private static FactDefinition Choice(string name, string label, bool required, params (string Value, string Label)[] values) =>
        new() { Name = name, Type = ValueKind.Enum, Label = label, Required = required, Values = values.Select(v => new EnumValue { Value = v.Value, Label = v.Label }).ToList() };

    private static readonly FactDefinition[] Facts =
    [
        LabeledFact("hasBpa", ValueKind.Bool, "Har hjælpeordning efter § 96"),
        Choice("cause", "Årsag", true, ("physical", "Fysisk funktionsnedsættelse"), ("mental", "Psykisk funktionsnedsættelse"), ("socialCauses", "Sociale årsager")),
        LabeledFact("hours", ValueKind.Decimal, "Ønskede timer") with { Unit = "timer pr. måned" },
        LabeledFact("grantDate", ValueKind.Date, "Bevillingsdato", required: false),
        LabeledFact("income", ValueKind.Decimal, "Indtægt") with { Unit = "kr." },
    ];

    private static readonly SatsCatalog Satser = new(
    [
        new SatsSeries
        {
            Key = "sel-161.indkomstgraense", Label = "Indkomstgrænsen", Unit = "kr.",
            Values = [new SatsValue { ValidFrom = new DateOnly(2024, 1, 1), Value = 200_000m, Source = "bekendtgørelsen" }],
        },
    ]);

    /// <summary>The failed text and cell of the single row of a table over <paramref name="input"/> with <paramref name="cell"/>.</summary>
    private static async Task<RowTrace> Failing(string input, string cell, Dictionary<string, object?> facts)
    {
        var v = Version(Facts,
            [Table("t", HitPolicy.First, [input], [Out("outcome", ValueKind.Enum, "ja", "nej")], [Row("R1", [cell], ["\"ja\""])], defaults: ["\"nej\""])]);
        var values = new Dictionary<string, object?> { ["hasBpa"] = false, ["cause"] = "socialCauses", ["hours"] = 20m, ["income"] = 250_000m };
        foreach (var (k, x) in facts) values[k] = x;
        var r = await Run(VersionCompiler.Compile("ord", v, Satser), values, satser: Satser);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        var row = Assert.Single(r.Trace);
        Assert.False(row.Matched);
        return row;
    }

    [Theory]
    [InlineData("hasBpa", "true", "Har hjælpeordning efter § 96 skal være ja, var nej")]
    [InlineData("hasBpa", "not(false)", "Har hjælpeordning efter § 96 skal ikke være nej, var nej")]
    [InlineData("cause", "\"physical\"", "Årsag skal være fysisk funktionsnedsættelse, var sociale årsager")]
    [InlineData("cause", "\"physical\", \"mental\"", "Årsag skal være fysisk funktionsnedsættelse eller psykisk funktionsnedsættelse, var sociale årsager")]
    [InlineData("cause", "not(\"socialCauses\")", "Årsag skal ikke være sociale årsager, var sociale årsager")]
    [InlineData("hours", "<= 15", "Ønskede timer skal være højst 15 timer pr. måned, var 20 timer pr. måned")]
    [InlineData("hours", "[1..10]", "Ønskede timer skal være mindst 1 timer pr. måned og højst 10 timer pr. måned, var 20 timer pr. måned")]
    [InlineData("hours", "(0..15)", "Ønskede timer skal være over 0 timer pr. måned og under 15 timer pr. måned, var 20 timer pr. måned")]
    [InlineData("grantDate", "not(null)", "Bevillingsdato skal være oplyst, var ikke oplyst")]
    [InlineData("grantDate", "< date(\"2024-01-01\")", "Bevillingsdato skal være før 1. januar 2024, var ikke oplyst")]
    [InlineData("decisionDate", "> date(\"2024-12-31\")", "Afgørelsesdato skal være efter 31. december 2024, var 1. marts 2024")]
    [InlineData("income", "< sats(\"sel-161.indkomstgraense\")", "Indtægt skal være under indkomstgrænsen, var 250.000,00 kr., indkomstgrænsen var 200.000,00 kr.")]
    public async Task Failed_cells_read_as_Danish_requirements_with_labels_units_and_choices(string input, string cell, string expected)
    {
        var row = await Failing(input, cell, []);
        Assert.Equal(expected, row.Failed);
        Assert.Equal(input, row.FailedCell!.Input);
        Assert.Equal(cell, row.FailedCell.Cell);
    }

    [Fact]
    public async Task A_fact_given_where_none_was_expected_reads_skal_ikke_vaere_oplyst()
    {
        var row = await Failing("grantDate", "null", new() { ["grantDate"] = new DateOnly(2023, 5, 1) });
        Assert.Equal("Bevillingsdato skal ikke være oplyst, var 1. maj 2023", row.Failed);
        Assert.Equal(new DateOnly(2023, 5, 1), row.FailedCell!.Value);
    }

    [Theory]
    [InlineData("hasBpa", "true")]
    [InlineData("cause", "\"physical\", \"mental\"")]
    [InlineData("grantDate", "not(null)")]
    [InlineData("hours", "<= 15")]
    [InlineData("decisionDate", "> date(\"2024-12-31\")")]
    public async Task No_cell_language_is_left_in_the_failed_text(string input, string cell)
    {
        var failed = (await Failing(input, cell, [])).Failed!;
        foreach (var code in new[] { "true", "false", "null", "not(", "date(", "<", ">", "\"", "physical", "hasBpa", "grantDate", "decisionDate" })
            Assert.DoesNotContain(code, failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_machine_readable_cell_keeps_the_actual_value_in_its_own_type()
    {
        var row = await Failing("hours", "<= 15", []);
        Assert.Equal(new FailedCell("hours", "<= 15", 20m), row.FailedCell);
        Assert.Equal("FIRST", row.HitPolicy);
    }
}
