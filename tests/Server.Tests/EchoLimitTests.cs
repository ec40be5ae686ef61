using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// Error bodies echo a capped part of what was sent (issue 18): a 1 MB enum value came back whole and 40,000 unknown
/// facts gave a 3.6 MB answer.
/// </summary>
public class EchoLimitTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Entries of an errors map at most (README, "Security and operations").</summary>
    private const int MaxErrors = 20;

    private async Task<(HttpResponseMessage Response, string Body)> Post(string path, JsonObject body)
    {
        var response = await _client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject Sel97(Action<JsonObject> change)
    {
        var facts = EvaluationApiTests.FactsOfFirstCase("sel-97");
        change(facts);
        return new JsonObject { ["ruleset"] = "sel-97", ["decisionDate"] = "2024-03-01", ["facts"] = facts };
    }

    [Fact]
    public async Task A_huge_enum_value_is_echoed_in_part_with_its_length()
    {
        var value = new string('x', 900_000);
        var (response, body) = await Post("/api/v1/evaluations", Sel97(f => f["impairmentCause"] = value));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(body.Length < 4_000, $"{body.Length} characters");
        var message = JsonNode.Parse(body)!["errors"]!["facts.impairmentCause"]![0]!.GetValue<string>();
        Assert.Contains(new string('x', 40) + "… (900000 tegn)", message);
    }

    [Fact]
    public async Task Forty_thousand_unknown_facts_give_a_short_answer_saying_how_many_more()
    {
        var (response, body) = await Post("/api/v1/evaluations", Sel97(f =>
        {
            for (var i = 0; i < 40_000; i++) f[$"ukendt{i:D5}"] = 1;
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(body.Length < 10_000, $"{body.Length} characters");
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(MaxErrors, problem["errors"]!.AsObject().Count);
        Assert.Contains($"og {40_000 - MaxErrors} flere", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_huge_unknown_fact_name_and_ruleset_id_are_echoed_in_part()
    {
        var name = new string('n', 200_000);
        var (response, body) = await Post("/api/v1/evaluations", Sel97(f => f[name] = true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(body.Length < 4_000, $"{body.Length} characters");

        var (unknown, unknownBody) = await Post("/api/v1/evaluations",
            new JsonObject { ["ruleset"] = new string('r', 500_000), ["decisionDate"] = "2024-03-01", ["facts"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(unknownBody.Length < 4_000, $"{unknownBody.Length} characters");
    }

    [Fact]
    public async Task A_batch_of_items_with_huge_values_stays_small()
    {
        var item = Sel97(f => f["impairmentCause"] = new string('y', 9_000));
        var batch = new JsonObject { ["evaluations"] = new JsonArray(Enumerable.Range(0, 100).Select(_ => (JsonNode)item.DeepClone()).ToArray()) };
        var (response, body) = await Post("/api/v1/evaluations/batch", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Length < 100 * 1_500, $"{body.Length} characters");
    }
}
