using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Server.OpenApi;
using Serviceloven.Server.Rulesets;
using Serviceloven.Server.Satser;

namespace Serviceloven.Server.Tests;

/// <summary>The OpenAPI document as a contract: valid, complete, with examples that are what the server answers.</summary>
public class OpenApiTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    private async Task<string> DocumentText() => await factory.CreateClient().GetStringAsync("/openapi/v1.json");
    private async Task<JsonObject> Document() => JsonNode.Parse(await DocumentText())!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    [Fact]
    public async Task The_document_reads_and_validates_with_Microsoft_OpenApi_without_errors_or_warnings()
    {
        var result = OpenApiDocument.Parse(await DocumentText(), OpenApiConstants.Json, new OpenApiReaderSettings());
        Assert.NotNull(result.Document);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic!.SpecificationVersion);
        Assert.Empty(result.Diagnostic.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Diagnostic.Warnings.Select(e => e.ToString()));

        var validation = result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.Empty(validation.Select(e => $"{e.Pointer}: {e.Message}"));
    }

    [Fact]
    public async Task The_same_check_finds_the_faults_of_a_broken_copy()
    {
        var broken = await Document();
        broken["info"]!.AsObject().Remove("title");
        broken["paths"]!.AsObject().Add("uden-skraastreg", new JsonObject());
        broken["paths"]!["/api/v1/satser/{key}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"] =
            new JsonObject { ["$ref"] = "#/components/schemas/FindesIkke" };
        var result = OpenApiDocument.Parse(broken.ToJsonString(), OpenApiConstants.Json, new OpenApiReaderSettings());
        var faults = result.Diagnostic!.Errors.Concat(result.Diagnostic.Warnings).Select(e => e.ToString())
            .Concat(result.Document?.Validate(ValidationRuleSet.GetDefaultRuleSet()).Select(e => e.ToString()) ?? []).ToList();
        Assert.True(faults.Count >= 2, string.Join("\n", faults));
    }

    [Fact]
    public async Task Every_api_and_health_endpoint_is_in_the_document_and_no_admin_route()
    {
        var paths = (await Document())["paths"]!.AsObject();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/'))
            .Where(p => p.StartsWith("/api/v1", StringComparison.Ordinal) || p.StartsWith("/health", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains("/health/ready", endpoints);
        foreach (var endpoint in endpoints)
            Assert.True(paths.ContainsKey(endpoint), $"{endpoint} mangler i /openapi/v1.json");
        Assert.All(paths.Select(p => p.Key), p => Assert.True(p.StartsWith("/api/v1/", StringComparison.Ordinal) || p.StartsWith("/health/", StringComparison.Ordinal), p));
    }

    [Fact]
    public async Task The_api_key_scheme_guards_every_api_operation_and_not_the_health_endpoints()
    {
        var document = await Document();
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
        foreach (var (path, method, operation) in Operations(document))
        {
            if (path.StartsWith("/health", StringComparison.Ordinal)) Assert.Null(operation["security"]);
            else
            {
                Assert.True(operation["security"]![0]!["ApiKey"] is JsonArray, $"{method} {path} mangler X-Api-Key");
                Assert.True(operation["responses"]!["401"] is not null, $"{method} {path} mangler 401");
            }
        }
    }

    [Fact]
    public async Task Every_operation_has_a_summary_every_parameter_a_description_and_every_response_an_example()
    {
        foreach (var (path, method, operation) in Operations(await Document()))
        {
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), where);
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                Assert.False(string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>()), $"{where}: {parameter!["name"]}");
            // A JSON body, or the simulation's upload (a JSON part and a file part) as multipart/form-data.
            if (operation["requestBody"] is { } body)
                Assert.NotNull((body["content"]!["application/json"] ?? body["content"]!["multipart/form-data"])!["example"]);
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(response!["description"]?.GetValue<string>()), $"{where} {status}");
                foreach (var (type, media) in response["content"]!.AsObject())
                {
                    // The PDF letter is a file: its schema says binary; every JSON answer has an example.
                    if (type == "application/pdf") Assert.Equal("binary", media!["schema"]!["format"]!.GetValue<string>());
                    else Assert.True(media!["example"] is not null || media["examples"]?.AsObject().Count > 0, $"{where} {status} har intet eksempel");
                }
            }
        }
    }

    [Fact]
    public async Task The_evaluation_refusals_each_have_their_own_example()
    {
        var responses = (await Document())["paths"]!["/api/v1/evaluations"]!["post"]!["responses"]!;
        string[] Names(string status) => responses[status]!["content"]!["application/problem+json"]!["examples"]!.AsObject().Select(e => e.Key).ToArray();
        Assert.Equal(["missing-api-key", "invalid-api-key"], Names("401"));
        Assert.Equal(["invalid-json", "invalid-request"], Names("400"));
        Assert.Equal(["unknown-ruleset"], Names("404"));
        Assert.Equal(["payload-too-large"], Names("413"));
        Assert.Equal(["unsupported-media-type"], Names("415"));
        Assert.Equal(["invalid-facts", "no-valid-version", "evaluation-error", "missing-note"], Names("422"));
        foreach (var status in new[] { "400", "401", "404", "413", "415", "422" })
            foreach (var (name, example) in responses[status]!["content"]!["application/problem+json"]!["examples"]!.AsObject())
            {
                Assert.Equal(int.Parse(status, CultureInfo.InvariantCulture), example!["value"]!["status"]!.GetValue<int>());
                Assert.StartsWith("https://serviceloven.example/problems/", example["value"]!["type"]!.GetValue<string>());
            }
    }

    [Fact]
    public async Task The_request_example_is_the_readme_example_and_the_200_example_is_its_answer()
    {
        var evaluate = (await Document())["paths"]!["/api/v1/evaluations"]!["post"]!;
        var request = evaluate["requestBody"]!["content"]!["application/json"]!["example"]!;
        var readme = JsonNode.Parse(File.ReadAllText(Path.Combine(RulesServerFactory.RepositoryRoot, "docs", "examples", "sel-97-bevilget.json")));
        Assert.True(JsonNode.DeepEquals(readme, request));
        Assert.NotNull(evaluate["responses"]!["200"]!["content"]!["application/pdf"]); // the letter itself, with Accept: application/pdf

        var answer = await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations", request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var example = evaluate["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        var live = await answer.Content.ReadFromJsonAsync<JsonNode>();
        Assert.True(JsonNode.DeepEquals(live, example), $"200-eksemplet er ikke svaret på request-eksemplet:\n{example.ToJsonString()[..400]}\n{live!.ToJsonString()[..400]}");
        Assert.Equal("bevilget", example["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_batch_example_is_answered_as_the_example_shows()
    {
        var batch = (await Document())["paths"]!["/api/v1/evaluations/batch"]!["post"]!;
        var request = batch["requestBody"]!["content"]!["application/json"]!["example"]!;
        var answer = await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations/batch", request);
        var live = await answer.Content.ReadFromJsonAsync<JsonNode>();
        var example = batch["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        // A problem's traceId is the request's own; everything else is the same.
        foreach (var item in live!["results"]!.AsArray()) item!["problem"]?.AsObject().Remove("traceId");
        Assert.True(JsonNode.DeepEquals(live, example));
        Assert.Equal([200, 422], example["results"]!.AsArray().Select(r => r!["statusCode"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("/api/v1/rulesets", "get", typeof(List<RulesetSummary>))]
    [InlineData("/api/v1/rulesets/{id}", "get", typeof(RulesetSchema))]
    [InlineData("/api/v1/rulesets/{id}/versions", "get", typeof(List<VersionSummary>))]
    [InlineData("/api/v1/satser", "get", typeof(List<SatsOnDate>))]
    [InlineData("/api/v1/satser/{key}", "get", typeof(Serviceloven.Engine.Model.SatsSeries))]
    [InlineData("/health/ready", "get", typeof(Serviceloven.Server.Health.HealthBody))]
    public async Task Each_GET_example_reads_into_the_type_the_endpoint_answers_with_no_field_left_over(string path, string method, Type type)
    {
        var example = (await Document())["paths"]![path]![method]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        var strict = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        strict.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        Assert.NotNull(example.Deserialize(type, strict));
    }

    [Fact]
    public async Task Each_GET_example_has_the_fields_the_live_answer_has()
    {
        var document = await Document();
        var client = factory.CreateClient();
        foreach (var (path, live) in new[] { ("/api/v1/rulesets", "/api/v1/rulesets"), ("/api/v1/rulesets/{id}", "/api/v1/rulesets/sel-97?date=2024-03-01"),
                     ("/api/v1/rulesets/{id}/versions", "/api/v1/rulesets/sel-97/versions"), ("/api/v1/satser", "/api/v1/satser?date=2024-03-01"),
                     ("/api/v1/satser/{key}", "/api/v1/satser/sel-97.aarligtBeloeb") })
        {
            var example = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
            var answer = await client.GetFromJsonAsync<JsonNode>(live);
            static JsonObject First(JsonNode n) => (n is JsonArray a ? a[0]! : n).AsObject();
            Assert.Equal(First(answer!).Select(p => p.Key).Order(), First(example).Select(p => p.Key).Order());
        }
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var response = await factory.CreateClient().GetAsync("/api");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
