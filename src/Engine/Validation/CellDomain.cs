using Serviceloven.Engine.Cells;

namespace Serviceloven.Engine.Validation;

/// <summary>
/// The set of values an input cell accepts, where that can be known without running it: intervals for numbers and
/// dates, value sets for text, enums and booleans. Cells comparing with other names or satser are "unknown".
/// </summary>
internal sealed record CellDomain(bool Unknown, bool Universe, bool Null, List<Interval> Intervals, HashSet<string>? Values, bool Complement)
{
    public static readonly CellDomain UnknownDomain = new(true, false, false, [], null, false);
    public static readonly CellDomain All = new(false, true, true, [], null, false);

    public static CellDomain Of(Test test)
    {
        switch (test)
        {
            case AnyTest: return All;
            case NullTest: return new(false, false, true, [], null, false);
            case CompareTest c when Constant(c.Value) is { } v:
                if (v is string or bool)
                {
                    var key = v.ToString()!;
                    return c.Op switch
                    {
                        "=" => new(false, false, false, [], [key], false),
                        "!=" => new(false, false, false, [], [key], true),
                        _ => UnknownDomain,
                    };
                }
                var x = (decimal)v;
                return c.Op switch
                {
                    "=" => Ordered(new Interval(x, true, x, true)),
                    "<" => Ordered(new Interval(decimal.MinValue, true, x, false)),
                    "<=" => Ordered(new Interval(decimal.MinValue, true, x, true)),
                    ">" => Ordered(new Interval(x, false, decimal.MaxValue, true)),
                    ">=" => Ordered(new Interval(x, true, decimal.MaxValue, true)),
                    "!=" => Ordered(new Interval(decimal.MinValue, true, x, false), new Interval(x, false, decimal.MaxValue, true)),
                    _ => UnknownDomain,
                };
            case RangeTest r when Constant(r.Low) is decimal lo && Constant(r.High) is decimal hi:
                return Ordered(new Interval(lo, r.LowClosed, hi, r.HighClosed));
            case AnyOfTest any:
            {
                var parts = any.Tests.Select(Of).ToList();
                if (parts.Any(p => p.Unknown)) return UnknownDomain;
                if (parts.Any(p => p.Universe)) return All;
                var isNull = parts.Any(p => p.Null);
                var ordered = parts.Where(p => p.Intervals.Count > 0).SelectMany(p => p.Intervals).ToList();
                var discrete = parts.Where(p => p.Values is not null).ToList();
                if (discrete.Any(p => p.Complement) || (ordered.Count > 0 && discrete.Count > 0)) return UnknownDomain;
                var values = discrete.Count > 0 ? discrete.SelectMany(p => p.Values!).ToHashSet() : null;
                return new(false, false, isNull, ordered, values, false);
            }
            case NotTest n:
            {
                var inner = Of(n.Inner);
                if (inner.Unknown || inner.Universe) return UnknownDomain;
                // A missing value never matches not(...): the emitted test guards it, or the inner test names null.
                if (inner.Values is not null && inner.Intervals.Count == 0)
                    return new(false, false, false, [], inner.Values, !inner.Complement);
                return UnknownDomain;
            }
            default:
                return UnknownDomain;
        }
    }

    /// <summary>For whole-number inputs, "&lt; 18" and "&gt; 17" do not overlap: snap open ends to integers.</summary>
    public CellDomain ForIntegers() => Intervals.Count == 0 ? this : this with
    {
        Intervals = Intervals.Select(i => new Interval(
            i.Low == decimal.MinValue ? i.Low : i.LowClosed ? Math.Ceiling(i.Low) : Math.Floor(i.Low) + 1, true,
            i.High == decimal.MaxValue ? i.High : i.HighClosed ? Math.Floor(i.High) : Math.Ceiling(i.High) - 1, true)).ToList(),
    };

    private static CellDomain Ordered(params Interval[] intervals) => new(false, false, false, [.. intervals], null, false);

    /// <summary>Literal values folded to comparable keys: numbers as decimal, dates as their day number.</summary>
    private static object? Constant(Expr e) => e switch
    {
        NumberLit n => n.Value,
        StringLit s => s.Value,
        BoolLit b => b.Value,
        Call { Function: "date", Args: [StringLit s] } when DateOnly.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) => (decimal)d.DayNumber,
        _ => null,
    };

    /// <summary>True when some value satisfies both; null when that cannot be decided statically.</summary>
    public static bool? Overlaps(CellDomain a, CellDomain b)
    {
        if (a.Unknown || b.Unknown) return null;
        if (a.Universe || b.Universe) return true;
        if (a.Null && b.Null) return true;
        if (a.Intervals.Count > 0 && b.Intervals.Count > 0)
            return a.Intervals.Any(x => b.Intervals.Any(y => x.Intersects(y)));
        if (a.Values is not null && b.Values is not null)
        {
            if (a.Complement && b.Complement) return true;
            if (a.Complement) return b.Values.Any(v => !a.Values.Contains(v));
            if (b.Complement) return a.Values.Any(v => !b.Values.Contains(v));
            return a.Values.Overlaps(b.Values);
        }
        return false;
    }
}

internal readonly record struct Interval(decimal Low, bool LowClosed, decimal High, bool HighClosed)
{
    public bool Intersects(Interval o)
    {
        // The larger low end and the smaller high end must leave room for a value.
        var (lo, loClosed) = Low > o.Low ? (Low, LowClosed) : Low < o.Low ? (o.Low, o.LowClosed) : (Low, LowClosed && o.LowClosed);
        var (hi, hiClosed) = High < o.High ? (High, HighClosed) : High > o.High ? (o.High, o.HighClosed) : (High, HighClosed && o.HighClosed);
        return lo < hi || (lo == hi && loClosed && hiClosed);
    }
}
