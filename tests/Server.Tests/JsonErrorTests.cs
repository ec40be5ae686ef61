using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// A 400 for a body that is not JSON or has a value of the wrong type names the JSON path in Danish, never with a .NET
/// type name from the serializer's own text ("could not be converted to System.Nullable`1[System.DateOnly]").
/// </summary>
public class JsonErrorTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string, string> WrongTypes => new()
    {
        { "/api/v1/evaluations", "{\"ruleset\":\"sel-97\",\"decisionDate\":\"1. marts 2024\"}", "decisionDate", "en dato på formen \"ÅÅÅÅ-MM-DD\"" },
        { "/api/v1/evaluations", "{\"ruleset\":5}", "ruleset", "tekst" },
        { "/api/v1/evaluations", "{\"ruleset\":\"sel-97\",\"begrundelse\":\"ja\"}", "begrundelse", "true eller false" },
        { "/api/v1/evaluations", "{\"ruleset\":\"sel-97\",\"asOf\":\"i går\"}", "asOf", "et tidspunkt" },
        { "/api/v1/evaluations", "{\"ruleset\":\"sel-97\",\"facts\":[1]}", "facts", "et objekt" },
        { "/api/v1/evaluations", "{\"ruleset\":\"sel-97\",\"notes\":{\"a\":5}}", "notes.a", "tekst" },
        { "/api/v1/evaluations", "[1,2]", "body", "et objekt" },
        { "/api/v1/evaluations", "\"tekst\"", "body", "et objekt" },
        { "/api/v1/evaluations/batch", "{\"evaluations\":5}", "evaluations", "en liste" },
        { "/api/v1/evaluations/batch", "{\"evaluations\":[{\"ruleset\":[]}]}", "evaluations[0].ruleset", "tekst" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_value_of_the_wrong_type_is_400_in_danish_naming_its_path(string path, string json, string field, string expected)
    {
        var (status, body) = await Post(path, json);
        var problem = JsonNode.Parse(body)!;
        var item = path.EndsWith("batch", StringComparison.Ordinal) && field.StartsWith("evaluations[", StringComparison.Ordinal)
            ? problem["results"]![0]!["problem"]!
            : problem;
        Assert.Equal(400, item["status"]!.GetValue<int>());
        if (item == problem) Assert.Equal(400, status);
        var message = Assert.Single(item["errors"]![field]!.AsArray())!.GetValue<string>();
        Assert.Contains(expected, message);
        AssertNoDotNet(body);
    }

    [Theory]
    [InlineData("{\"ruleset\":", 1, 12)]
    [InlineData("{\"ruleset\":\"sel-97\",}", 1, 21)]
    [InlineData("xyz", 1, 1)]
    [InlineData("{\"a\":1}x", 1, 8)]
    [InlineData("{\n  \"ruleset\": \"sel-97\",\n  \"facts\": {,}\n}", 3, 13)]
    public async Task Malformed_json_is_400_in_danish_naming_line_and_position(string json, int line, int position)
    {
        var (status, body) = await Post("/api/v1/evaluations", json);
        Assert.Equal(400, status);
        var problem = JsonNode.Parse(body)!;
        Assert.Contains($"linje {line}, position {position}", problem["detail"]!.GetValue<string>());
        AssertNoDotNet(body);
    }

    private async Task<(int Status, string Body)> Post(string path, string json)
    {
        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The words a reader sees (title, detail, every message) carry no .NET type and no serializer text.</summary>
    private static void AssertNoDotNet(string body)
    {
        var texts = new List<string>();
        void Collect(JsonNode? node)
        {
            if (node is null) return;
            foreach (var key in new[] { "title", "detail" })
                if (node[key] is JsonValue v) texts.Add(v.GetValue<string>());
            if (node["errors"] is JsonObject errors)
                foreach (var (name, messages) in errors)
                {
                    texts.Add(name);
                    texts.AddRange(messages!.AsArray().Select(m => m!.GetValue<string>()));
                }
            if (node["results"] is JsonArray results)
                foreach (var r in results) Collect(r!["problem"]);
        }
        Collect(JsonNode.Parse(body));
        Assert.NotEmpty(texts);
        foreach (var word in new[] { "System.", "Serviceloven.", "JSON value", "could not", "invalid", "Path:", "LineNumber" })
            Assert.DoesNotContain(texts, t => t.Contains(word, StringComparison.Ordinal));
    }
}
