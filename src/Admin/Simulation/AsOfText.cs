using System.Globalization;

namespace Serviceloven.Admin.Simulation;

/// <summary>
/// An asOf ("as published at") typed by a person: an ISO moment with its offset, a local time "ÅÅÅÅ-MM-DD TT:MM", or a
/// date alone meaning the end of that day; local times are Danish time. Empty is null (now).
/// </summary>
public static class AsOfText
{
    private static readonly TimeZoneInfo Danish = FindDanish();

    public static DateTimeOffset? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, ["yyyy-MM-dd", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Local(date.ToDateTime(new TimeOnly(23, 59, 59)));
        if (DateTime.TryParseExact(t, ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
            return Local(local);
        if (DateTimeOffset.TryParseExact(t, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mmK"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var moment))
            return moment;
        throw new ArgumentException($"{field}: '{t}' er ikke et tidspunkt; skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM-DD TT:MM eller et ISO-tidspunkt med tidszone.");
    }

    private static DateTimeOffset Local(DateTime local) => new(local, Danish.GetUtcOffset(local));

    private static TimeZoneInfo FindDanish()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
