using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Satser;

/// <summary>One line of the regulation wizard: a series, its value on 1 January the year before, and the proposal.</summary>
public sealed class RegulationLine
{
    public required SatsSeries Series { get; init; }
    public long? BasedOn { get; init; }
    public decimal? OldValue { get; init; }
    public decimal? Proposed { get; init; }
    /// <summary>What will be submitted; starts as the proposal and may be adjusted by hand.</summary>
    public decimal? NewValue { get; set; }
    public bool Include { get; set; } = true;
    public bool Adjusted => NewValue != Proposed;
}

/// <summary>Satsregulering: new value = old value × (1 + pct/100), rounded by the series' rounding rule.</summary>
public static class RegulationCalculator
{
    public static decimal Regulate(decimal old, decimal percent, RoundingRule? rounding)
    {
        var raw = old * (1 + percent / 100m);
        return rounding is not null ? rounding.Apply(raw) : Math.Round(raw, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Every series regulated by satsregulering, with its value valid on 1 January of the year before.</summary>
    public static List<RegulationLine> Propose(IEnumerable<(long RevisionId, SatsSeries Series)> series, int year, decimal percent) =>
        series.Where(s => s.Series.Regulation == Regulation.Satsregulering).OrderBy(s => s.Series.Key, StringComparer.Ordinal)
            .Select(s =>
            {
                var old = ValueOn(s.Series, new DateOnly(year - 1, 1, 1));
                var proposed = old is { } o ? Regulate(o, percent, s.Series.Rounding) : (decimal?)null;
                return new RegulationLine { Series = s.Series, BasedOn = s.RevisionId, OldValue = old, Proposed = proposed, NewValue = proposed, Include = proposed is not null };
            }).ToList();

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
