using System.Globalization;
using Serviceloven.Store.Audit;

namespace Serviceloven.Store.Review;

/// <summary>
/// The four-eyes rule's "authors" of a version or sats revision under review: whoever created, saved or submitted it,
/// by the row's own columns and by the audit log (a draft saved by several people names only the last one in its row).
/// None of them may approve it.
/// </summary>
public static class ReviewAuthors
{
    public static IReadOnlySet<string> Of(AuditLog audit, string entity, long id, string createdBy, string? updatedBy, string? submittedBy,
        params string[] authoringActions)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { createdBy };
        if (updatedBy is { } u) names.Add(u);
        if (submittedBy is { } s) names.Add(s);
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        foreach (var e in audit.Query(new AuditFilter(Entity: entity, Limit: 100_000)))
            if (e.EntityId == entityId && authoringActions.Contains(e.Action)) names.Add(e.Actor);
        return names;
    }
}
