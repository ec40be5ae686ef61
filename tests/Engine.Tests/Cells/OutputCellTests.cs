using System.Globalization;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Cells;

/// <summary>Every output expression construct, compiled into a version and evaluated.</summary>
public class OutputCellTests
{
    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("2 * 3 + 4", "10")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("12 / 4 / 3", "1")]
    [InlineData("1 + 6 / 4", "2.5")]
    [InlineData("-2 * 3 + 1", "-5")]
    [InlineData("2 * -3", "-6")]
    [InlineData("-(2 + 3)", "-5")]
    [InlineData("7.5 * 4", "30")]
    [InlineData("100 - 10 * 2 / 4", "95")]
    public async Task Arithmetic_follows_precedence_and_left_associativity(string expression, string expected)
    {
        Assert.Equal(Dec(expected), await Value(OutputCellVersion(expression, ValueKind.Decimal)));
    }

    [Theory]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max(3, 1, 2)", "3")]
    [InlineData("min(-1, 0)", "-1")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(3.5)", "4")]
    [InlineData("round(2.4999)", "2")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(-1.005, 2)", "-1.01")]
    [InlineData("round(1234.5678, 2)", "1234.57")]
    [InlineData("round(0.125, 2)", "0.13")]
    [InlineData("floor(1.7)", "1")]
    [InlineData("floor(-1.2)", "-2")]
    [InlineData("ceil(1.2)", "2")]
    [InlineData("ceil(-1.7)", "-1")]
    [InlineData("abs(-3.5)", "3.5")]
    [InlineData("abs(3.5)", "3.5")]
    [InlineData("if(1 < 2, 10, 20)", "10")]
    [InlineData("if(1 > 2, 10, 20)", "20")]
    [InlineData("if(1 > 2 or 2 = 2, 1, 0)", "1")]
    [InlineData("if(1 < 2 and 2 != 2, 1, 0)", "0")]
    [InlineData("if(not (1 = 2), 1, 0)", "1")]
    [InlineData("if(2 >= 2 and 2 <= 2, 1, 0)", "1")]
    public async Task Number_functions(string expression, string expected)
    {
        Assert.Equal(Dec(expected), await Value(OutputCellVersion(expression, ValueKind.Decimal)));
    }

    [Theory]
    [InlineData("addDays(date(\"2024-02-28\"), 2)", "2024-03-01")]
    [InlineData("addDays(date(\"2024-03-01\"), -1)", "2024-02-29")]
    [InlineData("addMonths(date(\"2024-01-31\"), 1)", "2024-02-29")]
    [InlineData("addMonths(date(\"2023-01-31\"), 1)", "2023-02-28")]
    [InlineData("addMonths(date(\"2024-03-31\"), -1)", "2024-02-29")]
    [InlineData("addYears(date(\"1960-03-15\"), 66.5)", "2026-09-15")]
    [InlineData("addYears(date(\"1960-03-15\"), 67)", "2027-03-15")]
    [InlineData("addYears(date(\"1960-08-31\"), 66.5)", "2027-02-28")]
    [InlineData("min(date(\"2024-01-01\"), date(\"2023-12-31\"))", "2023-12-31")]
    [InlineData("max(date(\"2024-01-01\"), date(\"2023-12-31\"))", "2024-01-01")]
    [InlineData("decisionDate", "2024-03-01")]
    [InlineData("date(\"2023-10-01\")", "2023-10-01")]
    [InlineData("if(true, date(\"2020-01-01\"), decisionDate)", "2020-01-01")]
    public async Task Date_functions(string expression, string expected)
    {
        Assert.Equal(D(expected), await Value(OutputCellVersion(expression, ValueKind.Date)));
    }

    [Theory]
    [InlineData("monthsBetween(date(\"2024-01-15\"), date(\"2024-03-14\"))", "1")]
    [InlineData("monthsBetween(date(\"2024-01-15\"), date(\"2024-03-15\"))", "2")]
    [InlineData("monthsBetween(date(\"2023-11-01\"), date(\"2024-03-01\"))", "4")]
    [InlineData("daysBetween(date(\"2024-02-28\"), date(\"2024-03-01\"))", "2")]
    [InlineData("daysBetween(date(\"2023-02-28\"), date(\"2023-03-01\"))", "1")]
    [InlineData("ageAt(date(\"2006-03-02\"), decisionDate)", "17")]
    [InlineData("ageAt(date(\"2006-03-01\"), decisionDate)", "18")]
    public async Task Date_differences(string expression, string expected)
    {
        Assert.Equal(Dec(expected), await Value(OutputCellVersion(expression, ValueKind.Decimal)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1 = 1", true)]
    [InlineData("1 != 1", false)]
    [InlineData("2 > 1", true)]
    [InlineData("2 <= 1", false)]
    [InlineData("2 >= 2", true)]
    [InlineData("date(\"2024-01-01\") = date(\"2024-01-01\")", true)]
    [InlineData("decisionDate != date(\"2024-03-01\")", false)]
    [InlineData("\"a\" = \"a\"", true)]
    [InlineData("date(\"2024-01-01\") < date(\"2024-01-02\")", true)]
    [InlineData("not true or false", false)]
    [InlineData("true and not false", true)]
    public async Task Bool_expressions(string expression, bool expected)
    {
        Assert.Equal(expected, await Value(OutputCellVersion(expression, ValueKind.Bool)));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(null, false)]
    public async Task Known_tells_whether_an_optional_fact_was_given(bool? given, bool expected)
    {
        var cv = OutputCellVersion("known(opt)", ValueKind.Bool, [Fact("opt", ValueKind.Bool, required: false)]);
        Assert.Equal(expected, await Value(cv, new Dictionary<string, object?> { ["opt"] = given }));
    }

    [Fact]
    public async Task Outputs_refer_to_facts_derived_values_and_earlier_table_outputs()
    {
        var v = Version(
            [Fact("hours", ValueKind.Decimal), Fact("birthDate", ValueKind.Date)],
            [
                Table("first", HitPolicy.First, [], [Out("base", ValueKind.Decimal)], [Row("A1", [], ["hours * 2"])]),
                Table("second", HitPolicy.First, ["base"], [Out("v", ValueKind.Decimal)],
                    [Row("B1", ["> 10"], ["base + age * 100"]), Row("B2", ["-"], ["0"])]),
            ],
            [new DerivedValue { Name = "age", Type = ValueKind.Int, Label = "alder", Expression = "ageAt(birthDate, decisionDate)" }],
            outcome: "");
        var cv = VersionCompiler.Compile("t", v);
        var facts = new Dictionary<string, object?> { ["hours"] = 7.5m, ["birthDate"] = D("2000-03-02") };
        Assert.Equal(15m + 2300m, await Value(cv, facts));
        facts["hours"] = 5m;
        Assert.Equal(0m, await Value(cv, facts));
    }

    [Fact]
    public async Task A_derived_value_may_use_an_earlier_derived_value()
    {
        var cv = OutputCellVersion("pensionDate", ValueKind.Date, [Fact("birthDate", ValueKind.Date)],
        [
            new DerivedValue { Name = "pensionAge", Type = ValueKind.Decimal, Label = "pensionsalder", Expression = "if(birthDate >= date(\"1963-01-01\"), 67.5, 67)" },
            new DerivedValue { Name = "pensionDate", Type = ValueKind.Date, Label = "pensionsdato", Expression = "addYears(birthDate, pensionAge)" },
        ]);
        Assert.Equal(D("2030-12-15"), await Value(cv, new Dictionary<string, object?> { ["birthDate"] = D("1963-06-15") }));
        Assert.Equal(D("2029-06-15"), await Value(cv, new Dictionary<string, object?> { ["birthDate"] = D("1962-06-15") }));
    }

    [Theory]
    [InlineData("2024-03-01", "sats(\"k\")", "1200")]
    [InlineData("2023-12-31", "sats(\"k\")", "1000")]
    [InlineData("2024-03-01", "sats(\"k\", date(\"2023-06-01\"))", "1000")]
    [InlineData("2024-03-01", "sats(\"k\") * 12", "14400")]
    // 2 months of 2023 (1000) and 2 months of 2024 (1200)
    [InlineData("2024-03-01", "satsSum(\"k\", date(\"2023-11-01\"), date(\"2024-03-01\"))", "4400")]
    public async Task Satser_on_the_decision_date_another_date_and_summed_by_month(string decisionDate, string expression, string expected)
    {
        var satser = new SatsCatalog([Sats("k", ("2023-01-01", "2023-12-31", 1000m), ("2024-01-01", null, 1200m))]);
        var cv = OutputCellVersion(expression, ValueKind.Decimal, satser: satser);
        Assert.Equal(Dec(expected), await Value(cv, satser: satser, date: D(decisionDate)));
    }

    [Theory]
    [InlineData("1955-06-30", "2024-03-01", "65")]
    [InlineData("1955-07-01", "2024-03-01", "67")]
    [InlineData("1963-01-01", "2024-03-01", "68")]
    // Before the 2024 edition, the old table gave 67 for the same birth date.
    [InlineData("1963-01-01", "2023-06-01", "67")]
    public async Task Lookup_reads_the_edition_valid_on_the_decision_date(string birthDate, string decisionDate, string expected)
    {
        var table = new LookupTable
        {
            Key = "folkepensionsalder", Label = "Folkepensionsalder",
            Editions =
            [
                new LookupEdition
                {
                    ValidFrom = D("2000-01-01"), Source = "gammel",
                    Rows = [new LookupRow { To = D("1955-06-30"), Value = 65 }, new LookupRow { From = D("1955-07-01"), Value = 67 }],
                },
                new LookupEdition
                {
                    ValidFrom = D("2024-01-01"), Source = "ny",
                    Rows =
                    [
                        new LookupRow { To = D("1955-06-30"), Value = 65 },
                        new LookupRow { From = D("1955-07-01"), To = D("1962-12-31"), Value = 67 },
                        new LookupRow { From = D("1963-01-01"), Value = 68 },
                    ],
                },
            ],
        };
        var lookups = new LookupCatalog([table]);
        var cv = OutputCellVersion("lookup(\"folkepensionsalder\", birthDate)", ValueKind.Decimal,
            [Fact("birthDate", ValueKind.Date)], lookups: lookups);
        Assert.Equal(Dec(expected), await Value(cv, new Dictionary<string, object?> { ["birthDate"] = D(birthDate) },
            lookups: lookups, date: D(decisionDate)));
    }

    [Theory]
    [InlineData("\"bevilget\"", "bevilget")]
    [InlineData("if(x > 1, \"bevilget\", \"afslag\")", "bevilget")]
    public async Task Enum_outputs(string expression, string expected)
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, [], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")], [Row("R1", [], [expression])])]);
        var r = await Run(VersionCompiler.Compile("t", v), new Dictionary<string, object?> { ["x"] = 2m });
        Assert.Equal(expected, r.Outcome);
    }
}
