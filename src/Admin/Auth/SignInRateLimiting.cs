using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;

namespace Serviceloven.Admin.Auth;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in posts only: a token bucket per client address, then one per user name, each
/// refilled evenly over the minute. A post over either limit gets 429 with Retry-After before any password is checked.
/// </summary>
public static class SignInRateLimiting
{
    private const string UsernameField = "Posted.Username";

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AdminOptions>>((o, admin) =>
        {
            var settings = admin.Value.SignIn;
            var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                ? RateLimitPartition.GetTokenBucketLimiter(SignInKeys.Address(http.Connection.RemoteIpAddress), _ => Bucket(settings.PerAddressPerMinute))
                : RateLimitPartition.GetNoLimiter(""));
            var perName = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                ? RateLimitPartition.GetTokenBucketLimiter(SignInKeys.Name(TypedName(http)), _ => Bucket(settings.PerUserNamePerMinute))
                : RateLimitPartition.GetNoLimiter(""));
            // The address is checked first: a post refused for its address does not use up the name's tokens.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(perAddress, perName);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                return new ValueTask(WriteTooManyAsync(context.HttpContext, Math.Max(1, seconds), cancellationToken));
            };
        });
        return services;
    }

    /// <summary>Reads the sign-in form before the limiter, which needs the typed name (the form stays cached for the page).</summary>
    public static IApplicationBuilder UseSignInRateLimiting(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            if (IsSignIn(http) && http.Request.HasFormContentType) await http.Request.ReadFormAsync(http.RequestAborted);
            await next(http);
        });
        return app.UseRateLimiter();
    }

    /// <summary>The answer to a refused sign-in, for a person at a browser.</summary>
    public static Task WriteTooManyAsync(HttpContext http, int seconds, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>For mange forsøg – Serviceloven</title></head>
            <body><h1>For mange log ind-forsøg</h1><p>Vent {seconds} sekunder, og prøv igen.</p><p><a href="{AdminPaths.Login}">Til log ind</a></p></body></html>
            """, cancellationToken);
    }

    private static bool IsSignIn(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(AdminPaths.Login, StringComparison.OrdinalIgnoreCase);

    private static string TypedName(HttpContext http) =>
        http.Request.HasFormContentType && http.Request.Form.TryGetValue(UsernameField, out var name) ? name.ToString() : "";

    private static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        var limit = Math.Max(1, perMinute);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limit,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
