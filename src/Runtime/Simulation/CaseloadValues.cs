using System.Globalization;
using Serviceloven.Engine.Model;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// A caseload cell as a fact value: Danish and ISO dates, decimal commas (with or without thousands points), ja/nej,
/// enum values by code or by their Danish label. The engine's binder checks the value again for each side's version.
/// </summary>
public static class CaseloadValues
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy", "yyyyMMdd"];

    /// <summary>Converts <paramref name="text"/> (already trimmed, not empty) to the fact's type, or says why not in Danish.</summary>
    public static bool TryParse(FactDefinition fact, ReadOnlySpan<char> text, out object? value, out string? error)
    {
        value = null;
        error = null;
        switch (fact.Type)
        {
            case ValueKind.Bool:
                if (TryBool(text, out var b)) { value = b ? Boxed.True : Boxed.False; return true; }
                error = $"\"{text}\" er ikke ja eller nej.";
                return false;
            case ValueKind.Int or ValueKind.Decimal:
                if (!TryDecimal(text, out var d)) { error = $"\"{text}\" er ikke et tal."; return false; }
                if (fact.Type == ValueKind.Int && d != decimal.Truncate(d)) { error = $"\"{text}\" er ikke et heltal."; return false; }
                value = d;
                return true;
            case ValueKind.Date:
                if (TryDate(text, out var date)) { value = date; return true; }
                error = $"\"{text}\" er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ).";
                return false;
            case ValueKind.Enum:
                if (fact.Values is { } values)
                {
                    foreach (var v in values)
                        if (text.Equals(v.Value, StringComparison.OrdinalIgnoreCase) || (v.Label is { } l && text.Equals(l, StringComparison.OrdinalIgnoreCase)))
                        { value = v.Value; return true; }
                    error = $"\"{text}\" er ikke en tilladt værdi. Tilladte værdier: {string.Join(", ", values.Select(v => v.Value))}.";
                    return false;
                }
                value = text.ToString();
                return true;
            default:
                value = text.ToString();
                return true;
        }
    }

    public static bool TryBool(ReadOnlySpan<char> t, out bool value)
    {
        value = t.Equals("ja", StringComparison.OrdinalIgnoreCase) || t.Equals("true", StringComparison.OrdinalIgnoreCase)
            || t.Equals("j", StringComparison.OrdinalIgnoreCase) || t is "1" || t.Equals("sand", StringComparison.OrdinalIgnoreCase);
        return value || t.Equals("nej", StringComparison.OrdinalIgnoreCase) || t.Equals("false", StringComparison.OrdinalIgnoreCase)
            || t.Equals("n", StringComparison.OrdinalIgnoreCase) || t is "0" || t.Equals("falsk", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// "1.234,50", "1234,5", "1234.5" and "1 234,50" are numbers. With a comma present the comma is the decimal sign and
    /// points group thousands; without one a single point is the decimal sign and several points group thousands.
    /// </summary>
    public static bool TryDecimal(ReadOnlySpan<char> t, out decimal value)
    {
        var comma = t.LastIndexOf(',');
        var points = t.Count('.');
        var plain = comma < 0 && points <= 1 && !t.ContainsAny(' ', '\u00A0');
        if (plain) return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        Span<char> buffer = t.Length <= 64 ? stackalloc char[t.Length] : new char[t.Length];
        var n = 0;
        foreach (var c in t)
        {
            if (c is ' ' or '\u00A0') continue;
            if (c == '.') { if (comma < 0 && points <= 1) buffer[n++] = '.'; continue; }
            buffer[n++] = c == ',' ? '.' : c;
        }
        if (comma >= 0 && t.Count(',') > 1) { value = 0; return false; }
        return decimal.TryParse(buffer[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDate(ReadOnlySpan<char> t, out DateOnly value) =>
        DateOnly.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>
    /// True when the value looks like a CPR number: ddmmyy-nnnn or ten digits whose first six are a real day.
    /// Such a column is refused whole: an anonymised caseload has none.
    /// </summary>
    public static bool LooksLikeCpr(ReadOnlySpan<char> t)
    {
        if (t.Length == 11 && t[6] == '-') return Digits(t[..6]) && Digits(t[7..]) && IsDay(t);
        return t.Length == 10 && Digits(t) && IsDay(t);
    }

    private static bool Digits(ReadOnlySpan<char> t)
    {
        foreach (var c in t) if (c is < '0' or > '9') return false;
        return true;
    }

    private static bool IsDay(ReadOnlySpan<char> t)
    {
        int day = (t[0] - '0') * 10 + (t[1] - '0'), month = (t[2] - '0') * 10 + (t[3] - '0');
        return day is >= 1 and <= 31 && month is >= 1 and <= 12;
    }

    private static class Boxed
    {
        public static readonly object True = true, False = false;
    }
}
