using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// Requests a careless integrator or an attacker sends (issue 18): each gets problem details naming the field, never a
/// 500, and one bad item in a batch does not take the others with it.
/// </summary>
public class MalformedRequestTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> PostRaw(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The first test case of sel-97 with one fact replaced by raw JSON text.</summary>
    private static string Sel97With(string fact, string rawValue)
    {
        var facts = EvaluationApiTests.FactsOfFirstCase("sel-97");
        facts.Remove(fact);
        var body = new JsonObject { ["ruleset"] = "sel-97", ["decisionDate"] = "2024-03-01", ["facts"] = facts }.ToJsonString();
        return body.Replace("\"facts\":{", $"\"facts\":{{\"{fact}\":{rawValue},", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birthDate")] // date
    [InlineData("impairmentCause")] // enum
    [InlineData("requestedActivity")] // optional enum
    public async Task A_lone_surrogate_in_a_string_fact_is_422_naming_the_fact(string fact)
    {
        var response = await PostRaw("/api/v1/evaluations", Sel97With(fact, "\"\\ud800\""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var message = Assert.Single(problem["errors"]![$"facts.{fact}"]!.AsArray())!.GetValue<string>();
        Assert.Contains("ugyldig tekst", message);
    }

    [Theory]
    [InlineData("{\"ruleset\":\"\\udc00\",\"decisionDate\":\"2024-03-01\",\"facts\":{}}", "ruleset")]
    [InlineData("{\"ruleset\":\"sel-97\",\"decisionDate\":\"2024-03-01\",\"format\":\"\\ud800x\",\"facts\":{}}", "format")]
    [InlineData("{\"ruleset\":\"sel-97\",\"decisionDate\":\"2024-03-01\",\"notes\":{\"a\":\"\\ud800\"},\"facts\":{}}", "notes.a")]
    [InlineData("{\"ruleset\":\"sel-97\",\"decisionDate\":\"2024-03-01\",\"facts\":{\"\\ud800\":true}}", "facts")]
    public async Task A_lone_surrogate_anywhere_else_is_400_naming_the_field(string json, string field)
    {
        var response = await PostRaw("/api/v1/evaluations", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_of_one_null_answers_that_item_with_400()
    {
        var response = await PostRaw("/api/v1/evaluations/batch", "{\"evaluations\":[null]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray())!;
        Assert.Equal(400, item["statusCode"]!.GetValue<int>());
        Assert.Null(item["result"]);
        Assert.Equal(400, item["problem"]!["status"]!.GetValue<int>());
        Assert.Contains(item["problem"]!["errors"]!.AsObject(), e => e.Key == "evaluations[0]");
    }

    [Fact]
    public async Task Mixed_good_and_bad_items_each_get_their_own_status_and_the_good_ones_are_evaluated()
    {
        var good = new JsonObject { ["ruleset"] = "sel-97", ["decisionDate"] = "2024-03-01", ["facts"] = EvaluationApiTests.FactsOfFirstCase("sel-97") }.ToJsonString();
        var items = new[]
        {
            good,
            "null",
            "{\"ruleset\":\"sel-97\",\"decisionDate\":\"1. marts 2024\",\"facts\":{}}",
            "5",
            Sel97With("birthDate", "\"\\ud800\""),
            "{\"ruleset\":\"sel-97\",\"decisionDate\":\"2024-03-01\",\"facts\":[]}",
            "{\"ruleset\":\"sel-999\",\"decisionDate\":\"2024-03-01\"}",
            good,
        };
        var response = await PostRaw("/api/v1/evaluations/batch", "{\"evaluations\":[" + string.Join(",", items) + "]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();
        Assert.Equal([200, 400, 400, 400, 422, 400, 404, 200], results.Select(r => r!["statusCode"]!.GetValue<int>()));
        Assert.Equal(Enumerable.Range(0, items.Length), results.Select(r => r!["index"]!.GetValue<int>()));
        Assert.Equal("determined", results[0]!["result"]!["status"]!.GetValue<string>());
        Assert.Equal("determined", results[7]!["result"]!["status"]!.GetValue<string>());
        Assert.Contains(results[2]!["problem"]!["errors"]!.AsObject(), e => e.Key == "evaluations[2].decisionDate");
        Assert.Contains(results[3]!["problem"]!["errors"]!.AsObject(), e => e.Key == "evaluations[3]");
        Assert.Contains(results[4]!["problem"]!["errors"]!.AsObject(), e => e.Key == "facts.birthDate");
        Assert.Contains(results[5]!["problem"]!["errors"]!.AsObject(), e => e.Key == "evaluations[5].facts");
    }

    [Fact]
    public async Task No_500_and_no_exception_in_the_log_for_any_of_them()
    {
        await A_batch_of_one_null_answers_that_item_with_400();
        await Mixed_good_and_bad_items_each_get_their_own_status_and_the_good_ones_are_evaluated();
        foreach (var fact in new[] { "birthDate", "impairmentCause" })
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await PostRaw("/api/v1/evaluations", Sel97With(fact, "\"\\udfff\""))).StatusCode);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Exception is not null);
    }
}
