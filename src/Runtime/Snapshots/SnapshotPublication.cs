using Serviceloven.Store.Publishing;

namespace Serviceloven.Runtime.Snapshots;

/// <summary>
/// The latest publication a snapshot holds, from the database's numbered publications (the import of rules/, a
/// version, a sats revision): its id is what nodes over one database compare, the same id meaning the same rules.
/// </summary>
public sealed record SnapshotPublication(long Id, string Kind, string Subject, long? EntityId, DateTimeOffset PublishedAt)
{
    public static SnapshotPublication? Of(PublicationRow? row) =>
        row is null ? null : new(row.Id, row.Kind, row.Subject, row.EntityId, row.PublishedAt);
}
