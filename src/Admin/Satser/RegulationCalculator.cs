using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Satser;

/// <summary>One year's regulation of a line: the percentage used and the rounded amount it gave.</summary>
public sealed record RegulationStep(int Year, decimal Percent, decimal Value);

/// <summary>
/// One line of the regulation wizard: a series, its latest known value before the year (which may lie several years
/// back), the chain of yearly regulations from there, and the proposal.
/// </summary>
public sealed class RegulationLine
{
    public required SatsSeries Series { get; init; }
    public long? BasedOn { get; init; }
    /// <summary>The latest value starting before 1 January of the year, and the year it is from.</summary>
    public decimal? OldValue { get; init; }
    public int? OldYear { get; init; }
    public IReadOnlyList<RegulationStep> Steps { get; init; } = [];
    /// <summary>Years between the known value and the new year that have no percentage yet.</summary>
    public IReadOnlyList<int> MissingPercents { get; init; } = [];
    public decimal? Proposed { get; init; }
    /// <summary>What will be submitted; starts as the proposal and may be adjusted by hand.</summary>
    public decimal? NewValue { get; set; }
    public bool Include { get; set; } = true;
    /// <summary>Why the line cannot be submitted now (the series has an open draft).</summary>
    public string? Blocked { get; init; }
    public bool Adjusted => NewValue != Proposed;
}

/// <summary>
/// Satsregulering: each year's value = the year before × (1 + that year's pct/100), rounded by the series' rounding rule.
/// Starting from the latest known value, a series without values for some years is regulated through them year by year,
/// each with its own percentage, as the amounts would have been regulated had they been entered.
/// </summary>
public static class RegulationCalculator
{
    public static decimal Regulate(decimal old, decimal percent, RoundingRule? rounding)
    {
        var raw = old * (1 + percent / 100m);
        return rounding is not null ? rounding.Apply(raw) : Math.Round(raw, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Every series regulated by satsregulering, regulated from its latest value before <paramref name="year"/>.</summary>
    public static List<RegulationLine> Propose(IEnumerable<(long RevisionId, SatsSeries Series)> series, int year,
        IReadOnlyDictionary<int, decimal> percents, Func<string, string?>? blocked = null) =>
        series.Where(s => s.Series.Regulation == Regulation.Satsregulering).OrderBy(s => s.Series.Key, StringComparer.Ordinal)
            .Select(s => Line(s.RevisionId, s.Series, year, percents, blocked?.Invoke(s.Series.Key))).ToList();

    private static RegulationLine Line(long revisionId, SatsSeries series, int year, IReadOnlyDictionary<int, decimal> percents, string? blocked)
    {
        var known = LatestBefore(series, new DateOnly(year, 1, 1));
        if (known is null)
            return new RegulationLine { Series = series, BasedOn = revisionId, Include = false, Blocked = blocked };
        var steps = new List<RegulationStep>();
        var missing = new List<int>();
        var value = known.Value;
        for (var y = known.ValidFrom.Year + 1; y <= year; y++)
        {
            if (!percents.TryGetValue(y, out var pct)) { missing.Add(y); continue; }
            value = Regulate(value, pct, series.Rounding);
            steps.Add(new RegulationStep(y, pct, value));
        }
        decimal? proposed = missing.Count == 0 && steps.Count > 0 ? value : null;
        return new RegulationLine
        {
            Series = series, BasedOn = revisionId, OldValue = known.Value, OldYear = known.ValidFrom.Year, Steps = missing.Count == 0 ? steps : [],
            MissingPercents = missing, Proposed = proposed, NewValue = proposed, Include = proposed is not null && blocked is null, Blocked = blocked,
        };
    }

    /// <summary>The value of the latest entry starting before <paramref name="date"/>, whether or not it has ended since.</summary>
    public static SatsValue? LatestBefore(SatsSeries series, DateOnly date) =>
        series.Values.Where(v => v.ValidFrom < date).MaxBy(v => v.ValidFrom);

    /// <summary>The years whose percentage the wizard needs: from the year after the earliest latest-known value to <paramref name="year"/>.</summary>
    public static IReadOnlyList<int> YearsNeeded(IEnumerable<SatsSeries> series, int year)
    {
        var first = series.Where(s => s.Regulation == Regulation.Satsregulering)
            .Select(s => LatestBefore(s, new DateOnly(year, 1, 1))?.ValidFrom.Year).OfType<int>().DefaultIfEmpty(year - 1).Min();
        return Enumerable.Range(first + 1, Math.Max(0, year - first)).ToList();
    }

    public static decimal? ValueOn(SatsSeries series, DateOnly date)
    {
        SatsValue? found = null;
        foreach (var v in series.Values.OrderBy(v => v.ValidFrom))
        {
            if (v.ValidFrom > date) break;
            found = v;
        }
        return found is { ValidTo: { } end } && end < date ? null : found?.Value;
    }

    /// <summary>The series with the new year's value (1 January to 31 December), replacing a value from the same date.</summary>
    public static SatsSeries WithYearValue(SatsSeries series, int year, decimal value, string source, string note)
    {
        var from = new DateOnly(year, 1, 1);
        var values = series.Values.Where(v => v.ValidFrom != from)
            .Select(v => v.ValidTo is null && v.ValidFrom < from ? v with { ValidTo = from.AddDays(-1) } : v)
            .Append(new SatsValue { ValidFrom = from, ValidTo = new DateOnly(year, 12, 31), Value = value, Source = source, Note = note })
            .OrderBy(v => v.ValidFrom).ToList();
        return series with { Values = values };
    }
}
