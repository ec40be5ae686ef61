using System.Text.Json;

namespace Serviceloven.Server.Tests.Client;

/// <summary>
/// The client NSwag generated from /openapi/v1.json, used as an external case system would: over HTTP to a server on
/// a real port, with an API key, on the README's example.
/// </summary>
public sealed class GeneratedClientCallsTests : IClassFixture<KestrelServer>, IDisposable
{
    private readonly HttpClient _http;
    private readonly ServicelovenClient _client;
    private readonly KestrelServer _server;

    public GeneratedClientCallsTests(KestrelServer server)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = server.BaseAddress };
        _http.DefaultRequestHeaders.Add("X-Api-Key", server.ApiKey);
        _client = new ServicelovenClient(_http);
    }

    private static EvaluationRequest ReadmeExample() =>
        JsonSerializer.Deserialize<EvaluationRequest>(
            File.ReadAllText(Path.Combine(RulesServerFactory.RepositoryRoot, "docs", "examples", "sel-97-bevilget.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    [Fact]
    public async Task The_generated_client_evaluates_the_readme_example_against_the_running_server()
    {
        var response = await _client.EvaluateAsync(ReadmeExample());

        Assert.Equal("determined", response.Status);
        Assert.Equal("bevilget", response.Outcome);
        Assert.Equal(15m, ((JsonElement)response.Outputs["hoursPerMonth"]).GetDecimal());
        Assert.Equal(new DateOnly(2024, 3, 1), response.DecisionDate);
        Assert.Contains("15 timers ledsagelse", response.Begrundelse);
        Assert.StartsWith("sha256:", response.Receipt.InputHash);
        var decisive = Assert.Single(response.Trace, t => t.Table == "eligibility" && t.Decisive);
        Assert.Equal("FIRST", decisive.HitPolicy);
        Assert.True(decisive.Matched);
        var bpa = response.Trace.First(t => t.FailedCell?.Input == "hasBpaOrHelpSchemeSection96");
        Assert.Equal("Har hjælpeordning (BPA) efter servicelovens § 96 skal være ja, var nej", bpa.Failed);
        Assert.Equal("true", bpa.FailedCell!.Cell);
    }

    [Fact]
    public async Task The_generated_client_reads_the_schema_versions_satser_and_health()
    {
        var schema = await _client.GetRulesetAsync("sel-97", new DateOnly(2024, 3, 1));
        Assert.Contains(schema.Facts, f => f.Name == "birthDate" && f.Type == "date");
        Assert.Contains(await _client.ListVersionsAsync("sel-97"), v => v.Current);
        Assert.Contains(await _client.ListRulesetsAsync(), r => r.Id == "sel-97");
        Assert.Contains(await _client.ListSatserAsync(new DateOnly(2017, 6, 1)), s => s.Key == "sel-97.aarligtBeloeb" && s.Value == 866m);
        Assert.Equal(866m, (await _client.GetSatsAsync("sel-97.aarligtBeloeb")).Values.Single().Value);
        var ready = await _client.ReadyAsync();
        Assert.Equal("healthy", ready.Status);
        Assert.Equal("healthy", ready.Checks["snapshot"].Status);
    }

    [Fact]
    public async Task Refusals_reach_the_generated_client_as_typed_problems()
    {
        var tooEarly = ReadmeExample();
        tooEarly.DecisionDate = new DateOnly(2010, 1, 1);
        var noVersion = await Assert.ThrowsAsync<ServicelovenApiException<HttpValidationProblemDetails>>(() => _client.EvaluateAsync(tooEarly));
        Assert.Contains("decisionDate", noVersion.Result.Errors!.Keys);
        Assert.Equal(422, noVersion.StatusCode);
        Assert.EndsWith("/no-valid-version", noVersion.Result.Type);

        var unknown = await Assert.ThrowsAsync<ServicelovenApiException<ProblemDetails>>(() => _client.GetRulesetAsync("sel-999"));
        Assert.Equal(404, unknown.StatusCode);

        using var withoutKey = new HttpClient { BaseAddress = _server.BaseAddress };
        var refused = await Assert.ThrowsAsync<ServicelovenApiException<ProblemDetails>>(() => new ServicelovenClient(withoutKey).ListRulesetsAsync());
        Assert.Equal(401, refused.StatusCode);
        Assert.EndsWith("/missing-api-key", refused.Result.Type);
    }

    public void Dispose() => _http.Dispose();
}
