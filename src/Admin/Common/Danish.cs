using System.Globalization;
using Serviceloven.Engine.Formatting;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Common;

/// <summary>
/// The admin's Danish words for the store's roles and statuses. The formats themselves live in
/// <see cref="DanishFormat"/>; the members below forward to it so the pages keep one spelling of each.
/// </summary>
public static class Danish
{
    public static CultureInfo Culture => DanishFormat.Culture;

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

    public static string Date(DateOnly date) => DanishFormat.Date(date);
    public static string Date(DateOnly? date) => DanishFormat.Date(date);
    public static string Short(DateOnly date) => DanishFormat.ShortDate(date);
    public static string Instant(DateTimeOffset at) => DanishFormat.Instant(at);
    public static string Instant(string iso) => DanishFormat.Instant(iso);
    public static string Amount(decimal value) => DanishFormat.AmountFigure(value);
    public static string Period(DateOnly from, DateOnly? to) => DanishFormat.ShortPeriod(from, to);
    public static bool TryParseAmount(string? text, out decimal value) => DanishFormat.TryParseAmount(text, out value);
    public static string Input(decimal value) => DanishFormat.Input(value);

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
