using System.Globalization;
using System.Data;
using Dapper;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Audit;

public sealed record AuditEntry(long Id, string At, string Actor, string Action, string Entity, string? EntityId,
    string? BeforeHash, string? AfterHash, string? Detail);

public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Entity = null,
    DateOnly? From = null, DateOnly? To = null, int Limit = 500);

/// <summary>The append-only audit log. Rows are only ever inserted; the database refuses updates and deletes.</summary>
public sealed class AuditLog(StoreDatabase database, TimeProvider time)
{
    public void Write(IDbConnection connection, IDbTransaction? tx, string actor, string action, string entity,
        string? entityId = null, string? beforeHash = null, string? afterHash = null, string? detail = null) =>
        connection.Execute("""
            INSERT INTO audit_log (at, actor, action, entity, entity_id, before_hash, after_hash, detail)
            VALUES (@at, @actor, @action, @entity, @entityId, @beforeHash, @afterHash, @detail)
            """,
            new { at = TypeHandlers.Instant(time.GetUtcNow()), actor, action, entity, entityId, beforeHash, afterHash, detail }, tx);

    public void Write(string actor, string action, string entity, string? entityId = null, string? beforeHash = null,
        string? afterHash = null, string? detail = null)
    {
        using var connection = database.Open();
        Write(connection, null, actor, action, entity, entityId, beforeHash, afterHash, detail);
    }

    public IReadOnlyList<AuditEntry> Query(AuditFilter filter)
    {
        using var connection = database.Open();
        return connection.Query<AuditEntry>("""
            SELECT id, at, actor, action, entity, entity_id AS EntityId, before_hash AS BeforeHash, after_hash AS AfterHash, detail
            FROM audit_log
            WHERE (@actor IS NULL OR actor = @actor)
              AND (@action IS NULL OR action = @action)
              AND (@entity IS NULL OR entity LIKE @entityLike)
              AND (@from IS NULL OR at >= @from)
              AND (@to IS NULL OR at < @to)
            ORDER BY id DESC
            LIMIT @limit
            """,
            new
            {
                actor = filter.Actor, action = filter.Action, entity = filter.Entity, entityLike = filter.Entity + "%",
                from = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = filter.To?.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), limit = filter.Limit,
            }).ToList();
    }
}
