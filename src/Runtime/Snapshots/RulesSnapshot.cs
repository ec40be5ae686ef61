using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;

namespace Serviceloven.Runtime.Snapshots;

/// <summary>A published version held in memory, compiled once.</summary>
public sealed record PublishedVersion(
    long Id,
    string RulesetId,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateTimeOffset PublishedAt,
    string Hash,
    CompiledVersion Compiled,
    IReadOnlyList<TemplateFile> TemplateFiles,
    BegrundelseTemplates? Templates,
    BegrundelseException? TemplateError);

public sealed record RulesetEntry(RulesetDefinition Definition, IReadOnlyList<PublishedVersion> Versions)
{
    public IReadOnlyList<VersionCandidate<PublishedVersion>> Candidates { get; } =
        Versions.Select(v => new VersionCandidate<PublishedVersion>(v.ValidFrom, v.ValidTo, v.PublishedAt, v)).ToList();

    /// <summary>The timeline as published now, built once so a request without asOf does no grouping or sorting.</summary>
    public IReadOnlyList<VersionCandidate<PublishedVersion>> LatestTimeline => _latest ??= VersionResolver.Timeline(Candidates, null);
    private IReadOnlyList<VersionCandidate<PublishedVersion>>? _latest;

    public IReadOnlyList<VersionCandidate<PublishedVersion>> TimelineAsOf(DateTimeOffset? asOf) =>
        asOf is null ? LatestTimeline : VersionResolver.Timeline(Candidates, asOf);
}

/// <summary>A published sats series revision or lookup table revision, with when it was published.</summary>
public sealed record PublishedRevision<T>(string Key, DateTimeOffset PublishedAt, string Hash, T Content);

/// <summary>
/// Everything published, compiled and immutable. Requests take the current snapshot once and finish on it, even
/// when a publication swaps in a new one meanwhile. The evaluation path reads nothing else.
/// </summary>
public sealed class RulesSnapshot
{
    public RulesSnapshot(
        IReadOnlyDictionary<string, RulesetEntry> rulesets,
        IReadOnlyList<PublishedRevision<SatsSeries>> satser,
        IReadOnlyList<PublishedRevision<LookupTable>> lookups,
        IReadOnlyList<TemplateFile> sharedTemplates,
        DateTimeOffset loadedAt)
    {
        Rulesets = rulesets;
        SatsRevisions = satser;
        LookupRevisions = lookups;
        SharedTemplates = sharedTemplates;
        LoadedAt = loadedAt;
        LatestSatser = new SatsCatalog(Latest(satser, null).Select(r => r.Content));
        LatestLookups = new LookupCatalog(Latest(lookups, null).Select(r => r.Content));
        LatestSatsHashes = Latest(satser, null).ToDictionary(r => r.Key, r => r.Hash, StringComparer.Ordinal);
    }

    public static RulesSnapshot Empty { get; } = new(new Dictionary<string, RulesetEntry>(), [], [], [], DateTimeOffset.MinValue);

    public IReadOnlyDictionary<string, RulesetEntry> Rulesets { get; }
    public IReadOnlyList<PublishedRevision<SatsSeries>> SatsRevisions { get; }
    public IReadOnlyList<PublishedRevision<LookupTable>> LookupRevisions { get; }
    public IReadOnlyList<TemplateFile> SharedTemplates { get; }
    public DateTimeOffset LoadedAt { get; }
    public SatsCatalog LatestSatser { get; }
    public LookupCatalog LatestLookups { get; }
    public IReadOnlyDictionary<string, string> LatestSatsHashes { get; }

    /// <summary>Receipt hashes of versions evaluated with the latest satser, filled on first use.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<long, string> LatestVersionSetHashes { get; } = new();

    /// <summary>The satser and lookups as they had been published at <paramref name="asOf"/> (null: the latest).</summary>
    public (SatsCatalog Satser, LookupCatalog Lookups, IReadOnlyDictionary<string, string> SatsHashes) CatalogsAsOf(DateTimeOffset? asOf)
    {
        if (asOf is null) return (LatestSatser, LatestLookups, LatestSatsHashes);
        var satser = Latest(SatsRevisions, asOf).ToList();
        return (new SatsCatalog(satser.Select(r => r.Content)),
            new LookupCatalog(Latest(LookupRevisions, asOf).Select(r => r.Content)),
            satser.ToDictionary(r => r.Key, r => r.Hash, StringComparer.Ordinal));
    }

    private static IEnumerable<PublishedRevision<T>> Latest<T>(IEnumerable<PublishedRevision<T>> revisions, DateTimeOffset? asOf) =>
        revisions.Where(r => asOf is null || r.PublishedAt <= asOf)
            .GroupBy(r => r.Key)
            .Select(g => g.OrderBy(r => r.PublishedAt).Last());
}
