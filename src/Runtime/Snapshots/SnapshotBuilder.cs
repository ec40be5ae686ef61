using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Runtime.Snapshots;

/// <summary>
/// Reads the published state from the store and compiles it into a new snapshot. Compiled versions come from the
/// cache by content hash, so a publication compiles only what is new. Each snapshot carries the id of the latest
/// publication it holds, so a node can tell whether it is behind the database (a publication on another node).
/// A stored version that does not compile never stops the build: its ruleset is left out as unavailable, with the
/// reason in the log and in /health/ready, and every other ruleset is served (a version the gate let through can
/// still meet a newer engine or a row changed by hand).
/// </summary>
public sealed class SnapshotBuilder(VersionRepository versions, RevisionRepository revisions, PublicationLog publications,
    CompiledVersions compiledVersions, SnapshotHolder holder, TimeProvider time, ILogger<SnapshotBuilder> logger)
{
    private readonly Lock _reloadLock = new();

    /// <summary>Builds a snapshot from the database and makes it current.</summary>
    public RulesSnapshot Reload()
    {
        lock (_reloadLock)
            return Build();
    }

    /// <summary>
    /// Reloads when the database holds a publication the current snapshot does not (one cheap query otherwise).
    /// Returns the new snapshot, or null when the current one is up to date.
    /// </summary>
    public RulesSnapshot? RefreshIfBehind()
    {
        if (holder.IsLoaded && publications.LatestId() == holder.Current.PublicationId) return null;
        lock (_reloadLock)
        {
            // Another thread (the notification, the periodic check, a local publish) may have reloaded meanwhile.
            if (holder.IsLoaded && publications.LatestId() == holder.Current.PublicationId) return null;
            return Build();
        }
    }

    private RulesSnapshot Build()
    {
        var started = time.GetTimestamp();
        // Read first: the content read after it holds at least this publication, so the snapshot never claims more than it has.
        var publication = SnapshotPublication.Of(publications.Latest());
        var publicationId = publication?.Id ?? 0;
        var satser = revisions.PublishedSatser()
            .Select(r => Read(r.Key, () => new PublishedRevision<SatsSeries>(r.Id, r.Key, r.PublishedAt!.Value, r.ContentHash, RulesJson.Deserialize<SatsSeries>(r.ContentJson))))
            .OfType<PublishedRevision<SatsSeries>>().ToList();
        var lookups = revisions.PublishedLookups()
            .Select(r => Read(r.Key, () => new PublishedRevision<LookupTable>(r.Id, r.Key, r.PublishedAt!.Value, r.ContentHash, RulesJson.Deserialize<LookupTable>(r.ContentJson))))
            .OfType<PublishedRevision<LookupTable>>().ToList();
        // Versions compile against the latest satser and lookups, the catalogs the snapshot evaluates with.
        var latest = PublishedCatalogs.Of(satser, lookups, null);
        var shared = revisions.LatestSharedTemplates();
        var published = versions.Published().GroupBy(v => v.RulesetId).ToDictionary(g => g.Key, g => g.ToList());
        CompiledVersion Compile(VersionRow row) => compiledVersions.GetOrCompile(row.RulesetId, row.ContentHash,
            () => RulesJson.Deserialize<RulesetVersion>(row.ContentJson), latest.Satser, latest.Lookups);
        // Compiling is the slow part of start-up: new versions compile in parallel, known ones come from the cache.
        var failed = new ConcurrentDictionary<long, string>();
        published.Values.SelectMany(rows => rows).AsParallel().ForAll(row =>
        {
            try { Compile(row); }
            catch (Exception ex) { failed[row.Id] = Reason(ex); }
        });
        // A published version never changes: with the same shared partials, the previous snapshot's entry (templates
        // parsed, JSON read) serves as it is, and a reload after one publication does the work of that one version.
        var previous = holder.Current;
        var reusable = previous.SharedTemplates.SequenceEqual(shared)
            ? previous.Rulesets.Values.SelectMany(r => r.Versions).ToDictionary(v => v.Id)
            : [];
        var rulesets = new Dictionary<string, RulesetEntry>(StringComparer.Ordinal);
        var unavailable = new Dictionary<string, UnavailableRuleset>(StringComparer.Ordinal);
        // A ruleset created in the admin whose first version is still a draft is not answered yet.
        foreach (var rs in versions.Rulesets().Where(r => published.ContainsKey(r.Id)))
        {
            var rows = published[rs.Id];
            // Serving the other versions would answer dates in the broken one's period with its predecessor: the
            // wrong law. The whole ruleset is unavailable until the version is corrected.
            var broken = rows.Where(r => failed.ContainsKey(r.Id)).Select(r => new UnavailableVersion(r.Id, r.ValidFrom, failed[r.Id])).ToList();
            if (broken.Count == 0)
            {
                try
                {
                    var definition = RulesJson.Deserialize<RulesetDefinition>(rs.DefinitionJson);
                    var entries = rows.Select(row =>
                    {
                        if (reusable.TryGetValue(row.Id, out var known) && known.Hash == row.ContentHash && ReferenceEquals(known.Compiled, Compile(row)))
                            return known;
                        var compiled = Compile(row);
                        var files = RulesJson.Deserialize<List<TemplateFile>>(row.TemplatesJson);
                        var (templates, error) = ParseTemplates(rs.Id, row.ValidFrom, files, shared);
                        return new PublishedVersion(row.Id, rs.Id, row.ValidFrom, row.ValidTo, row.PublishedAt!.Value, row.ContentHash, compiled,
                            files, templates, error);
                    }).ToList();
                    rulesets[rs.Id] = new RulesetEntry(definition, entries);
                    continue;
                }
                catch (Exception ex)
                {
                    broken.Add(new UnavailableVersion(null, null, Reason(ex)));
                }
            }
            unavailable[rs.Id] = new UnavailableRuleset(rs.Id, broken);
            foreach (var b in broken)
                logger.LogError("Regelsættet {Ruleset} er ikke tilgængeligt: version {ValidFrom:yyyy-MM-dd} (id {VersionId}) kan ikke oversættes og er udeladt. {Reason}",
                    rs.Id, b.ValidFrom, b.VersionId, b.Reason);
        }
        var snapshot = new RulesSnapshot(rulesets, satser, lookups, shared, time.GetUtcNow(), publication, unavailable);
        holder.Swap(snapshot);
        logger.LogInformation("Regler indlæst til og med offentliggørelse {PublicationId}: {Rulesets} regelsæt, {Versions} versioner, {Satser} satser på {Ms} ms.",
            publicationId, rulesets.Count, rulesets.Values.Sum(r => r.Versions.Count), satser.Count, (int)time.GetElapsedTime(started).TotalMilliseconds);
        return snapshot;
    }

    /// <summary>A published sats or lookup revision that cannot be read is left out; versions using it then do not compile.</summary>
    private T? Read<T>(string key, Func<T> read) where T : class
    {
        try { return read(); }
        catch (Exception ex)
        {
            logger.LogError("Den offentliggjorte udgave af {Key} kan ikke læses og er udeladt. {Reason}", key, Reason(ex));
            return null;
        }
    }

    /// <summary>Why a version does not compile, short enough for a log line and /health/ready: the first errors, each cell quoted in part.</summary>
    internal static string Reason(Exception ex)
    {
        const int shown = 3;
        if (ex is VersionCompilationException compilation)
        {
            var errors = compilation.Errors.Take(shown).Select(e => e.ToString());
            var more = compilation.Errors.Count > shown ? $" (og {compilation.Errors.Count - shown} fejl mere)" : "";
            return string.Join("; ", errors) + more;
        }
        var message = ex.Message.Length <= 500 ? ex.Message : ex.Message[..500] + "…";
        return $"{message} ({ex.GetType().Name})";
    }

    /// <summary>Templates are parsed once per version; a broken one is kept as its error and reported when asked for.</summary>
    private (BegrundelseTemplates?, BegrundelseException?) ParseTemplates(string rulesetId, DateOnly validFrom, List<TemplateFile> files, IReadOnlyList<TemplateFile> shared)
    {
        try
        {
            return (BegrundelseTemplates.Compile(rulesetId, validFrom, files, shared), null);
        }
        catch (BegrundelseException ex)
        {
            logger.LogWarning("Begrundelsesskabelon i {Ruleset} {ValidFrom:yyyy-MM-dd} kan ikke læses: {Error}", rulesetId, validFrom, ex.Message);
            return (null, ex);
        }
    }
}
