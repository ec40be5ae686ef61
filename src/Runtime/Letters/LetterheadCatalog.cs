using Serviceloven.Engine.Letters;
using Serviceloven.Engine.Versions;
using Serviceloven.Store.Letters;

namespace Serviceloven.Runtime.Letters;

/// <summary>A saved revision of a letterhead, as letters use it.</summary>
public sealed record PublishedLetterhead(long Id, string Key, DateTimeOffset PublishedAt, string Hash, string CreatedBy, Letterhead Content);

/// <summary>
/// Every revision of every letterhead, held in memory so a letter reads no database. The admin reloads it when a
/// letterhead is saved, so the next letter carries the change without a restart; the other nodes over the same
/// database find the new revision at the publication watcher's next check.
/// </summary>
public sealed class LetterheadCatalog(LetterheadRepository repository)
{
    private IReadOnlyList<PublishedLetterhead> _revisions = [];

    public IReadOnlyList<PublishedLetterhead> Revisions => Volatile.Read(ref _revisions);

    public void Reload() => Volatile.Write(ref _revisions, repository.All()
        .Select(r => new PublishedLetterhead(r.Id, r.Key, r.PublishedAt, r.ContentHash, r.CreatedBy, r.Content())).ToList());

    /// <summary>Reloads when the database holds a revision this node has not; true when it did.</summary>
    public bool RefreshIfBehind()
    {
        var held = Revisions.Count == 0 ? 0 : Revisions.Max(r => r.Id);
        if (repository.LatestId() == held) return false;
        Reload();
        return true;
    }

    /// <summary>The latest revision of each letterhead saved at <paramref name="asOf"/> (null: now), by key.</summary>
    public IReadOnlyList<PublishedLetterhead> Latest(DateTimeOffset? asOf = null) =>
        Publications.LatestPerKey(Revisions, r => r.Key, r => r.PublishedAt, r => r.Id, asOf).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The letterhead a letter carries: the one named (an API key's municipality), else the default one, else the only
    /// one; null when there is none. With <paramref name="asOf"/> a replayed letter carries the letterhead of then.
    /// </summary>
    public Letterhead? For(string? key, DateTimeOffset? asOf = null)
    {
        var latest = Latest(asOf);
        if (key is not null && latest.FirstOrDefault(r => r.Key == key) is { } named) return named.Content;
        return latest.FirstOrDefault(r => r.Content.IsDefault)?.Content ?? (latest.Count == 1 ? latest[0].Content : null);
    }
}
