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
}
