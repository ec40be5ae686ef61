using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Receipts;

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
    public IReadOnlyList<VersionCandidate<PublishedVersion>> Candidates { get; } = CandidatesOf(Versions);

    /// <summary>The timeline as published now, built with the snapshot so a request without asOf does no grouping or sorting.</summary>
    public IReadOnlyList<VersionCandidate<PublishedVersion>> LatestTimeline { get; } = VersionResolver.Timeline(CandidatesOf(Versions), null);

    public IReadOnlyList<VersionCandidate<PublishedVersion>> TimelineAsOf(DateTimeOffset? asOf) =>
        asOf is null ? LatestTimeline : VersionResolver.Timeline(Candidates, asOf);

    private static List<VersionCandidate<PublishedVersion>> CandidatesOf(IEnumerable<PublishedVersion> versions) =>
        versions.Select(v => new VersionCandidate<PublishedVersion>(v.ValidFrom, v.ValidTo, v.PublishedAt, v, v.Id)).ToList();
}

/// <summary>A published version that does not compile (or a ruleset that cannot be read: no version), and why.</summary>
public sealed record UnavailableVersion(long? VersionId, DateOnly? ValidFrom, string Reason);

/// <summary>A ruleset left out of the snapshot because a published version of it does not compile.</summary>
public sealed record UnavailableRuleset(string Id, IReadOnlyList<UnavailableVersion> Versions);

/// <summary>A published sats series revision or lookup table revision, with when it was published.</summary>
public sealed record PublishedRevision<T>(long Id, string Key, DateTimeOffset PublishedAt, string Hash, T Content);

/// <summary>The satser and lookup tables as published at one moment, with the revision hash of each for receipts.</summary>
public sealed record PublishedCatalogs(
    SatsCatalog Satser,
    LookupCatalog Lookups,
    IReadOnlyDictionary<string, string> SatsHashes,
    IReadOnlyDictionary<string, string> LookupHashes)
{
    /// <summary>The latest revision of each series and table published at <paramref name="asOf"/> (null: the latest of all).</summary>
    public static PublishedCatalogs Of(IEnumerable<PublishedRevision<SatsSeries>> satser, IEnumerable<PublishedRevision<LookupTable>> lookups,
        DateTimeOffset? asOf)
    {
        var s = Latest(satser, asOf);
        var l = Latest(lookups, asOf);
        return new PublishedCatalogs(new SatsCatalog(s.Select(r => r.Content)), new LookupCatalog(l.Select(r => r.Content)),
            s.ToDictionary(r => r.Key, r => r.Hash, StringComparer.Ordinal), l.ToDictionary(r => r.Key, r => r.Hash, StringComparer.Ordinal));
    }

    private static List<PublishedRevision<T>> Latest<T>(IEnumerable<PublishedRevision<T>> revisions, DateTimeOffset? asOf) =>
        Publications.LatestPerKey(revisions, r => r.Key, r => r.PublishedAt, r => r.Id, asOf);
}

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
        DateTimeOffset loadedAt,
        SnapshotPublication? publication = null,
        IReadOnlyDictionary<string, UnavailableRuleset>? unavailable = null)
    {
        Publication = publication;
        Unavailable = unavailable ?? new Dictionary<string, UnavailableRuleset>();
        Rulesets = rulesets;
        SatsRevisions = satser;
        LookupRevisions = lookups;
        SharedTemplates = sharedTemplates;
        LoadedAt = loadedAt;
        Latest = PublishedCatalogs.Of(satser, lookups, null);
        // With the latest satser a receipt's version-set hash depends only on the version: computed here, once.
        LatestVersionSetHashes = rulesets.Values.SelectMany(r => r.Versions)
            .ToDictionary(v => v.Id, v => ReceiptHashes.VersionSet(v.Hash, v.Compiled, Latest.SatsHashes, Latest.LookupHashes));
    }

    /// <summary>The latest publication this snapshot holds (for readiness and to tell whether it is behind); null when nothing is published.</summary>
    public SnapshotPublication? Publication { get; }

    public static RulesSnapshot Empty { get; } = new(new Dictionary<string, RulesetEntry>(), [], [], [], DateTimeOffset.MinValue);

    public IReadOnlyDictionary<string, RulesetEntry> Rulesets { get; }

    /// <summary>Rulesets left out because a published version does not compile; they answer "unavailable", never an older version.</summary>
    public IReadOnlyDictionary<string, UnavailableRuleset> Unavailable { get; }
    public IReadOnlyList<PublishedRevision<SatsSeries>> SatsRevisions { get; }
    public IReadOnlyList<PublishedRevision<LookupTable>> LookupRevisions { get; }
    public IReadOnlyList<TemplateFile> SharedTemplates { get; }
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The id of the latest publication this snapshot holds, 0 for none; equal on nodes that agree.</summary>
    public long PublicationId => Publication?.Id ?? 0;

    /// <summary>The latest published satser and lookups.</summary>
    public PublishedCatalogs Latest { get; }
    public SatsCatalog LatestSatser => Latest.Satser;
    public LookupCatalog LatestLookups => Latest.Lookups;

    /// <summary>The receipt's version-set hash of every version, evaluated with the latest satser and lookups.</summary>
    public IReadOnlyDictionary<long, string> LatestVersionSetHashes { get; }

    /// <summary>A ruleset's versions as published now, one per validFrom in date order (none for an unknown ruleset).</summary>
    public IReadOnlyList<VersionCandidate<PublishedVersion>> Timeline(string rulesetId) =>
        Rulesets.TryGetValue(rulesetId, out var entry) ? entry.LatestTimeline : [];

    /// <summary>The published versions a draft valid from <paramref name="validFrom"/> would stand beside (it replaces the one of its own date).</summary>
    public IReadOnlyList<PublishedVersion> PublishedBeside(string rulesetId, DateOnly validFrom) =>
        Timeline(rulesetId).Where(c => c.ValidFrom != validFrom).Select(c => c.Item).ToList();

    /// <summary>The satser and lookups as they had been published at <paramref name="asOf"/> (null: the latest).</summary>
    public PublishedCatalogs CatalogsAsOf(DateTimeOffset? asOf) => asOf is null ? Latest : PublishedCatalogs.Of(SatsRevisions, LookupRevisions, asOf);

    /// <summary>The version-set hash of a version evaluated with <paramref name="catalogs"/> as of <paramref name="asOf"/>.</summary>
    public string VersionSetHash(PublishedVersion version, PublishedCatalogs catalogs, DateTimeOffset? asOf) =>
        asOf is null ? LatestVersionSetHashes[version.Id] : ReceiptHashes.VersionSet(version.Hash, version.Compiled, catalogs.SatsHashes, catalogs.LookupHashes);
}
