using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// A key twice in one JSON object was accepted and the last one won (issue 18): a gateway that reads the first would
/// check another request than the one evaluated. Now 400 naming the key, wherever it stands.
/// </summary>
public class DuplicateKeyTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string> Duplicates => new()
    {
        { "/api/v1/evaluations", """{"ruleset":"sel-0","ruleset":"sel-97","decisionDate":"2024-03-01","facts":{}}""", "ruleset" },
        { "/api/v1/evaluations", """{"ruleset":"sel-97","decisionDate":"2024-03-01","decisionDate":"2030-01-01","facts":{}}""", "decisionDate" },
        // Property names match without regard to case, so a second spelling is the same key.
        { "/api/v1/evaluations", """{"ruleset":"sel-97","Ruleset":"sel-0","decisionDate":"2024-03-01","facts":{}}""", "Ruleset" },
        { "/api/v1/evaluations", """{"ruleset":"sel-97","decisionDate":"2024-03-01","facts":{"alder":70,"alder":12}}""", "facts.alder" },
        { "/api/v1/evaluations", """{"ruleset":"sel-97","decisionDate":"2024-03-01","facts":{"x":{"y":1,"y":2}}}""", "facts.x.y" },
        { "/api/v1/evaluations/batch", """{"evaluations":[{"ruleset":"sel-97","ruleset":"sel-0"}]}""", "evaluations[0].ruleset" },
        { "/api/v1/evaluations/batch", """{"evaluations":[],"evaluations":[{"ruleset":"sel-97"}]}""", "evaluations" },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public async Task A_key_given_twice_is_400_naming_it(string path, string json, string field)
    {
        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"Feltet {field} står mere end én gang.", problem["detail"]!.GetValue<string>());
        Assert.Contains("kun stå én gang", Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_request_without_the_duplicate_is_evaluated()
    {
        var json = """{"ruleset":"sel-97","decisionDate":"2024-03-01","facts":{}}""";
        var response = await _client.PostAsync("/api/v1/evaluations", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
