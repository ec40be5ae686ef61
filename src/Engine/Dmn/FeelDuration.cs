using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Serviceloven.Engine.Dmn;

/// <summary>
/// The two FEEL duration types, each held by the engine as one number: a years-and-months duration as a whole number of
/// months, a days-and-time duration as a number of seconds. The cell language has no duration type; an imported
/// decision of a duration type is a decimal in that unit (DmnDecision.Duration says which).
/// </summary>
public enum DmnDuration
{
    /// <summary>years and months duration: a number of months.</summary>
    YearsMonths,
    /// <summary>days and time duration: a number of seconds.</summary>
    DaysTime,
}

/// <summary>A duration value: its type and its amount in months or seconds. Shown in ISO 8601 (P1Y8M, PT16H40M).</summary>
public sealed partial record DmnDurationValue(DmnDuration Unit, decimal Amount)
{
    /// <summary>
    /// An ISO 8601 duration as FEEL's duration("...") reads it: years and months (P1Y2M) or days and time (P2DT4H3.5S),
    /// with an optional leading '-'. Null for anything else, including a mix of the two kinds (P1Y2D).
    /// </summary>
    public static DmnDurationValue? Parse(string text)
    {
        var m = IsoDuration().Match(text);
        if (!m.Success) return null;
        var g = m.Groups;
        bool Has(string name) => g[name].Success;
        if (!(Has("y") || Has("mo") || Has("d") || Has("h") || Has("mi") || Has("s"))) return null;
        if (Has("t") && !(Has("h") || Has("mi") || Has("s"))) return null;
        var yearsMonths = Has("y") || Has("mo");
        var daysTime = Has("d") || Has("t");
        if (yearsMonths && daysTime) return null;
        static decimal N(Group group) => group.Success ? decimal.Parse(group.Value.TrimEnd('.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
        try
        {
            var sign = Has("neg") ? -1m : 1m;
            return yearsMonths
                ? new(DmnDuration.YearsMonths, sign * (N(g["y"]) * 12m + N(g["mo"])))
                : new(DmnDuration.DaysTime, sign * (N(g["d"]) * 86400m + N(g["h"]) * 3600m + N(g["mi"]) * 60m + N(g["s"])));
        }
        catch (OverflowException) { return null; }
    }

    // Whole numbers for every part but the seconds; "PT0.S" is read as FEEL engines read it, zero seconds.
    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<d>\d+)D)?(?<t>T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d*)?)S)?)?$")]
    private static partial Regex IsoDuration();

    /// <summary>
    /// FEEL's years and months duration(from, to) of two dates: the whole months from one to the other, a month counted
    /// only when the day of the month is reached (as java.time's Period.between, which the FEEL reference follows):
    /// 2011-12-22 to 2013-08-24 is P1Y8M, 2016-01-31 to 2016-02-29 is P0M.
    /// </summary>
    public static DmnDurationValue YearsMonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        var days = to.Day - from.Day;
        if (months > 0 && days < 0) months--;
        else if (months < 0 && days > 0) months++;
        return new(DmnDuration.YearsMonths, months);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Amount < 0 ? "-P" : "P");
        var amount = Math.Abs(Amount);
        if (Unit == DmnDuration.YearsMonths)
        {
            var years = decimal.Truncate(amount / 12m);
            var months = amount - years * 12m;
            if (years != 0) sb.Append(years.ToString(CultureInfo.InvariantCulture)).Append('Y');
            if (months != 0 || years == 0) sb.Append(months.ToString(CultureInfo.InvariantCulture)).Append('M');
            return sb.ToString();
        }
        var d = decimal.Truncate(amount / 86400m);
        var rest = amount - d * 86400m;
        var h = decimal.Truncate(rest / 3600m);
        rest -= h * 3600m;
        var mi = decimal.Truncate(rest / 60m);
        var s = rest - mi * 60m;
        if (d != 0) sb.Append(d.ToString(CultureInfo.InvariantCulture)).Append('D');
        if (h != 0 || mi != 0 || s != 0 || d == 0) sb.Append('T');
        if (h != 0) sb.Append(h.ToString(CultureInfo.InvariantCulture)).Append('H');
        if (mi != 0) sb.Append(mi.ToString(CultureInfo.InvariantCulture)).Append('M');
        if (s != 0 || (d == 0 && h == 0 && mi == 0)) sb.Append(s.Normalize().ToString(CultureInfo.InvariantCulture)).Append('S');
        return sb.ToString();
    }
}

internal static class DecimalNormalize
{
    /// <summary>Drops trailing zeros of the scale (4.500 becomes 4.5).</summary>
    public static decimal Normalize(this decimal d) => d / 1.000000000000000000000000000000000m;
}
