using Microsoft.AspNetCore.Http.HttpResults;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Health;

public sealed record HealthStatus(string Status, int Rulesets, DateTimeOffset? LoadedAt);

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
                return holder.IsLoaded && databaseOk
                    ? TypedResults.Ok(new HealthStatus("ready", snapshot.Rulesets.Count, snapshot.LoadedAt))
                    : TypedResults.Json(new HealthStatus(databaseOk ? "loading" : "database-unavailable", snapshot.Rulesets.Count, null), statusCode: 503);
            })
            .WithName("Ready").WithSummary("Reglerne er indlæst og databasen svarer");
    }
}
