using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Satser;

/// <summary>A sats needed on a date for which legal staff have entered no value.</summary>
public sealed class SatsMissingException(string key, DateOnly date)
    : Exception($"Satsen '{key}' har ingen værdi den {DanishFormat.Date(date)}; værdien skal indtastes af juridisk personale før der kan træffes afgørelse.")
{
    public string Key { get; } = key;
    public DateOnly Date { get; } = date;
}

/// <summary>An immutable set of sats series, resolved by date.</summary>
public sealed class SatsCatalog
{
    private readonly Dictionary<string, SatsSeries> _series;

    public SatsCatalog(IEnumerable<SatsSeries> series)
    {
        _series = new Dictionary<string, SatsSeries>(StringComparer.Ordinal);
        foreach (var s in series)
            _series[s.Key] = s with { Values = s.Values.OrderBy(v => v.ValidFrom).ToList() };
    }

    public static SatsCatalog Empty { get; } = new([]);

    public IEnumerable<SatsSeries> Series => _series.Values;
    public IEnumerable<string> Keys => _series.Keys;
    public bool Contains(string key) => _series.ContainsKey(key);
    public SatsSeries? Get(string key) => _series.GetValueOrDefault(key);

    /// <summary>The value in force on <paramref name="date"/>: the latest starting on or before it, unless it has ended.</summary>
    public SatsValue? ValueOn(string key, DateOnly date)
    {
        if (!_series.TryGetValue(key, out var series)) return null;
        SatsValue? found = null;
        foreach (var v in series.Values)
        {
            if (v.ValidFrom > date) break;
            found = v;
        }
        return found is { ValidTo: { } end } && end < date ? null : found;
    }
}
