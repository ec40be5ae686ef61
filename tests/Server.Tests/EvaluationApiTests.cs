using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>The evaluation API over each store provider: the published rules it answers from were read from that database.</summary>
public abstract class EvaluationApiTests(RulesServerFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Facts of the first determined test case shipped for a ruleset, so the test follows the content.</summary>
    internal static JsonObject FactsOfFirstCase(string ruleset, Func<JsonNode, bool>? where = null)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RulesServerFactory.RulesFolder, ruleset, "tests"), "*.json").Order())
        {
            var cases = JsonNode.Parse(File.ReadAllText(file))!["cases"]!.AsArray();
            foreach (var c in cases)
                if (c!["expect"]?["status"]?.GetValue<string>() is null or "determined" && (where?.Invoke(c) ?? true))
                    return c["facts"]!.AsObject().DeepClone().AsObject();
        }
        throw new InvalidOperationException($"Ingen testcase for {ruleset}.");
    }

    private Task<HttpResponseMessage> Post(object body) => _client.PostAsJsonAsync("/api/v1/evaluations", body);

    [Fact]
    public async Task Decision_date_picks_the_version_valid_on_it()
    {
        var facts = FactsOfFirstCase("sel-85");
        var early = await (await Post(new { ruleset = "sel-85", decisionDate = "2020-05-01", facts })).Content.ReadFromJsonAsync<JsonObject>();
        var late = await (await Post(new { ruleset = "sel-85", decisionDate = "2024-01-01", facts })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("2018-01-01", early!["version"]!["validFrom"]!.GetValue<string>());
        Assert.Equal("2023-10-01", late!["version"]!["validFrom"]!.GetValue<string>());
        Assert.NotEqual(early["version"]!["hash"]!.GetValue<string>(), late["version"]!["hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task Response_has_every_contract_field()
    {
        var facts = FactsOfFirstCase("sel-97");
        var response = await Post(new { ruleset = "sel-97", decisionDate = "2024-03-01", facts });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        foreach (var field in new[] { "ruleset", "decisionDate", "status", "outcome", "outputs", "missingFacts", "version", "satser", "trace", "references", "begrundelse", "receipt" })
            Assert.True(body!.ContainsKey(field), $"mangler feltet {field}");
        foreach (var field in new[] { "id", "validFrom", "validTo", "publishedAt", "hash" })
            Assert.True(body!["version"]!.AsObject().ContainsKey(field), $"mangler version.{field}");
        foreach (var field in new[] { "versionSetHash", "inputHash", "engine" })
            Assert.True(body!["receipt"]!.AsObject().ContainsKey(field), $"mangler receipt.{field}");
        var trace = body!["trace"]!.AsArray();
        Assert.NotEmpty(trace);
        foreach (var field in new[] { "table", "rule", "matched", "failed", "ref" })
            Assert.True(trace[0]!.AsObject().ContainsKey(field), $"mangler trace.{field}");
        Assert.Equal("determined", body["status"]!.GetValue<string>());
        Assert.NotNull(body["outcome"]);
    }

    [Fact]
    public async Task No_version_valid_on_the_date_is_422_naming_the_valid_range()
    {
        var response = await Post(new { ruleset = "sel-97", decisionDate = "2017-06-01", facts = FactsOfFirstCase("sel-97") });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = problem!["detail"]!.GetValue<string>();
        Assert.Contains("1. juni 2017", detail);
        Assert.Contains("fra 1. februar 2018", detail);
    }

    [Fact]
    public async Task Missing_required_fact_gives_undetermined_with_missing_facts()
    {
        var facts = FactsOfFirstCase("sel-97");
        facts.Remove("birthDate");
        var response = await Post(new { ruleset = "sel-97", decisionDate = "2024-03-01", facts });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("undetermined", body!["status"]!.GetValue<string>());
        Assert.Null(body["outcome"]);
        Assert.Equal(["birthDate"], body["missingFacts"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task A_fact_the_deciding_path_needs_gives_undetermined_with_the_trace_so_far_not_a_422()
    {
        // § 161: payment is due, so the income basis is required on this path (requiredWhen betalingspligt = "ja").
        var response = await Post(new { ruleset = "sel-161", decisionDate = "2014-08-01",
            facts = new Dictionary<string, object> { ["hjaelpType"] = "p83Midlertidig", ["kommunenOpkraeverBetaling"] = true, ["timer"] = 10 },
            begrundelse = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("undetermined", body!["status"]!.GetValue<string>());
        Assert.Equal(["indkomstgrundlag"], body["missingFacts"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Null(body["outcome"]);
        Assert.Null(body["begrundelse"]);
        var trace = body["trace"]!.AsArray();
        Assert.NotEmpty(trace);
        Assert.All(trace, t => Assert.Equal("betalingspligt", t!["table"]!.GetValue<string>()));

        var schema = await _client.GetFromJsonAsync<JsonObject>("/api/v1/rulesets/sel-161?date=2014-08-01");
        var income = schema!["facts"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "indkomstgrundlag");
        Assert.False(income!["required"]!.GetValue<bool>());
        Assert.Equal("betalingspligt = \"ja\"", income["requiredWhen"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_type_is_422_naming_the_fact()
    {
        var facts = FactsOfFirstCase("sel-97");
        facts["birthDate"] = 19900501;
        var response = await Post(new { ruleset = "sel-97", decisionDate = "2024-03-01", facts });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("facts.birthDate"));
    }

    [Fact]
    public async Task Unknown_enum_value_is_422_naming_the_fact_and_the_allowed_values()
    {
        var facts = FactsOfFirstCase("sel-97");
        var enumFact = facts.First(kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) && !DateOnly.TryParse(s, out _)).Key;
        facts[enumFact] = "findesIkke";
        var response = await Post(new { ruleset = "sel-97", decisionDate = "2024-03-01", facts });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("findesIkke", problem!["errors"]!["facts." + enumFact]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_json_is_400_problem_details()
    {
        var response = await _client.PostAsync("/api/v1/evaluations", new StringContent("{\"ruleset\": \"sel-97\", ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_decision_date_is_400_naming_the_field()
    {
        var response = await Post(new { ruleset = "sel-97", facts = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("decisionDate"));
    }

    [Fact]
    public async Task Unknown_ruleset_is_404()
    {
        var response = await Post(new { ruleset = "sel-999", decisionDate = "2024-03-01", facts = new { } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/rulesets/sel-999")).StatusCode);
    }

    [Fact]
    public async Task Oversized_request_is_refused()
    {
        var huge = new string('x', 2_000_000);
        var response = await Post(new { ruleset = "sel-97", decisionDate = "2024-03-01", facts = new { note = huge } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Batch_answers_each_request_in_order()
    {
        var facts = FactsOfFirstCase("sel-97");
        var response = await _client.PostAsJsonAsync("/api/v1/evaluations/batch", new
        {
            evaluations = new object[]
            {
                new { ruleset = "sel-97", decisionDate = "2024-03-01", facts },
                new { ruleset = "sel-999", decisionDate = "2024-03-01", facts = new { } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
        Assert.Equal(200, results[0]!["statusCode"]!.GetValue<int>());
        Assert.Equal(404, results[1]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fact_schema_for_a_date_lists_the_facts_of_that_version()
    {
        var schema = await _client.GetFromJsonAsync<JsonObject>("/api/v1/rulesets/sel-97?date=2024-03-01");
        var facts = schema!["facts"]!.AsArray();
        Assert.Contains(facts, f => f!["name"]!.GetValue<string>() == "birthDate" && f["type"]!.GetValue<string>() == "date");
        Assert.Contains(facts, f => f!["discretionary"]!.GetValue<bool>());
        var versions = await _client.GetFromJsonAsync<JsonArray>("/api/v1/rulesets/sel-85/versions");
        Assert.True(versions!.Count >= 2);
    }

    [Fact]
    public async Task Satser_endpoints_give_values_on_a_date_and_whole_series()
    {
        var all = await _client.GetFromJsonAsync<JsonArray>("/api/v1/satser?date=2024-01-01");
        Assert.NotEmpty(all!);
        var key = all![0]!["key"]!.GetValue<string>();
        var series = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/satser/{key}");
        Assert.Equal(key, series!["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/satser/findes.ikke")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        var ready = await _client.GetFromJsonAsync<JsonObject>("/health/ready");
        Assert.Equal("healthy", ready!["status"]!.GetValue<string>());
    }
}

public sealed class EvaluationApiSqliteTests(RulesServerFactory factory) : EvaluationApiTests(factory), IClassFixture<RulesServerFactory>;

[Trait("Provider", "postgres")]
public sealed class EvaluationApiPostgresTests(PostgresServerFactory factory) : EvaluationApiTests(factory), IClassFixture<PostgresServerFactory>;

public class BegrundelseApiTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private static System.Text.Json.Nodes.JsonObject Example() =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RulesServerFactory.RepositoryRoot, "docs", "examples", "sel-97-bevilget.json")))!.AsObject();

    [Fact]
    public async Task The_readme_example_gives_a_danish_begrundelse_naming_the_law_the_note_the_hours_and_klagevejledning()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations", Example());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        var text = body!["begrundelse"]!.GetValue<string>();
        Assert.Equal("bevilget", body["outcome"]!.GetValue<string>());
        // Danish typography in the text format too: a no-break space keeps "§ 97" together when pasted into a letter.
        Assert.Contains("servicelovens §\u00a097", text);
        Assert.DoesNotContain("§ 9", text);
        Assert.Contains("15 timers ledsagelse", text);
        Assert.Contains("spastisk lammet", text); // the caseworker's note, quoted
        Assert.Contains("Klagevejledning", text);
        Assert.Contains("Ankestyrelsen", text);
    }

    [Fact]
    public async Task Html_format_encodes_and_wraps_paragraphs()
    {
        var request = Example();
        request["format"] = "html";
        request["notes"]!["cannotGetAroundAloneOutsideHome"] = "<script>alert(1)</script>";
        var body = await (await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations", request)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        var html = body!["begrundelse"]!.GetValue<string>();
        Assert.Contains("<p>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task A_missing_note_for_a_decisive_skoen_is_422_naming_the_note()
    {
        var request = Example();
        request["notes"]!.AsObject().Remove("impairmentSignificantAndPermanent");
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations", request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("notes.impairmentSignificantAndPermanent"));
    }
}

public class ReadmeExampleTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    [Fact]
    public async Task The_readme_shows_what_its_curl_example_returns()
    {
        var readme = File.ReadAllText(Path.Combine(RulesServerFactory.RepositoryRoot, "README.md"));
        var request = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RulesServerFactory.RepositoryRoot, "docs", "examples", "sel-97-bevilget.json")));
        var body = await (await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations", request)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();

        var textStart = readme.IndexOf("```text\n", readme.IndexOf("The `begrundelse` field", StringComparison.Ordinal), StringComparison.Ordinal) + "```text\n".Length;
        var shown = readme[textStart..readme.IndexOf("\n```", textStart, StringComparison.Ordinal)];
        // The README shows the no-break spaces of the answer's Danish typography as ordinary spaces, and says so.
        Assert.Contains("no-break space (U+00A0)", readme);
        Assert.Equal(shown, body!["begrundelse"]!.GetValue<string>().TrimEnd('\n').Replace('\u00a0', ' '));

        var outputsLine = readme.Split('\n').Single(l => l.TrimStart().StartsWith("\"outputs\":", StringComparison.Ordinal)).Trim().TrimEnd(',');
        var shownOutputs = System.Text.Json.Nodes.JsonNode.Parse("{" + outputsLine + "}")!["outputs"]!;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(shownOutputs, body["outputs"]), $"README viser {shownOutputs}, serveren svarer {body["outputs"]}");
        Assert.Contains(body["references"]![0]!.GetValue<string>(), readme);
        Assert.Contains(body["version"]!["hash"]!.GetValue<string>(), readme);
        Assert.Contains(body["receipt"]!["versionSetHash"]!.GetValue<string>(), readme);
        Assert.Contains(body["receipt"]!["inputHash"]!.GetValue<string>(), readme);

        // The trace rows the README shows are the server's rows, field for field (Danish failed text, decisive, hit policy).
        var jsonStart = readme.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var shownResponse = System.Text.Json.Nodes.JsonNode.Parse(readme[jsonStart..readme.IndexOf("\n```", jsonStart, StringComparison.Ordinal)])!;
        var shownRows = shownResponse["trace"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>().ToList();
        Assert.Equal(3, shownRows.Count);
        foreach (var row in shownRows)
        {
            var live = body["trace"]!.AsArray().Single(t => t!["table"]!.GetValue<string>() == row["table"]!.GetValue<string>() && t["rule"]!.GetValue<string>() == row["rule"]!.GetValue<string>());
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(row, live), $"README viser {row.ToJsonString()}, serveren svarer {live!.ToJsonString()}");
        }
    }
}
