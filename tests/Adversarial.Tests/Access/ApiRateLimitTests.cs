using System.Net;
using System.Text.Json;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Adversarial.Tests.Fuzz;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Adversarial.Tests.Access;

/// <summary>The per-key rate limit of /api/v1 (Access:RateLimit): 429 problem details with Retry-After, one bucket per key.</summary>
public sealed class ApiRateLimitTests : IDisposable
{
    private readonly LiveServer _server = new(new Dictionary<string, string?>
    {
        ["Access:RateLimit:PermitsPerSecond"] = "1",
        ["Access:RateLimit:Burst"] = "5",
    });

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_another_key_is_still_served()
    {
        // Both keys exist before the first request: a key made later is known after the cache's next refresh (ApiKeyCache).
        var secondKey = _server.Get<ApiClientRepository>().Create("andet fagsystem", "test").Key;
        using var first = _server.Http();
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++) statuses.Add(await first.GetAsync("/api/v1/rulesets"));
        var refused = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(refused.Count, 2, 3); // a bucket of 5, refilled by one a second
        var answer = refused[0];
        Assert.True(int.Parse(answer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Null(ResponseCheck.CheckProblemBody(429, JsonDocument.Parse(body).RootElement));
        Assert.StartsWith("application/problem+json", answer.Content.Headers.ContentType!.ToString());
        Assert.Contains("X-Api-Key", body);

        using var second = _server.Http(secondKey);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/rulesets")).StatusCode);
        foreach (var r in statuses) r.Dispose();
    }

    [Fact]
    public async Task Unknown_keys_share_one_bucket_per_client_address_so_guessing_keys_is_limited_too()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var guess = _server.Http("sl_gaet-" + i);
            answers.Add((await guess.GetAsync("/api/v1/rulesets")).StatusCode);
        }
        Assert.Equal(5, answers.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }

    public void Dispose() => _server.Dispose();
}
