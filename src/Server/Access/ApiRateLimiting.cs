using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Auth;
using Serviceloven.Server.Evaluations;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Server.Access;

/// <summary>Bound from "Access:RateLimit": requests per API key on /api/v1, a token bucket per key.</summary>
public sealed class ApiRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second one key may keep up (a batch counts as one request).</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests one key may send at once after being idle: the bucket's size.</summary>
    public int Burst { get; set; } = 400;
}

/// <summary>
/// ASP.NET Core's rate limiter on /api/v1, one token bucket per valid API key; requests with no key (anonymous
/// evaluation in Development) or an unknown one share a bucket per client address, so guessing keys is limited too.
/// Over the limit: 429 problem details with Retry-After, before the key is checked or the body read.
/// </summary>
public sealed class ApiRateLimitPolicy(ApiKeyCache keys, IOptions<AccessOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "api-key";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value.RateLimit;
        if (!settings.Enabled) return RateLimitPartition.GetNoLimiter("");
        var partition = httpContext.Request.Headers.TryGetValue(ApiKeyAuthentication.Header, out var values) && values.ToString() is { Length: > 0 } key
                        && keys.ClientFor(key) is not null
            ? "key:" + ApiClientRepository.Hash(key)
            : "address:" + SignInKeys.Address(httpContext.Connection.RemoteIpAddress);
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, settings.Burst),
            TokensPerPeriod = Math.Max(1, settings.PermitsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, cancellationToken) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1;
        seconds = Math.Max(1, seconds);
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ValueTask(TypedResults.Problem(TooManyRequests(seconds, options.Value.RateLimit.PermitsPerSecond)).ExecuteAsync(http));
    };

    /// <summary>The 429 answer: problem details naming the key header, with how long to wait.</summary>
    public static ProblemDetails TooManyRequests(int seconds, int permitsPerSecond)
    {
        var problem = Problems.Validation(429, $"For mange anmodninger med denne API-nøgle. Vent {seconds} sekund(er), og prøv igen.",
            new Dictionary<string, string[]> { [ApiKeyAuthentication.Header] = [$"Højst {permitsPerSecond} anmodninger i sekundet pr. nøgle."] });
        problem.Title = "For mange anmodninger";
        problem.Type = Problems.TypeBase + "too-many-requests";
        return problem;
    }
}

public static class ApiRateLimiting
{
    /// <summary>Registers the policy; the rate limiter middleware itself runs once for the whole app (the admin's sign-in limits use it too).</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimitPolicy>(ApiRateLimitPolicy.Name));
        return services;
    }
}
