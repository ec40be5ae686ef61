using Serviceloven.Engine.Versions;

namespace Serviceloven.Runtime.Snapshots;

/// <summary>
/// The newest publication a snapshot holds (a version, a sats revision or a lookup revision), by publication time and
/// then id: two nodes holding the same one serve the same published state.
/// </summary>
public sealed record SnapshotPublication(string Kind, long Id, DateTimeOffset PublishedAt)
{
    public const string Version = "version", Sats = "sats", Lookup = "lookup";

    /// <summary>Null for a snapshot with nothing published.</summary>
    public static SnapshotPublication? Of(RulesSnapshot snapshot)
    {
        var all = snapshot.Rulesets.Values.SelectMany(r => r.Versions).Select(v => new SnapshotPublication(Version, v.Id, v.PublishedAt))
            .Concat(snapshot.SatsRevisions.Select(r => new SnapshotPublication(Sats, r.Id, r.PublishedAt)))
            .Concat(snapshot.LookupRevisions.Select(r => new SnapshotPublication(Lookup, r.Id, r.PublishedAt)))
            .ToList();
        return all.Count == 0 ? null : Publications.Latest(all, p => p.PublishedAt, p => p.Id);
    }
}
