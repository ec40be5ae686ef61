using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Health;

/// <summary>The tags that sort the checks into /health/live and /health/ready.</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}

/// <summary>The process runs and answers: nothing else is needed for liveness.</summary>
public sealed class ProcessHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("Processen kører."));
}

/// <summary>The database answers a query.</summary>
public sealed class DatabaseHealthCheck(StoreDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = database.Dialect.Name };
        try
        {
            await using var connection = database.Open();
            await using var command = connection.CreateCommand();
            // On SQLite this reads the schema page, so a file that is not (or no longer) a database fails here, not only a missing one.
            command.CommandText = database is SqliteDatabase ? "SELECT COUNT(*) FROM sqlite_master" : "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("Databasen svarer.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message names the cause (file locked, missing, damaged); the exception's stack stays in the log only.
            return HealthCheckResult.Unhealthy("Databasen svarer ikke: " + ex.Message, data: data);
        }
    }
}

/// <summary>A published version left out of the snapshot: which ruleset, which version, why.</summary>
public sealed record UnavailableVersionStatus(string Ruleset, long? VersionId, DateOnly? ValidFrom, string Reason);

/// <summary>
/// The published rules are compiled into the snapshot that evaluations use; says which publication it holds, and
/// which rulesets are left out because a published version of theirs does not compile.
/// </summary>
public sealed class SnapshotHealthCheck(SnapshotHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!holder.IsLoaded) return Task.FromResult(HealthCheckResult.Unhealthy("Reglerne er ikke indlæst endnu."));
        var snapshot = holder.Current;
        var data = new Dictionary<string, object>
        {
            ["rulesets"] = snapshot.Rulesets.Count,
            ["versions"] = snapshot.Rulesets.Values.Sum(r => r.Versions.Count),
            ["loadedAt"] = snapshot.LoadedAt,
            // The id nodes over one database compare: the same id, the same rules.
            ["publicationId"] = snapshot.PublicationId,
        };
        if (snapshot.Publication is { } publication)
            data["publication"] = new { id = publication.Id, kind = publication.Kind, subject = publication.Subject, entityId = publication.EntityId, publishedAt = publication.PublishedAt };
        if (snapshot.Unavailable.Count == 0) return Task.FromResult(HealthCheckResult.Healthy("Reglerne er indlæst.", data));
        // Degraded, not unhealthy: the node serves every other ruleset, so it stays in rotation and names what is missing.
        data["unavailable"] = snapshot.Unavailable.Values.OrderBy(r => r.Id, StringComparer.Ordinal)
            .SelectMany(r => r.Versions.Select(v => new UnavailableVersionStatus(r.Id, v.VersionId, v.ValidFrom, v.Reason)))
            .ToList();
        return Task.FromResult(HealthCheckResult.Degraded(
            $"Reglerne er indlæst, men {snapshot.Unavailable.Count} regelsæt er ikke tilgængelige, fordi en offentliggjort version ikke kan oversættes.",
            data: data));
    }
}
