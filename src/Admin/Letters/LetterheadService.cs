using Serviceloven.Admin.Auth;
using Serviceloven.Engine.Letters;
using Serviceloven.Runtime.Letters;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Letters;

namespace Serviceloven.Admin.Letters;

/// <summary>
/// The municipalities' letterheads in the admin: only administrators change them; every save is a new revision with an
/// audit entry, and the letters use it from the next evaluation on (the catalog is reloaded, no restart).
/// </summary>
public sealed class LetterheadService(LetterheadRepository letterheads, LetterheadCatalog catalog, ApiClientRepository apiClients)
{
    public IReadOnlyList<PublishedLetterhead> Latest() => catalog.Latest();

    public IReadOnlyList<PublishedLetterhead> History(string key) =>
        catalog.Revisions.Where(r => r.Key == key).OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();

    /// <summary>The letterhead previews use: the default one (as for an API key without one).</summary>
    public Letterhead? Default() => catalog.For(null);

    public Letterhead? Find(string? key) => key is null ? null : catalog.Latest().FirstOrDefault(r => r.Key == key)?.Content;

    /// <summary>Saves; false when nothing had changed. Throws ArgumentException with the problems, by field, in Danish.</summary>
    public bool Save(AdminUser me, Letterhead letterhead)
    {
        Require(me);
        var trimmed = Trim(letterhead);
        var problems = trimmed.Problems();
        if (problems.Count > 0) throw new LetterheadInvalidException(problems);
        var changed = letterheads.Save(trimmed, me.Username);
        catalog.Reload();
        return changed;
    }

    public IReadOnlyList<ApiClientRow> ApiClients(AdminUser me) { Require(me); return apiClients.List(); }

    public void SetApiClientLetterhead(AdminUser me, long clientId, string? key)
    {
        Require(me);
        letterheads.SetApiClientLetterhead(clientId, string.IsNullOrWhiteSpace(key) ? null : key, me.Username);
    }

    private static Letterhead Trim(Letterhead l) => l with
    {
        Key = l.Key.Trim(),
        Name = l.Name.Trim(),
        SigningUnit = l.SigningUnit.Trim(),
        Address = Lines(l.Address),
        Contact = Lines(l.Contact),
        ComplaintAddress = Lines(l.ComplaintAddress),
        ReplyDeadline = string.IsNullOrWhiteSpace(l.ReplyDeadline) ? null : l.ReplyDeadline.Trim(),
        Logo = l.Logo is { } logo ? logo with { AltText = logo.AltText.Trim() } : null,
    };

    /// <summary>Text typed one line each: blank lines and surrounding spaces go.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<string> lines) =>
        lines.SelectMany(l => l.Replace("\r", "").Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static void Require(AdminUser me)
    {
        if (!me.IsAdministrator) throw new AdminForbiddenException("Kun administratorer kan ændre brevhoveder.");
    }
}

/// <summary>A letterhead that cannot be saved, with the problem of each field.</summary>
public sealed class LetterheadInvalidException(IReadOnlyDictionary<string, string> problems)
    : Store.Refusals.RefusedException(string.Join(" ", problems.Values))
{
    public IReadOnlyDictionary<string, string> Problems { get; } = problems;
}
