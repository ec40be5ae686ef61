using Microsoft.AspNetCore.Http.HttpResults;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Health;

/// <summary>A published version left out of the snapshot: which ruleset, which version, why.</summary>
public sealed record UnavailableVersionStatus(string Ruleset, long? VersionId, DateOnly? ValidFrom, string Reason);

/// <summary>
/// "ready", or "degraded" when rulesets are left out because a published version does not compile: the node still
/// serves every other ruleset, so it stays in rotation (200) and names what is missing.
/// </summary>
public sealed record HealthStatus(string Status, int Rulesets, DateTimeOffset? LoadedAt, IReadOnlyList<UnavailableVersionStatus>? Unavailable = null);

public static class HealthApi
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Drift");
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live", 0, null)))
            .WithName("Live").WithSummary("Processen kører");
        group.MapGet("/ready", Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> (SnapshotHolder holder, SqliteDatabase database) =>
            {
                var snapshot = holder.Current;
                bool databaseOk;
                try
                {
                    using var c = database.Open();
                    databaseOk = true;
                }
                catch (Exception)
                {
                    databaseOk = false;
                }
                if (!holder.IsLoaded || !databaseOk)
                    return TypedResults.Json(new HealthStatus(databaseOk ? "loading" : "database-unavailable", snapshot.Rulesets.Count, null), statusCode: 503);
                var unavailable = snapshot.Unavailable.Values.OrderBy(r => r.Id, StringComparer.Ordinal)
                    .SelectMany(r => r.Versions.Select(v => new UnavailableVersionStatus(r.Id, v.VersionId, v.ValidFrom, v.Reason)))
                    .ToList();
                return TypedResults.Ok(new HealthStatus(unavailable.Count == 0 ? "ready" : "degraded", snapshot.Rulesets.Count, snapshot.LoadedAt,
                    unavailable.Count == 0 ? null : unavailable));
            })
            .WithName("Ready").WithSummary("Reglerne er indlæst og databasen svarer; regelsæt med en version, der ikke kan oversættes, står under unavailable");
    }
}
