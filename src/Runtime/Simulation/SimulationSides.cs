using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Comparison;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// One side of a simulation: the rules (a <see cref="ComparisonSide"/>: published, or published with a draft in place)
/// and the decision date each case is decided on, fixed or (null) the row's own.
/// </summary>
public sealed record SimulationSide(ComparisonSide Rules, DateOnly? DecisionDate, string Description)
{
    public string Name => Rules.Name;
}

/// <summary>Builds the sides from the compiled snapshot, as published now or as published at an earlier moment (asOf).</summary>
public static class SimulationSides
{
    /// <summary>The ruleset as published at <paramref name="asOf"/> (null: now), with the satser and lookups of that moment.</summary>
    public static ComparisonSide Published(RulesSnapshot snapshot, string rulesetId, DateTimeOffset? asOf, string name = "Offentliggjort")
    {
        var entry = Entry(snapshot, rulesetId);
        var catalogs = snapshot.CatalogsAsOf(asOf);
        return new ComparisonSide(name, entry.Definition, entry.TimelineAsOf(asOf).Select(c => FromPublished(c.Item)), catalogs.Satser, catalogs.Lookups);
    }

    /// <summary>
    /// The ruleset as it would be with <paramref name="draft"/> published (it replaces the version of its own validFrom),
    /// beside what was published at <paramref name="asOf"/>. A draft already compiled (in review) comes from the cache.
    /// </summary>
    public static ComparisonSide WithDraft(RulesSnapshot snapshot, CompiledVersions compiled, string rulesetId, RulesetVersion draft,
        DateTimeOffset? asOf, string name = "Kladde")
    {
        var entry = Entry(snapshot, rulesetId);
        var catalogs = snapshot.CatalogsAsOf(asOf);
        var cv = compiled.Find(rulesetId, ContentHash.Of(draft)) ?? VersionCompiler.Compile(rulesetId, draft, catalogs.Satser, catalogs.Lookups);
        var candidate = new SideVersion(cv, null, "Simuleringen skriver ingen begrundelser.", IsCandidate: true);
        var beside = entry.TimelineAsOf(asOf).Where(c => c.ValidFrom != draft.ValidFrom).Select(c => FromPublished(c.Item));
        return new ComparisonSide(name, entry.Definition, beside.Append(candidate), catalogs.Satser, catalogs.Lookups);
    }

    /// <summary>
    /// <paramref name="side"/> with pending sats series (a revision in draft or review) in place of the published series of
    /// the same key: "the published rules with this sats regulation applied". The versions are the same compiled ones.
    /// </summary>
    public static ComparisonSide WithSatser(ComparisonSide side, IEnumerable<SatsSeries> pending, string name)
    {
        var series = side.Satser.Series.ToDictionary(s => s.Key, StringComparer.Ordinal);
        foreach (var s in pending) series[s.Key] = s;
        return new ComparisonSide(name, side.Definition, side.Versions, new SatsCatalog(series.Values), side.Lookups);
    }

    private static RulesetEntry Entry(RulesSnapshot snapshot, string rulesetId) =>
        snapshot.Rulesets.TryGetValue(rulesetId, out var e) ? e : throw new ArgumentException($"Regelsættet '{rulesetId}' har ingen offentliggjort version.", nameof(rulesetId));

    private static SideVersion FromPublished(PublishedVersion v) => new(v.Compiled, v.Templates, v.TemplateError?.Message, false, v.Id);
}
