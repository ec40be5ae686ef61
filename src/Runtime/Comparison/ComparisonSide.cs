using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Comparison;

/// <summary>
/// One version of a side: compiled, with its templates (or why they cannot be used), and whether it is the candidate
/// (a draft) rather than a published version.
/// </summary>
public sealed record SideVersion(CompiledVersion Compiled, BegrundelseTemplates? Templates, string? TemplateProblem, bool IsCandidate, long? PublishedId = null)
{
    public DateOnly ValidFrom => Compiled.ValidFrom;
}

/// <summary>
/// One side of a comparison: a ruleset's versions as a timeline (the published ones, or the published ones with a draft
/// in place of the version of its date), and the satser and lookups to evaluate them with. A case is evaluated on the
/// version its decision date falls in, exactly as the API would once the side were what is published.
/// </summary>
public sealed class ComparisonSide
{
    private readonly List<VersionCandidate<SideVersion>> _timeline;

    public ComparisonSide(string name, RulesetDefinition definition, IEnumerable<SideVersion> versions, SatsCatalog satser, LookupCatalog lookups)
    {
        Name = name;
        Definition = definition;
        Satser = satser;
        Lookups = lookups;
        _timeline = versions.OrderBy(v => v.ValidFrom)
            .Select(v => new VersionCandidate<SideVersion>(v.ValidFrom, v.Compiled.Content.ValidTo, null, v)).ToList();
    }

    /// <summary>What the side is called on screen ("Offentliggjort", "Kladde").</summary>
    public string Name { get; }
    public RulesetDefinition Definition { get; }
    public SatsCatalog Satser { get; }
    public LookupCatalog Lookups { get; }
    public IReadOnlyList<SideVersion> Versions => _timeline.Select(c => c.Item).ToList();

    /// <summary>The version a decision on <paramref name="date"/> would use, or the reason there is none.</summary>
    public VersionResolution<SideVersion> Resolve(DateOnly date) => VersionResolver.ResolveIn(Definition.Id, _timeline, date);

    /// <summary>The last day the version from <paramref name="validFrom"/> holds on this side (null while open-ended).</summary>
    public DateOnly? EndOf(DateOnly validFrom)
    {
        var own = _timeline.FirstOrDefault(c => c.ValidFrom == validFrom);
        return VersionResolver.EndOf(own?.ValidTo, _timeline.FirstOrDefault(c => c.ValidFrom > validFrom)?.ValidFrom);
    }

    /// <summary>The ruleset as published now, with the latest satser and lookups.</summary>
    public static ComparisonSide Published(RulesSnapshot snapshot, string rulesetId, string name = "Offentliggjort")
    {
        var entry = snapshot.Rulesets.TryGetValue(rulesetId, out var e) ? e : null;
        return new ComparisonSide(name, entry?.Definition ?? new RulesetDefinition { Id = rulesetId, Title = rulesetId },
            snapshot.Timeline(rulesetId).Select(c => FromPublished(c.Item)), snapshot.LatestSatser, snapshot.LatestLookups);
    }

    /// <summary>The ruleset as it would be with <paramref name="candidate"/> published: it replaces the version of its own validFrom.</summary>
    public static ComparisonSide WithCandidate(RulesSnapshot snapshot, string rulesetId, SideVersion candidate, string name = "Kladde")
    {
        var entry = snapshot.Rulesets.TryGetValue(rulesetId, out var e) ? e : null;
        var beside = snapshot.PublishedBeside(rulesetId, candidate.ValidFrom).Select(FromPublished);
        return new ComparisonSide(name, entry?.Definition ?? new RulesetDefinition { Id = rulesetId, Title = rulesetId },
            beside.Append(candidate), snapshot.LatestSatser, snapshot.LatestLookups);
    }

    private static SideVersion FromPublished(PublishedVersion v) => new(v.Compiled, v.Templates, v.TemplateError?.Message, false, v.Id);
}
