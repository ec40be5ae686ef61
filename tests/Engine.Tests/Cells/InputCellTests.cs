using System.Globalization;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;

namespace Serviceloven.Engine.Tests.Cells;

/// <summary>Every input cell construct, parsed, compiled into a version and evaluated on its boundary values.</summary>
public class InputCellTests
{
    [Theory]
    // bare literal and '=' / '=='
    [InlineData("5", "5", true)]
    [InlineData("5", "5.01", false)]
    [InlineData("= 5", "5", true)]
    [InlineData("= 5", "4.99", false)]
    [InlineData("== 5", "5", true)]
    // comparisons on both sides of the boundary
    [InlineData("< 18", "17.99", true)]
    [InlineData("< 18", "18", false)]
    [InlineData("<= 18", "18", true)]
    [InlineData("<= 18", "18.01", false)]
    [InlineData("> 20", "20", false)]
    [InlineData("> 20", "20.01", true)]
    [InlineData(">= 67", "66.99", false)]
    [InlineData(">= 67", "67", true)]
    [InlineData("!= 5", "5", false)]
    [InlineData("!= 5", "4", true)]
    [InlineData("< -5", "-5.01", true)]
    [InlineData("< -5", "-5", false)]
    // ranges: '[' and ']' closed, '(' and ')' open, ']a..b[' open on both ends
    [InlineData("[18..67)", "17", false)]
    [InlineData("[18..67)", "18", true)]
    [InlineData("[18..67)", "66.99", true)]
    [InlineData("[18..67)", "67", false)]
    [InlineData("(0..15]", "0", false)]
    [InlineData("(0..15]", "0.01", true)]
    [InlineData("(0..15]", "15", true)]
    [InlineData("(0..15]", "15.01", false)]
    [InlineData("]0..15[", "0", false)]
    [InlineData("]0..15[", "0.01", true)]
    [InlineData("]0..15[", "14.99", true)]
    [InlineData("]0..15[", "15", false)]
    [InlineData("[1.5..2.5]", "1.49", false)]
    [InlineData("[1.5..2.5]", "1.5", true)]
    [InlineData("[1.5..2.5]", "2.5", true)]
    [InlineData("[1.5..2.5]", "2.51", false)]
    // lists: any of the tests
    [InlineData("1, 2, 3", "2", true)]
    [InlineData("1, 2, 3", "4", false)]
    [InlineData("< 0, > 100", "-1", true)]
    [InlineData("< 0, > 100", "0", false)]
    [InlineData("< 0, > 100", "100", false)]
    [InlineData("< 0, > 100", "101", true)]
    // not(...): none of them
    [InlineData("not(< 0, > 100)", "-1", false)]
    [InlineData("not(< 0, > 100)", "0", true)]
    [InlineData("not(< 0, > 100)", "100", true)]
    [InlineData("not(< 0, > 100)", "101", false)]
    [InlineData("not([18..67))", "17", true)]
    [InlineData("not([18..67))", "18", false)]
    // '-' matches anything
    [InlineData("-", "-123.45", true)]
    // arithmetic in a test
    [InlineData("< 10 * 2 - 1", "18.99", true)]
    [InlineData("< 10 * 2 - 1", "19", false)]
    public async Task Number_cells_match_exactly_their_boundaries(string cell, string value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Decimal);
        Assert.Equal(expected, await Matches(cv, decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("< 18", 17, true)]
    [InlineData("< 18", 18, false)]
    [InlineData("[18..67)", 66, true)]
    [InlineData("[18..67)", 67, false)]
    [InlineData("> 17", 18, true)]
    [InlineData("> 17", 17, false)]
    public async Task Int_facts_are_tested_like_numbers(string cell, int value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Int);
        Assert.Equal(expected, await Matches(cv, value));
    }

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("true", false, false)]
    [InlineData("false", false, true)]
    [InlineData("false", true, false)]
    [InlineData("!= true", false, true)]
    [InlineData("!= true", true, false)]
    [InlineData("-", false, true)]
    public async Task Bool_cells(string cell, bool value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Bool);
        Assert.Equal(expected, await Matches(cv, value));
    }

    [Theory]
    [InlineData("\"botilbud\"", "botilbud", true)]
    [InlineData("\"botilbud\"", "Botilbud", false)]
    [InlineData("\"botilbud\"", "botilbud ", false)]
    [InlineData("\"a\",\"b\"", "b", true)]
    [InlineData("\"a\",\"b\"", "c", false)]
    [InlineData("not(\"a\",\"b\")", "a", false)]
    [InlineData("not(\"a\",\"b\")", "c", true)]
    [InlineData("!= \"x\"", "x", false)]
    [InlineData("!= \"x\"", "y", true)]
    [InlineData("= \"æøå\"", "æøå", true)]
    public async Task Text_cells(string cell, string value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Text);
        Assert.Equal(expected, await Matches(cv, value));
    }

    [Theory]
    [InlineData("\"physical\"", "physical", true)]
    [InlineData("\"physical\"", "mental", false)]
    [InlineData("\"physical\", \"mental\"", "mental", true)]
    [InlineData("\"physical\", \"mental\"", "socialCauses", false)]
    [InlineData("not(\"socialCauses\")", "socialCauses", false)]
    [InlineData("not(\"socialCauses\")", "physical", true)]
    public async Task Enum_cells(string cell, string value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Enum, enumValues: ["physical", "mental", "socialCauses"]);
        Assert.Equal(expected, await Matches(cv, value));
    }

    [Theory]
    [InlineData("date(\"2023-10-01\")", "2023-10-01", true)]
    [InlineData("date(\"2023-10-01\")", "2023-10-02", false)]
    [InlineData(">= date(\"2023-10-01\")", "2023-09-30", false)]
    [InlineData(">= date(\"2023-10-01\")", "2023-10-01", true)]
    [InlineData("< date(\"2023-10-01\")", "2023-09-30", true)]
    [InlineData("< date(\"2023-10-01\")", "2023-10-01", false)]
    [InlineData("[date(\"2018-01-01\")..date(\"2023-10-01\"))", "2017-12-31", false)]
    [InlineData("[date(\"2018-01-01\")..date(\"2023-10-01\"))", "2018-01-01", true)]
    [InlineData("[date(\"2018-01-01\")..date(\"2023-10-01\"))", "2023-09-30", true)]
    [InlineData("[date(\"2018-01-01\")..date(\"2023-10-01\"))", "2023-10-01", false)]
    public async Task Date_cells(string cell, string value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Date);
        Assert.Equal(expected, await Matches(cv, D(value)));
    }

    [Theory]
    [InlineData("null", null, true)]
    [InlineData("null", "5", false)]
    [InlineData("-", null, true)]
    [InlineData("< 18", null, false)]
    [InlineData("< 18", "5", true)]
    [InlineData("null, < 18", null, true)]
    [InlineData("null, < 18", "5", true)]
    [InlineData("null, < 18", "20", false)]
    [InlineData("not(null)", null, false)]
    [InlineData("not(null)", "5", true)]
    // A missing value matches only a test that names null: not(5) does not say anything about "missing".
    [InlineData("not(5)", null, false)]
    [InlineData("not(5)", "6", true)]
    public async Task Null_tests_a_missing_optional_fact(string cell, string? value, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Decimal, required: false);
        object? v = value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture);
        Assert.Equal(expected, await Matches(cv, v));
    }

    [Theory]
    [InlineData(">= limit", "70", "70", true)]
    [InlineData(">= limit", "69.99", "70", false)]
    [InlineData("< limit", "69.99", "70", true)]
    [InlineData("< limit", "70", "70", false)]
    [InlineData("= limit", "70", "70", true)]
    [InlineData("[limit..limit + 10)", "79.99", "70", true)]
    [InlineData("[limit..limit + 10)", "80", "70", false)]
    public async Task A_cell_compares_with_another_fact(string cell, string x, string limit, bool expected)
    {
        var cv = InputCellVersion(cell, ValueKind.Decimal, extraFacts: [TestVersions.Fact("limit", ValueKind.Decimal)]);
        var extra = new Dictionary<string, object?> { ["limit"] = decimal.Parse(limit, CultureInfo.InvariantCulture) };
        Assert.Equal(expected, await Matches(cv, decimal.Parse(x, CultureInfo.InvariantCulture), extra));
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2024-03-01", true)]
    [InlineData("2024-03-02", false)]
    public async Task A_date_cell_compares_with_another_date_fact(string x, bool expected)
    {
        var cv = InputCellVersion("<= upperAgeLimitDate", ValueKind.Date, extraFacts: [TestVersions.Fact("upperAgeLimitDate", ValueKind.Date)]);
        Assert.Equal(expected, await Matches(cv, D(x), new Dictionary<string, object?> { ["upperAgeLimitDate"] = D("2024-03-01") }));
    }

    [Theory]
    [InlineData("< sats(\"sel-95.timer\")", "19.99", "2024-03-01", true)]
    [InlineData("< sats(\"sel-95.timer\")", "20", "2024-03-01", false)]
    // In 2023 the sats was 30: the cell reads the value of the decision date.
    [InlineData("< sats(\"sel-95.timer\")", "29.99", "2023-06-01", true)]
    [InlineData("< sats(\"sel-95.timer\")", "30", "2023-06-01", false)]
    [InlineData("<= sats(\"sel-95.timer\", date(\"2023-06-01\"))", "30", "2024-03-01", true)]
    [InlineData("<= sats(\"sel-95.timer\", date(\"2023-06-01\"))", "30.01", "2024-03-01", false)]
    public async Task A_cell_compares_with_a_sats(string cell, string x, string decisionDate, bool expected)
    {
        var satser = new SatsCatalog([Sats("sel-95.timer", ("2023-01-01", null, 30m), ("2024-01-01", null, 20m))]);
        var cv = InputCellVersion(cell, ValueKind.Decimal, satser: satser);
        Assert.Equal(expected, await Matches(cv, decimal.Parse(x, CultureInfo.InvariantCulture), satser: satser, date: D(decisionDate)));
    }

    [Fact]
    public void The_parser_builds_the_documented_tests()
    {
        Assert.IsType<AnyTest>(CellParser.ParseInput(" - "));
        Assert.IsType<NullTest>(CellParser.ParseInput("null"));
        var cmp = Assert.IsType<CompareTest>(CellParser.ParseInput("<= 18"));
        Assert.Equal("<=", cmp.Op);
        Assert.Equal(18m, Assert.IsType<NumberLit>(cmp.Value).Value);
        var eq = Assert.IsType<CompareTest>(CellParser.ParseInput("\"a\""));
        Assert.Equal("=", eq.Op);

        var r1 = Assert.IsType<RangeTest>(CellParser.ParseInput("[18..67)"));
        Assert.True(r1.LowClosed);
        Assert.False(r1.HighClosed);
        var r2 = Assert.IsType<RangeTest>(CellParser.ParseInput("(0..15]"));
        Assert.False(r2.LowClosed);
        Assert.True(r2.HighClosed);
        var r3 = Assert.IsType<RangeTest>(CellParser.ParseInput("]0..15["));
        Assert.False(r3.LowClosed);
        Assert.False(r3.HighClosed);

        var list = Assert.IsType<AnyOfTest>(CellParser.ParseInput("\"a\",\"b\""));
        Assert.Equal(2, list.Tests.Count);
        var not = Assert.IsType<NotTest>(CellParser.ParseInput("not(\"a\",\"b\")"));
        Assert.IsType<AnyOfTest>(not.Inner);
        var date = Assert.IsType<CompareTest>(CellParser.ParseInput("date(\"2023-10-01\")"));
        Assert.Equal("date", Assert.IsType<Call>(date.Value).Function);
    }
}
