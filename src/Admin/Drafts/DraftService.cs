using System.Text.Json;
using Serviceloven.Admin.Auth;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Drafts;

/// <summary>The outcome of a save: the saved row, or a conflict with the row someone else saved.</summary>
public sealed record SaveResult(VersionRow? Saved, string? Conflict, VersionRow? Current)
{
    public bool Ok => Saved is not null;
}

/// <summary>Creating and saving drafts. Saving never overwrites another person's save (optimistic concurrency).</summary>
public sealed class DraftService(VersionRepository versions)
{
    public VersionRow? Get(long id) => versions.Get(id);

    public VersionRow CreateDraft(AdminUser me, long fromId, DateOnly validFrom)
    {
        RequireEditor(me);
        var from = versions.Get(fromId) ?? throw new RefusedException($"Version {fromId} findes ikke.");
        var content = RulesJson.Deserialize<RulesetVersion>(from.ContentJson) with { ValidFrom = validFrom, ValidTo = null, ChangeNote = null };
        var json = JsonSerializer.Serialize(content, RulesJson.Canonical);
        return versions.CreateDraft(from, validFrom, json, ContentHash.OfText(json), me.Username);
    }

    public SaveResult Save(AdminUser me, DraftDocument doc)
    {
        RequireEditor(me);
        var json = doc.ContentJson();
        try
        {
            var saved = versions.SaveDraft(doc.Row.Id, doc.Row.Revision, doc.Version.ValidFrom, doc.Version.ValidTo, json, ContentHash.OfText(json),
                doc.TestsJson(), doc.TemplatesJson(), me.Username);
            return new SaveResult(saved, null, null);
        }
        catch (ConcurrencyConflictException ex)
        {
            return new SaveResult(null, ex.Message, ex.Current);
        }
    }

    internal static void RequireEditor(AdminUser me)
    {
        if (!me.IsEditor) throw new AdminForbiddenException("Kun redaktører kan oprette og ændre kladder.");
    }
}
