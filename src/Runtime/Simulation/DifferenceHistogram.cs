namespace Serviceloven.Runtime.Simulation;

/// <summary>One bar of the distribution of per-case differences: [From, To) kroner and how many cases.</summary>
public sealed record HistogramBin(decimal From, decimal To, long Count);

/// <summary>
/// The distribution of per-case differences in bounded memory: differences are counted per bucket of a width that
/// starts at 1 øre and grows tenfold whenever more than <see cref="MaxBuckets"/> buckets would be needed, so a million
/// cases never hold more than a few thousand counters. Zero differences are counted apart (they are most cases).
/// </summary>
public sealed partial class DifferenceHistogram
{
    public const int MaxBuckets = 2048;
    private Dictionary<decimal, long> _buckets = [];

    public decimal Width { get; private set; } = 0.01m;
    public long Zero { get; private set; }
    public long NonZero { get; private set; }
    public decimal Min { get; private set; }
    public decimal Max { get; private set; }

    public void Add(decimal difference, long count = 1)
    {
        if (difference == 0) { Zero += count; return; }
        if (NonZero == 0) { Min = Max = difference; }
        else { Min = Math.Min(Min, difference); Max = Math.Max(Max, difference); }
        NonZero += count;
        var key = Math.Floor(difference / Width) * Width;
        _buckets[key] = _buckets.GetValueOrDefault(key) + count;
        while (_buckets.Count > MaxBuckets) Coarsen(Width * 10);
    }

    public void Merge(DifferenceHistogram other)
    {
        Zero += other.Zero;
        if (other.NonZero == 0) return;
        if (NonZero == 0) { Min = other.Min; Max = other.Max; }
        else { Min = Math.Min(Min, other.Min); Max = Math.Max(Max, other.Max); }
        NonZero += other.NonZero;
        if (other.Width > Width) Coarsen(other.Width);
        foreach (var (key, count) in other._buckets)
        {
            var k = Math.Floor(key / Width) * Width;
            _buckets[k] = _buckets.GetValueOrDefault(k) + count;
        }
        while (_buckets.Count > MaxBuckets) Coarsen(Width * 10);
    }

    /// <summary>The non-zero differences in at most <paramref name="bars"/> equal bars from the smallest to the largest.</summary>
    public IReadOnlyList<HistogramBin> Bins(int bars = 30)
    {
        if (NonZero == 0) return [];
        var from = Math.Floor(Min / Width) * Width;
        var to = Math.Floor(Max / Width) * Width + Width;
        var buckets = (int)Math.Min(bars, Math.Max(1, (to - from) / Width));
        var step = (to - from) / buckets;
        var counts = new long[buckets];
        foreach (var (key, count) in _buckets)
            counts[Math.Clamp((int)((key - from) / step), 0, buckets - 1)] += count;
        return Enumerable.Range(0, buckets).Select(i => new HistogramBin(from + i * step, from + (i + 1) * step, counts[i])).ToList();
    }

    private void Coarsen(decimal width)
    {
        Width = width;
        var coarse = new Dictionary<decimal, long>();
        foreach (var (key, count) in _buckets)
        {
            var k = Math.Floor(key / width) * width;
            coarse[k] = coarse.GetValueOrDefault(k) + count;
        }
        _buckets = coarse;
    }
}
