using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Versions;

/// <summary>
/// A published version as far as choosing it goes: its validity, when it was published and its id (which of two
/// published in the same instant is the later; 0 where there is none).
/// </summary>
public sealed record VersionCandidate<T>(DateOnly ValidFrom, DateOnly? ValidTo, DateTimeOffset? PublishedAt, T Item, long Id = 0);

public sealed record VersionResolution<T>(T? Item, string? Problem)
{
    public bool Found => Problem is null;
}

/// <summary>
/// Picks the version on two time axes: valid time (the decision date) and knowledge time (asOf). Among the
/// versions published at asOf, a version holds from its validFrom until its validTo or the next version's validFrom;
/// of two with the same validFrom the later published wins (a correction).
/// </summary>
public static class VersionResolver
{
    public static VersionResolution<T> Resolve<T>(string rulesetId, IEnumerable<VersionCandidate<T>> candidates, DateOnly decisionDate, DateTimeOffset? asOf = null) =>
        ResolveIn(rulesetId, Timeline(candidates, asOf), decisionDate, asOf);

    /// <summary>Resolves within a timeline already built by <see cref="Timeline{T}"/> (kept by callers that resolve often).</summary>
    public static VersionResolution<T> ResolveIn<T>(string rulesetId, IReadOnlyList<VersionCandidate<T>> known, DateOnly decisionDate, DateTimeOffset? asOf = null)
    {
        VersionCandidate<T>? chosen = null;
        foreach (var c in known)
        {
            if (c.ValidFrom > decisionDate) break;
            chosen = c;
        }
        if (chosen is not null && (chosen.ValidTo is null || decisionDate <= chosen.ValidTo))
            return new(chosen.Item, null);

        var ranges = known.Select((c, i) => DanishFormat.Period(c.ValidFrom, EndIn(known, i))).ToList();
        var where = ranges.Count == 0
            ? (asOf is null ? "Regelsættet har ingen offentliggjorte versioner." : $"Der var ingen offentliggjorte versioner pr. {asOf:yyyy-MM-dd HH:mm}.")
            : $"Regelsættet gælder {DanishFormat.List(ranges)}.";
        return new(default, $"Regelsættet '{rulesetId}' har ingen version gældende den {DanishFormat.Date(decisionDate)}. {where}");
    }

    /// <summary>The last day a version holds: its own validTo, else the day before the next version starts; null while open.</summary>
    public static DateOnly? EndOf(DateOnly? validTo, DateOnly? nextValidFrom) => validTo ?? nextValidFrom?.AddDays(-1);

    /// <summary>The last day the version at <paramref name="index"/> of a <see cref="Timeline{T}"/> holds; null while open.</summary>
    public static DateOnly? EndIn<T>(IReadOnlyList<VersionCandidate<T>> timeline, int index) =>
        EndOf(timeline[index].ValidTo, index + 1 < timeline.Count ? timeline[index + 1].ValidFrom : null);

    /// <summary>The last day a version valid from <paramref name="validFrom"/> holds beside a timeline (one of its versions or a superseded one).</summary>
    public static DateOnly? EndBeside<T>(IReadOnlyList<VersionCandidate<T>> timeline, DateOnly validFrom, DateOnly? validTo) =>
        EndOf(validTo, timeline.FirstOrDefault(c => c.ValidFrom > validFrom)?.ValidFrom);

    /// <summary>The versions known at asOf, one per validFrom (the latest publication, see <see cref="Publications"/>), ordered by validFrom.</summary>
    public static List<VersionCandidate<T>> Timeline<T>(IEnumerable<VersionCandidate<T>> candidates, DateTimeOffset? asOf) =>
        Publications.LatestPerKey(candidates, c => c.ValidFrom, c => c.PublishedAt, c => c.Id, asOf)
            .OrderBy(c => c.ValidFrom)
            .ToList();
}
