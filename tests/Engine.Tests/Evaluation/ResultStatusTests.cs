using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>Determined, undetermined, invalid input and error: what each means and what it carries.</summary>
public class ResultStatusTests
{
    /// <summary>
    /// Facts: age (int), cause (enum), birthDate (date), hasBpa (bool), note (text), divisor (decimal), all required.
    /// The derived value divides by 'divisor', so evaluating anything with divisor 0 throws.
    /// </summary>
    private static CompiledVersion Guarded() => VersionCompiler.Compile("st", Version(
        [
            Fact("age", ValueKind.Int), Fact("cause", ValueKind.Enum, true, "physical", "mental"),
            Fact("birthDate", ValueKind.Date), Fact("hasBpa", ValueKind.Bool), Fact("note", ValueKind.Text),
            Fact("divisor", ValueKind.Decimal),
        ],
        [Table("t", HitPolicy.First, ["age"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [Row("R1", ["< 18"], ["\"afslag\""]), Row("R2", ["-"], ["\"bevilget\""])])],
        [new DerivedValue { Name = "share", Type = ValueKind.Decimal, Label = "andel", Expression = "100 / divisor" }]));

    private static Dictionary<string, object?> AllFacts(decimal divisor) => new()
    {
        ["age"] = 20, ["cause"] = "physical", ["birthDate"] = D("2004-01-01"), ["hasBpa"] = false, ["note"] = "x", ["divisor"] = divisor,
    };

    [Fact]
    public async Task The_guarded_version_really_throws_when_everything_is_given()
    {
        var r = await Run(Guarded(), AllFacts(0m));
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal("division-by-zero", r.Error!.Kind);
        Assert.Equal(EvaluationStatus.Determined, (await Run(Guarded(), AllFacts(4m))).Status);
    }

    [Fact]
    public async Task A_missing_required_fact_is_undetermined_before_anything_is_evaluated()
    {
        var facts = AllFacts(0m);
        facts.Remove("hasBpa");
        facts.Remove("age");
        var r = await Run(Guarded(), facts);
        // With divisor 0 the derived value would throw: it did not run.
        Assert.Equal(EvaluationStatus.Undetermined, r.Status);
        Assert.Equal(["age", "hasBpa"], r.MissingFacts);
        Assert.Null(r.Error);
        Assert.Null(r.Outcome);
        Assert.Empty(r.Trace);
        Assert.Empty(r.Tables);
        Assert.Empty(r.Values);
        Assert.Empty(r.Satser);
    }

    [Fact]
    public async Task A_required_fact_given_as_json_null_is_missing()
    {
        var cv = Guarded();
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{ "age": null, "cause": "physical", "birthDate": "2004-01-01", "hasBpa": false, "note": "x", "divisor": 0 }""")!;
        var r = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, json), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Undetermined, r.Status);
        Assert.Equal(["age"], r.MissingFacts);
    }

    [Theory]
    [InlineData("age", "1.5", "'age' skal være et heltal, men var 1.5.")]
    [InlineData("age", "\"17\"", "'age' skal være et heltal.")]
    [InlineData("age", "true", "'age' skal være et heltal.")]
    [InlineData("divisor", "\"4\"", "'divisor' skal være et tal.")]
    [InlineData("hasBpa", "\"true\"", "'hasBpa' skal være true eller false.")]
    [InlineData("hasBpa", "1", "'hasBpa' skal være true eller false.")]
    [InlineData("birthDate", "\"01-01-2004\"", "'birthDate' skal være en dato på formen")]
    [InlineData("birthDate", "\"2004-02-30\"", "'birthDate' skal være en dato på formen")]
    [InlineData("cause", "\"alien\"", "'alien' er ikke en tilladt værdi for 'cause'. Tilladte værdier: physical, mental.")]
    [InlineData("cause", "3", "'cause' skal være en af: physical, mental.")]
    [InlineData("note", "[]", "'note' skal være tekst.")]
    [InlineData("unknownFact", "1", "'unknownFact' er ikke et faktum i denne version af regelsættet.")]
    public async Task A_wrong_json_fact_is_invalid_input_naming_the_fact(string name, string json, string message)
    {
        var cv = Guarded();
        var facts = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{ "age": 20, "cause": "physical", "birthDate": "2004-01-01", "hasBpa": false, "note": "x", "divisor": 0 }""")!;
        facts[name] = JsonDocument.Parse(json).RootElement;
        var bound = FactBinder.Bind(cv.Facts, facts);
        // A wrong fact is reported as wrong, not also as missing.
        Assert.DoesNotContain(name, bound.Missing);
        var r = await Evaluator.EvaluateAsync(cv, Day, bound, SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.InvalidInput, r.Status);
        var error = Assert.Single(r.FactErrors);
        Assert.Equal(name, error.Fact);
        Assert.StartsWith(message, error.Message);
        // Nothing ran (divisor 0 would have thrown).
        Assert.Empty(r.Trace);
        Assert.Null(r.Error);
    }

    public static TheoryData<string, object, string> WrongClrFacts => new()
    {
        { "age", 1.5m, "'age' skal være et heltal, men var 1.5." },
        { "age", 1.5d, "'age' skal være et heltal, men var 1.5." },
        { "age", "17", "'age' skal være et heltal." },
        { "hasBpa", "true", "'hasBpa' skal være true eller false." },
        { "birthDate", "1. januar 2004", "'birthDate' skal være en dato" },
        { "birthDate", 20040101, "'birthDate' skal være en dato" },
        { "cause", "Physical", "'Physical' er ikke en tilladt værdi for 'cause'" },
        { "note", 5, "'note' skal være tekst." },
        { "unknownFact", true, "'unknownFact' er ikke et faktum" },
    };

    [Theory]
    [MemberData(nameof(WrongClrFacts))]
    public async Task A_wrong_clr_fact_is_invalid_input_naming_the_fact(string name, object value, string message)
    {
        var facts = AllFacts(0m);
        facts[name] = value;
        var r = await Run(Guarded(), facts);
        Assert.Equal(EvaluationStatus.InvalidInput, r.Status);
        var error = Assert.Single(r.FactErrors);
        Assert.Equal(name, error.Fact);
        Assert.StartsWith(message, error.Message);
        Assert.Empty(r.Trace);
    }

    [Fact]
    public async Task Invalid_input_wins_over_missing_facts()
    {
        var facts = AllFacts(1m);
        facts.Remove("note");
        facts["age"] = 1.5m;
        var r = await Run(Guarded(), facts);
        Assert.Equal(EvaluationStatus.InvalidInput, r.Status);
        Assert.Equal("age", Assert.Single(r.FactErrors).Fact);
    }

    [Fact]
    public async Task Json_and_clr_binding_give_the_same_values()
    {
        var cv = Guarded();
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{ "age": 20, "cause": "physical", "birthDate": "2004-01-01", "hasBpa": false, "note": "x", "divisor": 4 }""")!;
        var a = FactBinder.Bind(cv.Facts, json).Values;
        var b = FactBinder.Bind(cv.Facts, AllFacts(4m).AsReadOnly()).Values;
        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
        Assert.IsType<decimal>(a["age"]);
        Assert.IsType<DateOnly>(a["birthDate"]);
    }

    // ---------- errors during evaluation ----------

    [Fact]
    public async Task Division_by_zero_in_an_output_is_an_error_with_table_row_and_column_never_an_afslag()
    {
        var v = Version([Fact("hours", ValueKind.Decimal), Fact("weeks", ValueKind.Decimal)],
            [Table("payment", HitPolicy.First, ["hours"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget"), Out("perWeek", ValueKind.Decimal)],
            [
                Row("R1", ["< 0"], ["\"afslag\"", "0"]),
                Row("R2", ["-"], ["\"bevilget\"", "hours / weeks"]),
            ], defaults: ["\"afslag\"", "0"])]);
        var cv = VersionCompiler.Compile("st", v);
        var r = await Run(cv, new Dictionary<string, object?> { ["hours"] = 10m, ["weeks"] = 0m });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal(new EvaluationError("division-by-zero", "Division med nul.", "payment", "R2", "perWeek"), r.Error);
        Assert.Equal("Division med nul. (tabel 'payment', række 'R2', kolonne 'perWeek')", r.Error!.ToString());
        Assert.Equal(2.5m, (await Run(cv, new Dictionary<string, object?> { ["hours"] = 10m, ["weeks"] = 4m })).Outputs["perWeek"]);
    }

    private static async Task<EvaluationResult> DivisionInAnInputCell()
    {
        var v = Version([Fact("hours", ValueKind.Decimal), Fact("weeks", ValueKind.Decimal)],
            [Table("limit", HitPolicy.First, ["hours", "weeks"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [
                Row("L1", ["< 0", "-"], ["\"afslag\""]),
                Row("L2", ["-", "< hours / weeks"], ["\"bevilget\""]),
            ])]);
        return await Run(VersionCompiler.Compile("st", v), new Dictionary<string, object?> { ["hours"] = 10m, ["weeks"] = 0m });
    }

    [Fact]
    public async Task Division_by_zero_in_an_input_cell_is_an_error_naming_table_and_row()
    {
        var r = await DivisionInAnInputCell();
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal(("division-by-zero", "limit", "L2"), (r.Error!.Kind, r.Error.Table, r.Error.Rule));
    }

    [Fact]
    public async Task Division_by_zero_in_an_input_cell_names_the_input_column()
    {
        var r = await DivisionInAnInputCell();
        Assert.Equal("weeks", r.Error!.Column);
    }

    [Fact]
    public async Task Division_by_zero_in_a_derived_value_names_the_value()
    {
        var r = await Run(Guarded(), AllFacts(0m));
        Assert.Equal(("division-by-zero", "(afledte værdier)", "share", "share"), (r.Error!.Kind, r.Error.Table, r.Error.Rule, r.Error.Column));
        Assert.Empty(r.Trace);
    }

    [Theory]
    [InlineData("2024-03-01", "1. marts 2024")]
    [InlineData("2016-12-31", "31. december 2016")]
    public async Task A_sats_without_a_value_on_the_date_is_an_error_naming_sats_and_date(string decisionDate, string danishDate)
    {
        var satser = new SatsCatalog([Sats("sel-97.aarligtBeloeb", ("2017-01-01", "2023-12-31", 866m))]);
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("amount", HitPolicy.First, ["x"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget"), Out("beloeb", ValueKind.Decimal)],
                [Row("B1", ["-"], ["\"bevilget\"", "sats(\"sel-97.aarligtBeloeb\")"])])]);
        var cv = VersionCompiler.Compile("st", v, satser);
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = 1m }, D(decisionDate), satser);
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Null(r.Outcome);
        Assert.Equal("sats-missing", r.Error!.Kind);
        Assert.Contains("'sel-97.aarligtBeloeb'", r.Error.Message);
        Assert.Contains(danishDate, r.Error.Message);
        Assert.Equal(("amount", "B1", "beloeb"), (r.Error.Table, r.Error.Rule, r.Error.Column));

        var ok = await Run(cv, new Dictionary<string, object?> { ["x"] = 1m }, D("2023-12-31"), satser);
        Assert.Equal(866m, ok.Outputs["beloeb"]);
    }

    [Fact]
    public async Task A_sats_with_no_values_at_all_is_an_error_too()
    {
        var satser = new SatsCatalog([Sats("sel-119.basis")]);
        var cv = OutputCellVersion("sats(\"sel-119.basis\") * 2", ValueKind.Decimal, satser: satser);
        var r = await Run(cv, new Dictionary<string, object?>(), satser: satser);
        Assert.Equal("sats-missing", r.Error!.Kind);
        Assert.Contains("'sel-119.basis' har ingen værdi den 1. marts 2024", r.Error.Message);
    }

    [Fact]
    public async Task An_optional_fact_missing_but_used_in_an_output_is_an_error_naming_it()
    {
        var v = Version([Fact("x", ValueKind.Decimal), Fact("extraHours", ValueKind.Decimal, required: false)],
            [Table("hours", HitPolicy.First, ["x"], [Out("total", ValueKind.Decimal)],
                [Row("H1", ["> 0"], ["x + extraHours"]), Row("H2", ["-"], ["0"])])], outcome: "");
        var cv = VersionCompiler.Compile("st", v);
        var r = await Run(cv, new Dictionary<string, object?> { ["x"] = 5m });
        Assert.Equal(EvaluationStatus.Error, r.Status);
        Assert.Equal("missing-value", r.Error!.Kind);
        Assert.Contains("'extraHours' har ingen værdi", r.Error.Message);
        Assert.Equal(("hours", "H1", "total"), (r.Error.Table, r.Error.Rule, r.Error.Column));
        // The row that does not use it still works, and with the fact given the sum is computed.
        Assert.Equal(0m, (await Run(cv, new Dictionary<string, object?> { ["x"] = -1m })).Outputs["total"]);
        Assert.Equal(8m, (await Run(cv, new Dictionary<string, object?> { ["x"] = 5m, ["extraHours"] = 3m })).Outputs["total"]);
    }
}
