using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Serviceloven.Server.Health;

/// <summary>
/// /health/live and /health/ready through ASP.NET Core health checks. Each concern is a check of its own with its data,
/// so a new concern (another database, versions that failed to compile) is one more check tagged "ready".
/// </summary>
public static class HealthApi
{
    public static IServiceCollection AddServerHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ProcessHealthCheck>("process", tags: [HealthTags.Live])
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<SnapshotHealthCheck>("snapshot", tags: [HealthTags.Ready]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", Options(HealthTags.Live));
        app.MapHealthChecks("/health/ready", Options(HealthTags.Ready));
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteAsync,
        // Degraded still serves evaluations; only Unhealthy takes the node out of the load balancer.
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>{ "status": "healthy", "checks": { "database": { "status", "description", "data" }, ... } } with no caching.</summary>
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(Status(report.Status), Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(Status(e.Value.Status), e.Value.Description,
                Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Data.Count == 0 ? null : e.Value.Data)));
        return JsonSerializer.SerializeAsync(http.Response.Body, body, Json, http.RequestAborted);
    }

    public static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}

/// <summary>The body of /health/live and /health/ready.</summary>
public sealed record HealthBody(string Status, double DurationMs, IReadOnlyDictionary<string, HealthEntry> Checks);

/// <summary>One check: its status, a Danish sentence and its data (the publication a snapshot holds, the database provider).</summary>
public sealed record HealthEntry(string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object>? Data);
