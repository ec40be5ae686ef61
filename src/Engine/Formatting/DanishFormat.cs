using System.Globalization;

namespace Serviceloven.Engine.Formatting;

/// <summary>Danish renderings used in traces, begrundelser and the admin UI.</summary>
public static class DanishFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>1.234,50 kr.</summary>
    public static string Amount(decimal amount) => amount.ToString("N2", Culture) + " kr.";

    /// <summary>A number without superfluous decimals: 15, 7,5, 1.234,25.</summary>
    public static string Number(decimal value)
    {
        var s = value.ToString("#,##0.##########", Culture);
        return s;
    }

    /// <summary>1. marts 2024.</summary>
    public static string Date(DateOnly date) => date.ToString("d. MMMM yyyy", Culture);

    /// <summary>1. marts 2024 - 31. december 2024, or "fra 1. marts 2024" when open-ended.</summary>
    public static string Period(DateOnly from, DateOnly? to) =>
        to is { } end ? $"{Date(from)} - {Date(end)}" : $"fra {Date(from)}";

    /// <summary>a, b og c.</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " og " + list[^1],
        };
    }

    public static string Plural(decimal count, string singular, string plural) => count == 1 ? singular : plural;

    /// <summary>Any engine value as Danish text.</summary>
    public static string Value(object? value) => value switch
    {
        null => "ingen værdi",
        bool b => b ? "ja" : "nej",
        decimal d => Number(d),
        int i => Number(i),
        DateOnly d => Date(d),
        string s => s,
        System.Collections.IEnumerable e => "[" + string.Join("; ", e.Cast<object?>().Select(Value)) + "]",
        _ => Convert.ToString(value, Culture) ?? "",
    };

    /// <summary>"fra 1. marts 2024 til 31. december 2024", or "fra 1. marts 2024" when open-ended: for running text in letters.</summary>
    public static string PeriodText(DateOnly from, DateOnly? to) =>
        to is { } end ? $"fra {Date(from)} til {Date(end)}" : $"fra {Date(from)}";

    /// <summary>a, b eller c: a list joined with another conjunction than "og".</summary>
    public static string List(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " " + conjunction + " " + list[^1],
        };
    }

    /// <summary>servicelovens § 97, stk. 1, nr. 3; the law in genitive as it is written in decisions.</summary>
    public static string Paragraph(string law, string section, string? subsection = null, string? number = null)
    {
        var text = $"{law} § {section}";
        if (!string.IsNullOrWhiteSpace(subsection)) text += $", stk. {subsection}";
        if (!string.IsNullOrWhiteSpace(number)) text += $", nr. {number}";
        return text;
    }

    /// <summary>"1 time", "15 timer", "7,5 timer".</summary>
    public static string Count(decimal count, string singular, string plural) => $"{Number(count)} {Plural(count, singular, plural)}";

    /// <summary>A quotation in Danish guillemets: »tekst«.</summary>
    public static string Quote(string text) => $"»{text}«";

    /// <summary>An amount with its unit: "866,00 kr. pr. år" for units in kroner, otherwise "15 timer pr. måned".</summary>
    public static string WithUnit(decimal value, string? unit) => unit switch
    {
        null or "" => Number(value),
        "kr." or "kr" => Amount(value),
        _ when unit.StartsWith("kr. ", StringComparison.Ordinal) => Amount(value) + unit[3..],
        _ when unit.StartsWith("kr ", StringComparison.Ordinal) => Amount(value) + unit[2..],
        _ => $"{Number(value)} {unit}",
    };

    /// <summary>1. marts 2024, or "–" when there is no date.</summary>
    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";

    /// <summary>01-03-2024: dates in tables and lists.</summary>
    public static string ShortDate(DateOnly date) => date.ToString("dd-MM-yyyy", Culture);

    /// <summary>01-03-2024 – 31-12-2024, or "fra 01-03-2024" when open-ended: periods in tables and lists.</summary>
    public static string ShortPeriod(DateOnly from, DateOnly? to) =>
        to is { } end ? $"{ShortDate(from)} – {ShortDate(end)}" : $"fra {ShortDate(from)}";

    /// <summary>01-03-2024 14:05 in the server's local time.</summary>
    public static string Instant(DateTimeOffset at) => at.ToLocalTime().ToString("dd-MM-yyyy HH:mm", Culture);

    /// <summary>An ISO 8601 instant as <see cref="Instant(DateTimeOffset)"/>; text that is not one is shown as it is.</summary>
    public static string Instant(string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? Instant(at) : iso;

    /// <summary>An amount's figure without its unit, at most two decimals: 1.234,5.</summary>
    public static string AmountFigure(decimal value) => value.ToString("#,##0.##", Culture);

    /// <summary>A number as it is typed into an input field: 1234,5 (no thousands separator).</summary>
    public static string Input(decimal value) => value.ToString("0.##", Culture);

    /// <summary>Reads an amount as a Dane types it ("1.234,50", "1.234,50 kr.") or as invariant ("1234.50").</summary>
    public static bool TryParseAmount(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace(" ", "").Replace("kr.", "").Replace("kr", "");
        if (t.Contains(',')) return decimal.TryParse(t.Replace(".", "").Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }
}
