using System.Globalization;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Review;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Satser;

public sealed record SatsDraft(RevisionRow Row, SatsSeries Series);

/// <summary>Sats series through the same draft, submission and four-eyes approval as versions.</summary>
public sealed class SatsService(RevisionRepository revisions, PublishedRules published, SatsCoverage coverage, AuditLog audit, SnapshotBuilder snapshots,
    SnapshotHolder holder)
{
    public IReadOnlyList<SatsDraft> Pending() =>
        revisions.SatsWithStatus(Status.Draft).Concat(revisions.SatsWithStatus(Status.InReview))
            .Select(r => new SatsDraft(r, RulesJson.Deserialize<SatsSeries>(r.ContentJson))).ToList();

    /// <summary>Checks that the dated values make sense before anything is stored.</summary>
    public static List<string> Problems(SatsSeries series)
    {
        var problems = new List<string>();
        var values = series.Values.OrderBy(v => v.ValidFrom).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (string.IsNullOrWhiteSpace(v.Source)) problems.Add($"Værdien fra {v.ValidFrom:dd-MM-yyyy} mangler en kilde.");
            if (v.ValidTo is { } to && to < v.ValidFrom) problems.Add($"Værdien fra {v.ValidFrom:dd-MM-yyyy} slutter før den begynder.");
            if (v.Value < 0) problems.Add($"Værdien fra {v.ValidFrom:dd-MM-yyyy} er negativ.");
            if (i + 1 < values.Count)
            {
                var next = values[i + 1];
                if (next.ValidFrom == v.ValidFrom) problems.Add($"To værdier gælder fra {v.ValidFrom:dd-MM-yyyy}.");
                else if (v.ValidTo is { } end && end >= next.ValidFrom) problems.Add($"Værdien fra {v.ValidFrom:dd-MM-yyyy} overlapper værdien fra {next.ValidFrom:dd-MM-yyyy}.");
            }
        }
        return problems;
    }

    /// <summary>The open revision of a series (a draft, possibly sent back, or one in review), if any.</summary>
    public SatsDraft? Open(string key) => revisions.OpenSats(key) is { } row ? new SatsDraft(row, RulesJson.Deserialize<SatsSeries>(row.ContentJson)) : null;

    /// <summary>
    /// A new draft of a series. Refused while the series has an open draft: approving one of two drafts would silently
    /// drop the other's values, so the open one is edited (or deleted) instead.
    /// </summary>
    public long CreateDraft(AdminUser me, SatsSeries series, string detail, bool submit)
    {
        if (!me.IsEditor) throw new AdminForbiddenException("Kun redaktører kan ændre satser.");
        var sorted = Checked(series);
        if (revisions.OpenSats(series.Key) is { } open)
            throw new RefusedException($"Satsen {series.Key} har allerede en {Common.Danish.Status(open.Status)} (nr. {open.Id}, oprettet af {open.CreatedBy}). Ret eller slet den i stedet for at oprette en ny.");
        var basedOn = published.Catalogs().SatsRevisions.FirstOrDefault(s => s.Row.Key == series.Key).Row?.Id;
        var id = revisions.CreateSatsDraft(sorted, basedOn, me.Username, detail);
        if (submit) revisions.TransitionSats(id, Status.Draft, Status.InReview, me.Username, AuditActions.SatsSubmit, "Indsendt til godkendelse.");
        return id;
    }

    /// <summary>Saves new values into an existing draft (also one sent back), if nobody saved it since <paramref name="revision"/>.</summary>
    public RevisionRow SaveDraft(AdminUser me, long id, long revision, SatsSeries series, bool submit)
    {
        if (!me.IsEditor) throw new AdminForbiddenException("Kun redaktører kan ændre satser.");
        var saved = revisions.SaveSatsDraft(id, revision, Checked(series), me.Username);
        return submit ? revisions.TransitionSats(id, Status.Draft, Status.InReview, me.Username, AuditActions.SatsSubmit, "Indsendt til godkendelse.") : saved;
    }

    /// <summary>Deletes a draft (e.g. one sent back that is not to be pursued); one in review must be sent back first.</summary>
    public void DeleteDraft(AdminUser me, long id, long revision)
    {
        if (!me.IsEditor) throw new AdminForbiddenException("Kun redaktører kan slette satskladder.");
        revisions.DeleteSatsDraft(id, revision, me.Username);
    }

    private static SatsSeries Checked(SatsSeries series)
    {
        var sorted = series with { Values = series.Values.OrderBy(v => v.ValidFrom).ToList() };
        var problems = Problems(sorted);
        if (problems.Count > 0) throw new RefusedException(string.Join(" ", problems));
        return sorted;
    }

    /// <summary>Everyone who created, saved or submitted the revision; none of them may approve it.</summary>
    public IReadOnlySet<string> Authors(RevisionRow row) => ReviewAuthors.Of(audit, AuditEntities.Sats(row.Key), row.Id,
        row.CreatedBy, row.UpdatedBy, row.SubmittedBy, AuditActions.SatsDraft, AuditActions.SatsSave, AuditActions.SatsSubmit);

    public void Submit(AdminUser me, long id)
    {
        if (!me.IsEditor) throw new AdminForbiddenException("Kun redaktører kan indsende satser.");
        revisions.TransitionSats(id, Status.Draft, Status.InReview, me.Username, AuditActions.SatsSubmit, "Indsendt til godkendelse.");
    }

    public ApprovalResult Approve(AdminUser me, long id)
    {
        var row = revisions.GetSats(id) ?? throw new RefusedException($"Satsrevision {id} findes ikke.");
        if (!me.IsApprover) return ApprovalResult.Refused("Kun brugere med rollen godkender kan godkende.");
        if (row.Status != Status.InReview) return ApprovalResult.Refused("Satsen er ikke indsendt til godkendelse.");
        if (Authors(row).Contains(me.Username))
        {
            audit.Write(me.Username, AuditActions.SatsApproveRefused, AuditEntities.Sats(row.Key), id.ToString(CultureInfo.InvariantCulture), row.ContentHash, null, "Fire-øjne-princippet: egen kladde.");
            return ApprovalResult.Refused("Du kan ikke godkende en sats, som du selv har oprettet, ændret eller indsendt.");
        }
        var series = RulesJson.Deserialize<SatsSeries>(row.ContentJson);
        snapshots.RefreshIfBehind();
        var publishedBefore = holder.Current.SatsRevisions.Count(s => s.Key == row.Key);
        var report = coverage.Check(series);
        var problems = Problems(series).Concat(report.Errors.Select(e => $"{e.Ruleset} fra {e.Version:dd-MM-yyyy}: {e.Message}")).ToList();
        var warnings = report.Warnings.Select(w => $"{w.Ruleset} fra {w.Version:dd-MM-yyyy}: {w.Message}").Distinct().ToList();
        if (problems.Count > 0)
        {
            audit.Write(me.Username, AuditActions.SatsApproveRefused, AuditEntities.Sats(row.Key), id.ToString(CultureInfo.InvariantCulture), row.ContentHash, null, string.Join(" ", problems));
            return new ApprovalResult(false, problems, warnings);
        }
        revisions.PublishSats(id, publishedBefore, me.Username, null,
            new PublicationEntry(AuditActions.SatsPublish, $"Satsen {row.Key} offentliggjort og taget i brug."));
        snapshots.RefreshIfBehind();
        return new ApprovalResult(true, [], warnings);
    }

    public void Reject(AdminUser me, long id, string comment)
    {
        if (!me.IsApprover) throw new AdminForbiddenException("Kun godkendere kan sende en sats tilbage.");
        if (string.IsNullOrWhiteSpace(comment)) throw new RefusedException("Skriv en kommentar.");
        revisions.TransitionSats(id, Status.InReview, Status.Draft, me.Username, AuditActions.SatsReject, comment.Trim());
    }
}
