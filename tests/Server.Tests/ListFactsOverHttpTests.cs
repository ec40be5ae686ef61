using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>sel-97's savings ledger as a list over HTTP: the fact schema, binding errors by item and field, the trace per item.</summary>
public class ListFactsOverHttpTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>The seven-month ledger case of the shipped tests (003 l.258-259).</summary>
    private static JsonObject Ledger() => JsonNode.Parse(File.ReadAllText(Path.Combine(RulesServerFactory.RulesFolder, "sel-97", "tests", "ledger.json")))!
        ["cases"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "TC-opsparing-7-maaneder")!["facts"]!.DeepClone().AsObject();

    private async Task<(HttpStatusCode Status, JsonObject Body)> Post(JsonObject facts, string date = "2019-08-05")
    {
        var response = await _client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-97", decisionDate = date, facts });
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task The_fact_schema_describes_the_list_with_its_fields_and_the_old_names_it_still_accepts()
    {
        var schema = await _client.GetFromJsonAsync<JsonObject>("/api/v1/rulesets/sel-97?date=2019-08-05");
        var ledger = schema!["facts"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "opsparing")!;
        Assert.Equal("list", ledger["type"]!.GetValue<string>());
        Assert.Equal(["maaned", "timer"], ledger["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal(["date", "decimal"], ledger["fields"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()));
        var deprecated = schema["deprecatedFacts"]!.AsArray();
        Assert.Equal(10, deprecated.Count);
        Assert.Equal(("savedHours1", "opsparing", 1, "timer"), (deprecated[0]!["name"]!.GetValue<string>(), deprecated[0]!["list"]!.GetValue<string>(),
            deprecated[0]!["item"]!.GetValue<int>(), deprecated[0]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Seven_months_give_the_usable_and_lapsed_hours_with_the_counted_months_in_the_decisions()
    {
        var (status, body) = await Post(Ledger());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(41m, body["outputs"]!["hoursAvailableInMonth"]!.GetValue<decimal>());
        Assert.Equal(23m, body["outputs"]!["savedHoursLapsed"]!.GetValue<decimal>());
        var usable = body["decisions"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "unexpiredSavedHours")!;
        Assert.Equal("expression", usable["kind"]!.GetValue<string>());
        Assert.Equal(26m, usable["value"]!.GetValue<decimal>());
        var list = usable["lists"]!.AsArray().Single()!;
        Assert.Equal("sum(opsparing.timer hvor alderIMaaneder >= 1 and not bortfaldet)", list["expression"]!.GetValue<string>());
        var items = list["items"]!.AsArray();
        Assert.Equal([false, false, true, true, true, true, true], items.Select(i => i!["counted"]!.GetValue<bool>()));
        Assert.Equal("2019-01-01", items[0]!["values"]!["maaned"]!.GetValue<string>());
        Assert.True(items[0]!["values"]!["bortfaldet"]!.GetValue<bool>());
        Assert.StartsWith("ikke talt med: not bortfaldet holder ikke", items[0]!["why"]!.GetValue<string>());
        // A decision without a list function has no lists member.
        Assert.Null(body["decisions"]!.AsArray().First(d => d!["kind"]!.GetValue<string>() == "table")!["lists"]);
    }

    [Fact]
    public async Task A_wrong_field_in_an_item_is_a_problem_naming_the_item_and_field()
    {
        var facts = Ledger();
        facts["opsparing"]![2]!["timer"] = "fem";
        var (status, body) = await Post(facts);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var errors = body["errors"]!.AsObject();
        Assert.Equal(["facts.opsparing[2].timer"], errors.Select(e => e.Key));
        Assert.Contains("skal være et tal", errors["facts.opsparing[2].timer"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_left_out_of_an_item_is_missing_by_its_path()
    {
        var facts = Ledger();
        facts["opsparing"]![1]!.AsObject().Remove("maaned");
        var (status, body) = await Post(facts);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("undetermined", body["status"]!.GetValue<string>());
        Assert.Equal(["opsparing[1].maaned"], body["missingFacts"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task The_old_slot_names_still_work_for_this_version_and_the_openapi_document_says_they_are_deprecated()
    {
        var facts = Ledger();
        facts.Remove("opsparing");
        facts["savedHours1"] = 8;
        facts["savedHours1Month"] = "2019-07-01";
        var (status, body) = await Post(facts);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(23m, body["outputs"]!["hoursAvailableInMonth"]!.GetValue<decimal>());

        var document = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var description = document!["paths"]!["/api/v1/evaluations"]!["post"]!["description"]!.GetValue<string>();
        Assert.Contains("Forældede faktanavne (deprecated)", description);
        Assert.Contains("sel-97 (versionen gældende fra 2018-02-01): savedHours1, savedHours1Month, savedHours2", description);
        Assert.Contains("→ opsparing", description);
        Assert.NotNull(document["components"]!["schemas"]!["DecisionEntry"]);
    }

    [Fact]
    public async Task The_rulesets_rewritten_as_lists_take_their_old_names_and_the_openapi_document_lists_them()
    {
        // sel-119 C1-basis (002 l.5088-5090) sent with the old sum of the other carers' sygedagpenge-based vederlag.
        var c1 = JsonNode.Parse(File.ReadAllText(Path.Combine(RulesServerFactory.RulesFolder, "sel-119", "tests", "cases.json")))!["cases"]!.AsArray()
            .Single(c => c!["id"]!.GetValue<string>() == "C1-basis-gamle-navne")!;
        var response = await _client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-119", decisionDate = "2014-08-01", facts = c1["facts"]!.DeepClone() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(7233.5m, body["outputs"]!["plejevederlagPrMaaned"]!.GetValue<decimal>());
        var sdp = body["decisions"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "andreSdp")!;
        Assert.Equal("sygedagpenge", sdp["lists"]![0]!["items"]![0]!["values"]!["grundlag"]!.GetValue<string>());

        var schema = await _client.GetFromJsonAsync<JsonObject>("/api/v1/rulesets/sel-119?date=2014-08-01");
        var basis = schema!["deprecatedFacts"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "andrePlejeresBasisVederlag")!;
        Assert.Equal("basisbeloeb", basis["set"]!["grundlag"]!.GetValue<string>());

        var document = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var description = document!["paths"]!["/api/v1/evaluations"]!["post"]!["description"]!.GetValue<string>();
        Assert.Contains("sel-118 (versionen gældende fra 2023-10-01): agreedMonths → perioder", description);
        Assert.Contains("sel-119 (versionen gældende fra 2014-01-01): andrePlejeresSygedagpengeVederlag (grundlag = sygedagpenge), andrePlejeresBasisVederlag (grundlag = basisbeloeb) → andrePlejere", description);
        Assert.Contains("sel-95 (versionen gældende fra 2021-07-01): hjaelperAnsaettelsesuger, hjaelperArbejdstimer → hjaelpere; naerstaaendeTimerIAlt → naerstaaende", description);
    }
}
