using System.Globalization;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Review;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Publishing;

/// <summary>The result of an approval: published, or refused with the reasons in Danish.</summary>
public sealed record ApprovalResult(bool Published, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings)
{
    public static ApprovalResult Refused(params string[] reasons) => new(false, reasons, []);
}

/// <summary>
/// Four-eyes publishing of ruleset versions. The rules are enforced here, whatever calls it: only approvers approve,
/// nobody approves a draft they created, saved or submitted, and the publication gate must pass. The gate checks the
/// draft against the published state this node holds, brought up to date first; the publication counts only if no
/// other publication of the ruleset came in between, on any node (else a ConcurrencyConflictException).
/// </summary>
public sealed class PublishingService(VersionRepository versions, AuditLog audit, PublicationGate gate, SnapshotBuilder snapshots, SnapshotHolder holder)
{
    public VersionRow Submit(AdminUser me, long id)
    {
        DraftService.RequireEditor(me);
        return versions.Transition(id, Status.Draft, Status.InReview, me.Username, AuditActions.VersionSubmit, "Indsendt til godkendelse.");
    }

    public VersionRow Reject(AdminUser me, long id, string comment)
    {
        if (!me.IsApprover) throw new AdminForbiddenException("Kun godkendere kan sende en kladde tilbage.");
        if (string.IsNullOrWhiteSpace(comment)) throw new RefusedException("Skriv en kommentar til forfatteren.");
        return versions.Transition(id, Status.InReview, Status.Draft, me.Username, AuditActions.VersionReject, comment.Trim());
    }

    /// <summary>Everyone who created, saved or submitted the version; none of them may approve it.</summary>
    public IReadOnlySet<string> Authors(VersionRow row) => ReviewAuthors.Of(audit, AuditEntities.Version(row.RulesetId), row.Id,
        row.CreatedBy, row.UpdatedBy, row.SubmittedBy, AuditActions.DraftCreate, AuditActions.DraftSave, AuditActions.VersionSubmit);

    public async Task<ApprovalResult> ApproveAsync(AdminUser me, long id, string? comment)
    {
        var row = versions.Get(id) ?? throw new RefusedException($"Version {id} findes ikke.");
        var entity = AuditEntities.Version(row.RulesetId);
        if (!me.IsApprover)
        {
            audit.Write(me.Username, AuditActions.VersionApproveRefused, entity, id.ToString(CultureInfo.InvariantCulture), row.ContentHash, null, "Brugeren har ikke rollen godkender.");
            return ApprovalResult.Refused("Kun brugere med rollen godkender kan godkende.");
        }
        if (row.Status != Status.InReview)
            return ApprovalResult.Refused($"Versionen har status '{Common.Danish.Status(row.Status)}' og kan ikke godkendes nu.");
        if (Authors(row).Contains(me.Username))
        {
            audit.Write(me.Username, AuditActions.VersionApproveRefused, entity, id.ToString(CultureInfo.InvariantCulture), row.ContentHash, null, "Fire-øjne-princippet: egen kladde.");
            return ApprovalResult.Refused("Du kan ikke godkende en kladde, som du selv har oprettet, ændret eller indsendt. En anden godkender skal godkende den.");
        }
        var content = RulesJson.Deserialize<RulesetVersion>(row.ContentJson);
        // Another node may have published since this node's snapshot was built: check against the database's state.
        snapshots.RefreshIfBehind();
        var publishedBefore = holder.Current.Rulesets.TryGetValue(row.RulesetId, out var entry) ? entry.Versions.Count : 0;
        var report = await gate.CheckAsync(row.RulesetId, content, RulesJson.Deserialize<List<TestFile>>(row.TestsJson),
            RulesJson.Deserialize<List<TemplateFile>>(row.TemplatesJson));
        if (!report.IsValid)
        {
            var reasons = report.Errors.Select(Describe).ToList();
            audit.Write(me.Username, AuditActions.VersionApproveRefused, entity, id.ToString(CultureInfo.InvariantCulture), row.ContentHash, null,
                $"Valideringen fejlede: {reasons.Count} fejl. " + string.Join(" | ", reasons.Take(5)));
            return new ApprovalResult(false, reasons, report.Warnings.Select(Describe).ToList());
        }
        versions.Publish(id, publishedBefore, me.Username, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            new PublicationEntry(AuditActions.VersionPublish, $"{row.RulesetId} gældende fra {row.ValidFrom:dd-MM-yyyy} offentliggjort og taget i brug."));
        // Live at once here, without a restart (unless this node's watcher, woken by the publication, was quicker);
        // the other nodes follow on the publication's notification.
        snapshots.RefreshIfBehind();
        return new ApprovalResult(true, [], report.Warnings.Select(Describe).ToList());
    }

    public static string Describe(Engine.Validation.ValidationIssue i) => $"{i.Where}: {i.Message}";
}
