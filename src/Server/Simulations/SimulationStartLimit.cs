using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Auth;
using Serviceloven.Server.Access;
using Serviceloven.Server.Evaluations;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Server.Simulations;

/// <summary>
/// Starting a simulation costs a whole caseload's evaluations: one token bucket per API key (Simulations:StartBurst,
/// refilled at Simulations:StartsPerMinute), separate from the evaluation API's limit. Over it: 429 with Retry-After.
/// </summary>
public sealed class SimulationStartLimit(ApiKeyCache keys, IOptions<SimulationJobOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "simulation-start";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value;
        var partition = httpContext.Request.Headers.TryGetValue(ApiKeyAuthentication.Header, out var values) && values.ToString() is { Length: > 0 } key
                        && keys.ClientFor(key) is not null
            ? "key:" + ApiClientRepository.Hash(key)
            : "address:" + SignInKeys.Address(httpContext.Connection.RemoteIpAddress);
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.StartBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / settings.StartsPerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, cancellationToken) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60 / options.Value.StartsPerMinute;
        seconds = Math.Max(1, seconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ValueTask(TypedResults.Problem(TooMany(seconds, options.Value.StartsPerMinute)).ExecuteAsync(context.HttpContext));
    };

    public static Microsoft.AspNetCore.Mvc.ProblemDetails TooMany(int seconds, int perMinute)
    {
        var problem = Problems.Validation(429, $"For mange simuleringer startet med denne API-nøgle. Vent {seconds} sekund(er), og prøv igen.",
            new Dictionary<string, string[]> { [ApiKeyAuthentication.Header] = [$"Højst {perMinute} simuleringer i minuttet pr. nøgle."] });
        problem.Title = "For mange simuleringer";
        problem.Type = Problems.TypeBase + "too-many-simulations";
        return problem;
    }
}
