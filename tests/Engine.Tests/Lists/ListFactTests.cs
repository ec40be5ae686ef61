using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Lists;

/// <summary>List facts: binding with errors named by item and field, and the list functions over their items.</summary>
public class ListFactTests
{
    /// <summary>A savings ledger: months with hours, one optional note per month.</summary>
    internal static readonly FactDefinition Ledger = new()
    {
        Name = "opsparing", Type = ValueKind.List, Label = "Opsparede timer",
        Fields =
        [
            LabeledFact("maaned", ValueKind.Date, "Måned"),
            LabeledFact("timer", ValueKind.Decimal, "Timer"),
            LabeledFact("kilde", ValueKind.Enum, "Kilde", false, "tildelt", "overfoert"),
        ],
    };

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static CompiledVersion LedgerVersion(params DerivedValue[] derived) =>
        VersionCompiler.Compile("t", Version([Ledger, Fact("graense", ValueKind.Date, required: false)],
            [Table("t", HitPolicy.First, [], [Out("v", ValueKind.Decimal)], [Row("R1", [], ["1"])])], derived, outcome: ""));

    private static DerivedValue Derived(string name, ValueKind type, string expression, string? label = null) =>
        new() { Name = name, Type = type, Label = label ?? name, Expression = expression };

    private const string SevenMonths = """
        { "opsparing": [
          { "maaned": "2019-01-01", "timer": 8 },
          { "maaned": "2019-02-01", "timer": 15 },
          { "maaned": "2019-03-01", "timer": 4, "kilde": "overfoert" },
          { "maaned": "2019-04-01", "timer": 0 },
          { "maaned": "2019-05-01", "timer": 2.5 },
          { "maaned": "2019-06-01", "timer": 1 },
          { "maaned": "2019-07-01", "timer": 3 }
        ], "graense": "2019-03-01" }
        """;

    [Fact]
    public void A_list_binds_as_items_of_typed_fields_in_the_order_given()
    {
        var cv = LedgerVersion();
        var bound = FactBinder.Bind(cv.Facts, Json(SevenMonths));
        Assert.True(bound.IsValid);
        var list = Assert.IsType<ListValue>(bound.Values["opsparing"]);
        Assert.Equal(7, list.Count);
        Assert.Equal(new DateOnly(2019, 3, 1), list[2]["maaned"]);
        Assert.Equal(4m, list[2]["timer"]);
        Assert.Equal("overfoert", list[2]["kilde"]);
        Assert.Null(list[0]["kilde"]);
        Assert.Equal("""{"maaned":"2019-01-01","timer":8}""", JsonSerializer.Serialize(list[0]));
    }

    [Theory]
    [InlineData("""{ "opsparing": 5 }""", "opsparing", "skal være en liste")]
    [InlineData("""{ "opsparing": [ 5 ] }""", "opsparing[0]", "skal være et objekt")]
    [InlineData("""{ "opsparing": [ { "maaned": "2019-01-01", "timer": 1 }, { "maaned": "2019-02-01", "timer": 1 }, { "maaned": "2019-03-01", "timer": "x" } ] }""", "opsparing[2].timer", "skal være et tal")]
    [InlineData("""{ "opsparing": [ { "maaned": "1. jan", "timer": 1 } ] }""", "opsparing[0].maaned", "ÅÅÅÅ-MM-DD")]
    [InlineData("""{ "opsparing": [ { "maaned": "2019-01-01", "timer": 1, "kilde": "laant" } ] }""", "opsparing[0].kilde", "'laant' er ikke en tilladt værdi")]
    [InlineData("""{ "opsparing": [ { "maaned": "2019-01-01", "timer": 1, "minutter": 3 } ] }""", "opsparing[0].minutter", "ikke et felt i 'opsparing[0]'")]
    public void A_wrong_item_is_named_by_its_index_and_field(string json, string path, string message)
    {
        var bound = FactBinder.Bind(LedgerVersion().Facts, Json(json));
        var error = Assert.Single(bound.Errors);
        Assert.Equal(path, error.Fact);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("opsparing", bound.Missing);
    }

    [Fact]
    public async Task A_required_field_left_out_of_an_item_makes_the_result_undetermined_naming_the_item()
    {
        var cv = LedgerVersion();
        var bound = FactBinder.Bind(cv.Facts, Json("""{ "opsparing": [ { "maaned": "2019-01-01", "timer": 1 }, { "maaned": "2019-02-01" } ] }"""));
        Assert.True(bound.IsValid);
        Assert.Equal(["opsparing[1].timer"], bound.Missing);
        var result = await Evaluator.EvaluateAsync(cv, Day, bound, SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Undetermined, result.Status);
        Assert.Equal(["opsparing[1].timer"], result.MissingFacts);
    }

    [Fact]
    public void A_required_list_not_given_is_missing_and_an_empty_list_is_given()
    {
        var cv = LedgerVersion();
        Assert.Equal(["opsparing"], FactBinder.Bind(cv.Facts, Json("{}")).Missing);
        Assert.Empty(FactBinder.Bind(cv.Facts, Json("""{ "opsparing": [] }""")).Missing);
    }

    [Theory]
    [InlineData("count(opsparing)", 7)]
    [InlineData("count(opsparing hvor timer > 0)", 6)]
    [InlineData("sum(opsparing.timer)", 33.5)]
    [InlineData("sum(opsparing.timer hvor maaned >= graense and maaned < date(\"2019-07-01\"))", 7.5)]
    [InlineData("max(opsparing.timer hvor maaned < graense)", 15)]
    [InlineData("min(opsparing.timer hvor timer > 0)", 1)]
    [InlineData("count(opsparing hvor known(kilde) and kilde = \"overfoert\")", 1)]
    [InlineData("if(any(opsparing hvor timer > 10), 1, 0)", 1)]
    [InlineData("if(all(opsparing hvor timer > 0), 1, 0)", 0)]
    [InlineData("sum(opsparing.timer hvor timer > 3) - count(opsparing hvor timer > 3)", 24)]
    public async Task The_list_functions_count_sum_and_compare_the_items_that_meet_the_condition(string expression, decimal expected)
    {
        var cv = LedgerVersion(Derived("resultat", ValueKind.Decimal, expression));
        var result = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json(SevenMonths)), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Determined, result.Status);
        Assert.Equal(expected, result.Values["resultat"]);
    }

    [Fact]
    public async Task Min_and_max_of_a_date_field_give_dates_and_an_empty_list_counts_nothing()
    {
        var cv = LedgerVersion(
            Derived("foerste", ValueKind.Date, "min(opsparing.maaned)"),
            Derived("antal", ValueKind.Int, "count(opsparing)"),
            Derived("ingen", ValueKind.Bool, "all(opsparing hvor timer > 100)"));
        var result = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json(SevenMonths)), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(new DateOnly(2019, 1, 1), result.Values["foerste"]);
        var empty = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json("""{ "opsparing": [] }""")), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Error, empty.Status);
        Assert.Equal("empty-list", empty.Error!.Kind);
        Assert.Contains("min(opsparing.maaned) har ingen værdi", empty.Error.Message);
    }

    [Fact]
    public async Task An_item_derived_value_is_computed_once_per_item_and_reads_as_a_field()
    {
        var cv = LedgerVersion(
            Derived("opsparing.gammel", ValueKind.Bool, "maaned < graense", "Opsparet før grænsen"),
            Derived("gamleTimer", ValueKind.Decimal, "sum(opsparing.timer hvor gammel)"));
        var result = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json(SevenMonths)), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(23m, result.Values["gamleTimer"]);
        Assert.Equal(new object?[] { true, true, false, false, false, false, false }, (IEnumerable<object?>)result.Values["opsparing.gammel"]!);
        var decision = Assert.Single(result.Decisions, d => d.Name == "gamleTimer");
        var trace = Assert.Single(decision.Lists);
        Assert.Equal("sum(opsparing.timer hvor gammel)", trace.Expression);
        Assert.Equal([true, true, false, false, false, false, false], trace.Items.Select(i => i.Counted));
        Assert.Equal(true, trace.Items[0].Item["gammel"]);
        Assert.Equal("ikke talt med: gammel holder ikke (Opsparet før grænsen nej)", trace.Items[2].Why);
    }

    [Fact]
    public async Task The_trace_says_for_each_item_whether_it_counted_and_which_part_of_the_condition_it_failed()
    {
        var cv = LedgerVersion(Derived("brugbare", ValueKind.Decimal, "sum(opsparing.timer hvor maaned >= graense and timer > 0)", "Brugbare timer"));
        var result = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json(SevenMonths)), SatsCatalog.Empty, LookupCatalog.Empty);
        var trace = Assert.Single(Assert.Single(result.Decisions, d => d.Name == "brugbare").Lists);
        Assert.Equal("opsparing", trace.List);
        Assert.Equal(7, trace.Items.Count);
        Assert.Equal("ikke talt med: maaned >= graense holder ikke (Måned 1. januar 2019, graense 1. marts 2019)", trace.Items[0].Why);
        Assert.Equal("talt med: maaned >= graense og timer > 0 holder (Måned 1. marts 2019, graense 1. marts 2019, Timer 4)", trace.Items[2].Why);
        Assert.Equal("ikke talt med: timer > 0 holder ikke (Timer 0)", trace.Items[3].Why);
        Assert.Equal(10.5m, result.Values["brugbare"]);
    }

    [Fact]
    public async Task An_optional_field_used_without_known_fails_naming_the_item()
    {
        var cv = LedgerVersion(Derived("n", ValueKind.Decimal, "count(opsparing hvor kilde = \"tildelt\")"));
        var result = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json(SevenMonths)), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Error, result.Status);
        Assert.Equal("missing-value", result.Error!.Kind);
        Assert.StartsWith("opsparing[0]: 'opsparing.kilde' har ingen værdi", result.Error.Message);
    }

    [Theory]
    [InlineData("opsparing", "er en liste; brug den i count")]
    [InlineData("timer", "Ukendt navn 'timer'")]
    [InlineData("opsparing.timer + 1", "er et felt i listens poster")]
    [InlineData("sum(opsparing.maaned)", "sum() kræver et talfelt")]
    [InlineData("sum(opsparing)", "sum() skal have et felt i en liste")]
    [InlineData("count(opsparing.timer)", "count() skal have en liste")]
    [InlineData("count(graense)", "count() skal have en liste")]
    [InlineData("any(opsparing)", "any() skal have en betingelse")]
    [InlineData("count(opsparing hvor timer)", "Betingelsen efter 'hvor' kræver ja/nej")]
    [InlineData("count(opsparing hvor count(opsparing) > 1)", "kan ikke stå i en betingelse eller værdi for den samme listes poster")]
    [InlineData("count(opsparing hvor timer > 0) hvor", "Uventet 'hvor'")]
    [InlineData("opsparing.minutter", "'opsparing' har intet felt 'minutter'. Felterne er maaned, timer, kilde")]
    [InlineData("count(opsparing hvor kilde = \"laant\")", "'laant' er ikke en af de tilladte værdier for 'opsparing.kilde'")]
    public void Lists_used_outside_the_list_functions_are_refused_with_the_reason(string expression, string message)
    {
        var ex = Assert.Throws<VersionCompilationException>(() => LedgerVersion(Derived("x", ValueKind.Decimal, expression)));
        Assert.Contains(ex.Errors, e => e.Message.Contains(message));
    }

    [Fact]
    public void A_list_cannot_be_a_table_input_and_a_field_cannot_be_a_list()
    {
        var v = Version([Ledger], [Table("t", HitPolicy.First, ["opsparing"], [Out("v", ValueKind.Decimal)], [Row("R1", ["-"], ["1"])])], outcome: "");
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", v));
        Assert.Contains(ex.Errors, e => e.Message.Contains("en tabel tager enkelte værdier"));

        var nested = Ledger with { Fields = [.. Ledger.Fields!, Fact("under", ValueKind.List)] };
        ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", Version([nested],
            [Table("t", HitPolicy.First, [], [Out("v", ValueKind.Decimal)], [Row("R1", [], ["1"])])], outcome: "")));
        Assert.Contains(ex.Errors, e => e.Message.Contains("felter i en liste eller post skal være enkle værdier"));
    }

    [Fact]
    public async Task A_record_fact_binds_its_fields_and_reads_them_by_path()
    {
        var loan = new FactDefinition
        {
            Name = "laan", Type = ValueKind.Record, Label = "Lån",
            Fields = [Fact("beloeb", ValueKind.Decimal), Fact("rente", ValueKind.Decimal)],
        };
        var cv = VersionCompiler.Compile("t", Version([loan],
            [Table("t", HitPolicy.First, [], [Out("v", ValueKind.Decimal)], [Row("R1", [], ["laan.beloeb * laan.rente"])])], outcome: ""));
        var result = await Evaluator.EvaluateAsync(cv, Day, FactBinder.Bind(cv.Facts, Json("""{ "laan": { "beloeb": 1000, "rente": 0.05 } }""")), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(50m, result.Outputs["v"]);
        var bad = FactBinder.Bind(cv.Facts, Json("""{ "laan": { "beloeb": 1000 } }"""));
        Assert.Equal(["laan.rente"], bad.Missing);
    }
}

/// <summary>Old fact names a version still accepts for one version period, mapped onto list items.</summary>
public class LegacyFactTests
{
    private static readonly RulesetVersion V = TestVersions.Version([ListFactTests.Ledger],
        [TestVersions.Table("t", HitPolicy.First, [], [TestVersions.Out("v", ValueKind.Decimal)], [TestVersions.Row("R1", [], ["sum(opsparing.timer)"])])],
        outcome: "") with
    {
        LegacyFacts =
        [
            new LegacyFact { Name = "savedHours1", List = "opsparing", Item = 1, Field = "timer" },
            new LegacyFact { Name = "savedHours1Month", List = "opsparing", Item = 1, Field = "maaned" },
            new LegacyFact { Name = "savedHours2", List = "opsparing", Item = 2, Field = "timer" },
            new LegacyFact { Name = "savedHours2Month", List = "opsparing", Item = 2, Field = "maaned" },
        ],
    };

    private static Dictionary<string, JsonElement> Json(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public async Task Old_names_become_items_in_item_number_order()
    {
        var cv = VersionCompiler.Compile("t", V);
        var bound = FactBinder.Bind(cv.Facts, Json("""{ "savedHours2": 15, "savedHours2Month": "2019-02-01", "savedHours1": 8, "savedHours1Month": "2019-01-01" }"""), cv.Content.LegacyFacts);
        Assert.True(bound.IsValid);
        var list = Assert.IsType<ListValue>(bound.Values["opsparing"]);
        Assert.Equal([8m, 15m], list.Select(i => i["timer"]));
        var result = await Evaluator.EvaluateAsync(cv, EngineHarness.Day, bound, SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(23m, result.Outputs["v"]);
    }

    [Fact]
    public void An_old_item_with_a_field_left_out_is_missing_by_its_old_name_and_old_and_new_together_are_refused()
    {
        var cv = VersionCompiler.Compile("t", V);
        Assert.Equal(["savedHours1Month"], FactBinder.Bind(cv.Facts, Json("""{ "savedHours1": 8 }"""), cv.Content.LegacyFacts).Missing);
        var both = FactBinder.Bind(cv.Facts, Json("""{ "savedHours1": 8, "opsparing": [] }"""), cv.Content.LegacyFacts);
        Assert.Contains(both.Errors, e => e.Fact == "savedHours1" && e.Message.Contains("kan ikke sendes sammen med 'opsparing'"));
        // Without the version's mapping an old name is an unknown fact.
        Assert.Contains(FactBinder.Bind(cv.Facts, Json("""{ "savedHours1": 8 }""")).Errors, e => e.Fact == "savedHours1");
    }

    private static readonly FactDefinition Carers = new()
    {
        Name = "andrePlejere", Type = ValueKind.List, Label = "Øvrige plejere", Required = false,
        Fields =
        [
            new FactDefinition { Name = "grundlag", Type = ValueKind.Enum, Label = "Grundlag", Required = true,
                Values = [new EnumValue { Value = "sygedagpenge", Label = "Sygedagpenge" }, new EnumValue { Value = "basisbeloeb", Label = "Basisbeløb" }] },
            new FactDefinition { Name = "vederlag", Type = ValueKind.Decimal, Label = "Vederlag", Required = true },
        ],
    };

    private static readonly RulesetVersion Shared = TestVersions.Version([Carers],
        [TestVersions.Table("t", HitPolicy.First, [], [TestVersions.Out("v", ValueKind.Decimal)], [TestVersions.Row("R1", [], ["sum(andrePlejere.vederlag hvor grundlag = \"sygedagpenge\")"])])],
        outcome: "") with
    {
        LegacyFacts =
        [
            new LegacyFact { Name = "andreSdp", List = "andrePlejere", Item = 1, Field = "vederlag", Set = new Dictionary<string, string> { ["grundlag"] = "sygedagpenge" } },
            new LegacyFact { Name = "andreBasis", List = "andrePlejere", Item = 2, Field = "vederlag", Set = new Dictionary<string, string> { ["grundlag"] = "basisbeloeb" } },
        ],
    };

    [Fact]
    public async Task An_old_name_with_fixed_values_makes_an_item_with_those_values()
    {
        var cv = VersionCompiler.Compile("t", Shared);
        var bound = FactBinder.Bind(cv.Facts, Json("""{ "andreBasis": 7000, "andreSdp": 12000 }"""), cv.Content.LegacyFacts);
        Assert.True(bound.IsValid);
        Assert.Empty(bound.Missing);
        var list = Assert.IsType<ListValue>(bound.Values["andrePlejere"]);
        Assert.Equal(["sygedagpenge", "basisbeloeb"], list.Select(i => i["grundlag"]));
        var result = await Evaluator.EvaluateAsync(cv, EngineHarness.Day, bound, SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(12000m, result.Outputs["v"]);
    }

    [Fact]
    public void A_fixed_value_outside_the_fields_enum_values_is_refused_at_the_gate()
    {
        var bad = Shared with { LegacyFacts = [new LegacyFact { Name = "andreSdp", List = "andrePlejere", Item = 1, Field = "vederlag", Set = new Dictionary<string, string> { ["grundlag"] = "loen" } }] };
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", bad));
        Assert.Contains(ex.Errors, e => e.Message.Contains("'loen' er ikke en valgmulighed i feltet 'grundlag'"));
        var numeric = Shared with { LegacyFacts = [new LegacyFact { Name = "andreSdp", List = "andrePlejere", Item = 1, Field = "grundlag", Set = new Dictionary<string, string> { ["vederlag"] = "12" } }] };
        Assert.Contains(Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", numeric)).Errors,
            e => e.Message.Contains("kun en valgmulighed eller tekst kan have en fast værdi"));
    }

    [Fact]
    public void A_mapping_onto_a_field_that_does_not_exist_is_refused_at_the_gate()
    {
        var bad = V with { LegacyFacts = [new LegacyFact { Name = "savedHours1", List = "opsparing", Item = 1, Field = "minutter" }] };
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", bad));
        Assert.Contains(ex.Errors, e => e.Message.Contains("Listen 'opsparing' har intet felt 'minutter'"));
    }
}
