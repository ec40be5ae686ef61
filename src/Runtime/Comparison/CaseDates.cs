using System.Globalization;
using System.Text.Json;

namespace Serviceloven.Runtime.Comparison;

/// <summary>A case moved into a period: its new decision date, how far it moved, and the facts moved with it.</summary>
public sealed record MovedCase(ComparisonCase Case, DateOnly OriginalDate, int Years, int Days)
{
    public bool Moved => Years != 0 || Days != 0;
}

/// <summary>
/// Moves a case's decision date into a period (a draft's validity), so the case tests that version rather than the one
/// valid on its own date. The date facts move with it by the same whole years (or, when no whole-year move lands in the
/// period, the same days), so ages, periods and deadlines in the case stay what they were.
/// </summary>
public static class CaseDates
{
    public static MovedCase MoveInto(ComparisonCase c, DateOnly from, DateOnly? to, IReadOnlySet<string> dateFacts)
    {
        var date = c.DecisionDate;
        if (Inside(date, from, to)) return new MovedCase(c, date, 0, 0);
        // The smallest whole-year move that lands in the period, searched around both ends.
        var anchors = new[] { from.Year - date.Year, (to ?? from).Year - date.Year };
        var years = anchors.SelectMany(k => new[] { k - 1, k, k + 1 }).Distinct().OrderBy(Math.Abs)
            .Cast<int?>().FirstOrDefault(k => Inside(date.AddYears(k!.Value), from, to));
        if (years is { } y)
            return new MovedCase(c with { DecisionDate = date.AddYears(y), Facts = Shift(c.Facts, dateFacts, d => d.AddYears(y)) }, date, y, 0);
        var days = from.DayNumber - date.DayNumber;
        return new MovedCase(c with { DecisionDate = from, Facts = Shift(c.Facts, dateFacts, d => d.AddDays(days)) }, date, 0, days);
    }

    private static bool Inside(DateOnly date, DateOnly from, DateOnly? to) => date >= from && (to is null || date <= to);

    private static Dictionary<string, JsonElement> Shift(IReadOnlyDictionary<string, JsonElement> facts, IReadOnlySet<string> dateFacts, Func<DateOnly, DateOnly> move) =>
        facts.ToDictionary(kv => kv.Key, kv =>
            dateFacts.Contains(kv.Key) && kv.Value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(kv.Value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? JsonSerializer.SerializeToElement(move(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                : kv.Value, StringComparer.Ordinal);
}
