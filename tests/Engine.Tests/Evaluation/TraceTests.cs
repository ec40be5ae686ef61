using System.Globalization;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>The explanation: every row, the first failing cell with the actual value, decisive references, satser used.</summary>
public class TraceTests
{
    private static CompiledVersion Eligibility() => VersionCompiler.Compile("tr", Version(
        [
            LabeledFact("birthDate", ValueKind.Date, "fødselsdato"),
            LabeledFact("hasBpa", ValueKind.Bool, "har BPA"),
            LabeledFact("cause", ValueKind.Enum, "årsag", true, "physical", "socialCauses"),
            LabeledFact("hours", ValueKind.Decimal, "timer"),
        ],
        [
            Table("eligibility", HitPolicy.First, ["hasBpa", "age", "cause"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [
                Row("R97-01", ["true", "-", "-"], ["\"afslag\""], "servicelovens § 97, stk. 8"),
                Row("R97-02", ["-", "< 18", "-"], ["\"afslag\""], "servicelovens § 97, stk. 1"),
                Row("R97-03", ["-", ">= 67", "\"socialCauses\""], ["\"afslag\""], "vejledningens pkt. 7"),
                Row("R97-04", ["-", "-", "\"physical\""], ["\"bevilget\""], "servicelovens § 97, stk. 1"),
            ]),
            new DecisionTable
            {
                Id = "hours", HitPolicy = HitPolicy.First,
                Inputs = [new TableInput { Name = "outcome" }, new TableInput { Name = "hours", Label = "ansøgte timer" }],
                Outputs = [Out("granted", ValueKind.Decimal)],
                Rows =
                [
                    Row("R97-10", ["\"afslag\"", "-"], ["0"], "servicelovens § 97, stk. 1"),
                    Row("R97-11", ["-", "> 15"], ["15"], "servicelovens § 97, stk. 1"),
                    Row("R97-12", ["-", "<= 15"], ["hours"], "servicelovens § 97, stk. 3"),
                ],
            },
        ],
        [new DerivedValue { Name = "age", Type = ValueKind.Int, Label = "alder", Expression = "ageAt(birthDate, decisionDate)" }]));

    private static Dictionary<string, object?> Facts(string birthDate, bool hasBpa = false, string cause = "physical", decimal hours = 7.5m) => new()
    {
        ["birthDate"] = D(birthDate), ["hasBpa"] = hasBpa, ["cause"] = cause, ["hours"] = hours,
    };

    [Fact]
    public async Task Every_row_is_traced_with_the_first_failing_cell_and_the_actual_value()
    {
        // 17 years old on 1 March 2024.
        var r = await Run(Eligibility(), Facts("2006-03-02"));
        Assert.Equal("afslag", r.Outcome);
        Assert.Equal(
            [
                ("eligibility", "R97-01", false, "Har BPA skal være ja, var nej", false),
                ("eligibility", "R97-02", true, null, true),
                ("eligibility", "R97-03", false, "Alder skal være mindst 67, var 17", false),
                ("eligibility", "R97-04", true, null, false),
                ("hours", "R97-10", true, null, true),
                ("hours", "R97-11", false, "Ansøgte timer skal være over 15, var 7,5", false),
                ("hours", "R97-12", true, null, false),
            ],
            r.Trace.Select(t => (t.Table, t.Rule, t.Matched, t.Failed, t.Decisive)).ToList());
    }

    [Fact]
    public async Task The_failing_cell_reads_alder_under_18_with_the_actual_age()
    {
        var r = await Run(Eligibility(), Facts("1990-01-01", cause: "socialCauses", hours: 20m));
        Assert.Equal("Alder skal være under 18, var 34", r.Trace.Single(t => t.Rule == "R97-02").Failed);
        // Only the first failing cell is written: R97-03 fails on age first, though its cause would hold.
        Assert.Equal("Alder skal være mindst 67, var 34", r.Trace.Single(t => t.Rule == "R97-03").Failed);
        Assert.Equal("Årsag skal være physical, var socialCauses", r.Trace.Single(t => t.Rule == "R97-04").Failed);
        Assert.Equal("Outcome skal være afslag, var ingen værdi", r.Trace.Single(t => t.Rule == "R97-10").Failed);
        Assert.Null(r.Outcome);
        Assert.True(r.NoRuleMatched);
        Assert.Equal(15m, r.Outputs["granted"]);
    }

    [Theory]
    [InlineData("0", "0", "0", "A skal være over 0, var 0", "A skal være over 0, var 0")]
    [InlineData("1", "0", "0", "B skal være over 0, var 0", "C skal være mindst 5, var 0")]
    [InlineData("1", "1", "0", "C skal være over 0, var 0", "C skal være mindst 5, var 0")]
    [InlineData("1", "0", "1", "B skal være over 0, var 0", "C skal være mindst 5, var 1")]
    [InlineData("1", "1", "1", null, "C skal være mindst 5, var 1")]
    [InlineData("1", "9", "7", null, null)]
    public async Task The_first_failing_cell_is_the_first_in_column_order_skipping_dashes(
        string a, string b, string c, string? allThree, string? withDash)
    {
        var v = Version([LabeledFact("a", ValueKind.Decimal, "a"), LabeledFact("b", ValueKind.Decimal, "b"), LabeledFact("c", ValueKind.Decimal, "c")],
            [Table("t", HitPolicy.RuleOrder, ["a", "b", "c"], [Out("v", ValueKind.Decimal)],
            [
                Row("ALL", ["> 0", "> 0", "> 0"], ["1"]),
                Row("DASH", ["> 0", "-", ">= 5"], ["2"]),
            ])], outcome: "");
        var facts = new Dictionary<string, object?> { ["a"] = decimal.Parse(a, CultureInfo.InvariantCulture), ["b"] = decimal.Parse(b, CultureInfo.InvariantCulture), ["c"] = decimal.Parse(c, CultureInfo.InvariantCulture) };
        var r = await Run(VersionCompiler.Compile("tr", v), facts);
        Assert.Equal(allThree, r.Trace[0].Failed);
        Assert.Equal(allThree is null, r.Trace[0].Matched);
        Assert.Equal(withDash, r.Trace[1].Failed);
        Assert.Equal(withDash is null, r.Trace[1].Matched);
    }

    [Fact]
    public async Task Decisive_rows_references_are_collected_in_order_each_once()
    {
        var adult = await Run(Eligibility(), Facts("1990-01-01", hours: 7.5m));
        Assert.Equal("bevilget", adult.Outcome);
        Assert.Equal(["R97-04", "R97-12"], adult.DecisiveRows.Select(d => d.Rule));
        Assert.Equal(["servicelovens § 97, stk. 1", "servicelovens § 97, stk. 3"], adult.References);
        Assert.Equal(["r97-04", "r97-12"], adult.DecisiveRows.Select(d => d.Reason));

        var child = await Run(Eligibility(), Facts("2010-01-01"));
        // R97-02 and R97-10 cite the same paragraph: it is listed once.
        Assert.Equal(["R97-02", "R97-10"], child.DecisiveRows.Select(d => d.Rule));
        Assert.Equal(["servicelovens § 97, stk. 1"], child.References);

        var bpa = await Run(Eligibility(), Facts("1990-01-01", hasBpa: true, hours: 20m));
        Assert.Equal(["servicelovens § 97, stk. 8", "servicelovens § 97, stk. 1"], bpa.References);
    }

    [Fact]
    public async Task Values_hold_facts_decision_date_derived_values_and_outputs()
    {
        var r = await Run(Eligibility(), Facts("2006-03-01"));
        Assert.Equal(D("2024-03-01"), r.Values["decisionDate"]);
        Assert.Equal(18m, r.Values["age"]);
        Assert.Equal(false, r.Values["hasBpa"]);
        Assert.Equal("bevilget", r.Values["outcome"]);
        Assert.Equal(7.5m, r.Values["granted"]);
        Assert.Equal(["eligibility", "hours"], r.Tables.Select(t => t.Table));
        Assert.Equal(["R97-04"], r.Tables[0].MatchedRules);
        Assert.Equal(["R97-12"], r.Tables[1].MatchedRules);
    }

    [Fact]
    public async Task Dates_and_missing_values_are_written_in_danish_in_the_trace()
    {
        var v = Version([LabeledFact("start", ValueKind.Date, "startdato"), LabeledFact("extra", ValueKind.Decimal, "tillæg", required: false)],
            [Table("t", HitPolicy.First, ["start", "extra"], [Out("outcome", ValueKind.Enum, "a", "b")],
            [
                Row("D1", [">= date(\"2023-10-01\")", "-"], ["\"a\""]),
                Row("D2", ["-", "> 100"], ["\"a\""]),
                Row("D3", ["-", "-"], ["\"b\""]),
            ])]);
        var r = await Run(VersionCompiler.Compile("tr", v), new Dictionary<string, object?> { ["start"] = D("2023-09-30") });
        Assert.Equal("Startdato skal være tidligst 1. oktober 2023, var 30. september 2023", r.Trace[0].Failed);
        Assert.Equal("Tillæg skal være over 100, var ikke oplyst", r.Trace[1].Failed);
        Assert.Equal("b", r.Outcome);
    }

    [Fact]
    public async Task Satser_used_are_reported_with_value_and_source_each_once()
    {
        var series = new SatsSeries
        {
            Key = "sel-97.aarligtBeloeb", Label = "Årligt beløb til ledsagerens udgifter", Unit = "kr. pr. år", PriceLevel = "2017-niveau",
            Values =
            [
                new SatsValue { ValidFrom = D("2023-01-01"), ValidTo = D("2023-12-31"), Value = 950m, Source = "bek-2023.txt l.10" },
                new SatsValue { ValidFrom = D("2024-01-01"), Value = 1000m, Source = "bek-2024.txt l.12" },
            ],
        };
        var satser = new SatsCatalog([series, Sats("unused", ("2000-01-01", null, 1m))]);
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, ["x"], [Out("a", ValueKind.Decimal), Out("b", ValueKind.Decimal), Out("c", ValueKind.Decimal)],
                [Row("S1", ["< sats(\"sel-97.aarligtBeloeb\")"], [
                    "sats(\"sel-97.aarligtBeloeb\")",
                    "sats(\"sel-97.aarligtBeloeb\") / 12",
                    "sats(\"sel-97.aarligtBeloeb\", date(\"2023-06-01\"))"])])], outcome: "");
        var cv = VersionCompiler.Compile("tr", v, satser);
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = 5m }, satser: satser);
        Assert.Equal(EvaluationStatus.Determined, r.Status);
        Assert.Equal(950m, r.Outputs["c"]);
        Assert.Equal(
            [
                new SatsUse("sel-97.aarligtBeloeb", "Årligt beløb til ledsagerens udgifter", 1000m, "kr. pr. år", D("2024-01-01"), null, "bek-2024.txt l.12", "2017-niveau"),
                new SatsUse("sel-97.aarligtBeloeb", "Årligt beløb til ledsagerens udgifter", 950m, "kr. pr. år", D("2023-01-01"), D("2023-12-31"), "bek-2023.txt l.10", "2017-niveau"),
            ],
            r.Satser);
        Assert.Equal(["sel-97.aarligtBeloeb"], cv.UsedSats);
    }

    [Fact]
    public async Task An_error_result_keeps_the_trace_up_to_the_failing_table()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
        [
            Table("first", HitPolicy.First, ["x"], [Out("y", ValueKind.Decimal)], [Row("A1", ["> 0"], ["x"])]),
            Table("second", HitPolicy.First, ["y"], [Out("z", ValueKind.Decimal)], [Row("B1", ["-"], ["1 / (y - 5)"])]),
        ], outcome: "");
        var r = await Run(VersionCompiler.Compile("tr", v), new Dictionary<string, object?> { ["x"] = 5m });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal(("second", "B1", "z"), (r.Error!.Table, r.Error.Rule, r.Error.Column));
        Assert.Equal(["A1"], r.Trace.Select(t => t.Rule));
        Assert.Equal(5m, r.Values["y"]);
    }
}

/// <summary>A compiled version is shared by all requests: parallel evaluations must not see each other's facts or satser.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_evaluations_of_one_compiled_version_keep_their_own_facts_trace_and_satser()
    {
        var satser = new SatsCatalog([Sats("k", ("2023-01-01", "2023-12-31", 100m), ("2024-01-01", null, 200m))]);
        var v = Version([LabeledFact("age", ValueKind.Int, "alder")],
            [Table("t", HitPolicy.First, ["age"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget"), Out("amount", ValueKind.Decimal)],
            [
                Row("R1", ["< 18"], ["\"afslag\"", "0"]),
                Row("R2", ["-"], ["\"bevilget\"", "age * sats(\"k\")"]),
            ])]);
        var cv = VersionCompiler.Compile("cc", v, satser);
        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            var age = i % 40;
            var date = i % 2 == 0 ? D("2023-06-01") : D("2024-06-01");
            var r = await Run(cv, new Dictionary<string, object?> { ["age"] = age }, date, satser);
            return (age, date, r);
        })));
        foreach (var (age, date, r) in results)
        {
            var sats = date.Year == 2023 ? 100m : 200m;
            Assert.Equal(age < 18 ? "afslag" : "bevilget", r.Outcome);
            Assert.Equal(age < 18 ? 0m : age * sats, r.Outputs["amount"]);
            Assert.Equal(age < 18 ? null : $"Alder skal være under 18, var {age}", r.Trace[0].Failed);
            Assert.Equal(age < 18 ? [] : [sats], r.Satser.Select(s => s.Value));
        }
    }
}
