using System.Globalization;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Common;

/// <summary>Danish words and formats for what users see; the data itself stays in invariant forms.</summary>
public static class Danish
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");

    public static string Role(string role) => role switch
    {
        Roles.Editor => "redaktør",
        Roles.Approver => "godkender",
        Roles.Administrator => "administrator",
        _ => role,
    };

    public static string Status(string status) => status switch
    {
        Store.Versions.Status.Draft => "kladde",
        Store.Versions.Status.InReview => "til godkendelse",
        Store.Versions.Status.Published => "offentliggjort",
        _ => status,
    };

    public static string Date(DateOnly date) => date.ToString("d. MMMM yyyy", Culture);
    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";
    public static string Short(DateOnly date) => date.ToString("dd-MM-yyyy", Culture);
    public static string Instant(DateTimeOffset at) => at.ToLocalTime().ToString("dd-MM-yyyy HH:mm", Culture);
    public static string Instant(string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? Instant(at) : iso;
    public static string Amount(decimal value) => value.ToString("#,##0.##", Culture);

    public static string Period(DateOnly from, DateOnly? to) => to is { } t ? $"{Short(from)} – {Short(t)}" : $"fra {Short(from)}";

    /// <summary>Reads an amount as a Dane types it ("1.234,50") or as invariant ("1234.50").</summary>
    public static bool TryParseAmount(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace(" ", "").Replace("kr.", "").Replace("kr", "");
        if (t.Contains(',')) return decimal.TryParse(t.Replace(".", "").Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    public static string Input(decimal value) => value.ToString("0.##", Culture);

    /// <summary>The date format users type and read: dd-mm-åååå, whatever the browser's locale.</summary>
    public const string DateFormat = "dd-MM-yyyy";

    private static readonly string[] DateFormats =
        ["d-M-yyyy", "d.M.yyyy", "d/M/yyyy", "d M yyyy", "ddMMyyyy", "yyyy-MM-dd"];

    /// <summary>Reads a date as a Dane types it (01-03-2027, 1.3.2027, 1/3/2027, 01032027) or in ISO form (2027-03-01).</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Every ISO date (2027-03-01) in a text as dd-mm-åååå: audit details and messages written before the format was fixed.</summary>
    public static string IsoDatesToDanish(string? text) =>
        text is null ? "" : System.Text.RegularExpressions.Regex.Replace(text, @"\b(\d{4})-(\d{2})-(\d{2})\b",
            m => DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Short(d) : m.Value);
}
