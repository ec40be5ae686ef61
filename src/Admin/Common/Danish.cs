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

    /// <summary>A value of the evaluation as the screens show it: amounts and dates the Danish way, ja/nej, – for none.</summary>
    public static string Value(object? value) => value switch
    {
        null => "–",
        decimal d => Amount(d),
        DateOnly d => Date(d),
        bool b => b ? "ja" : "nej",
        string s => s,
        System.Collections.IEnumerable e => string.Join(", ", e.Cast<object?>().Select(Value)),
        _ => value.ToString() ?? "",
    };
}
