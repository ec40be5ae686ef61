using System.Globalization;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
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

    public long CreateDraft(AdminUser me, SatsSeries series, string detail, bool submit)
    {
        if (!me.IsEditor) throw new AdminForbiddenException("Kun redaktører kan ændre satser.");
        var sorted = series with { Values = series.Values.OrderBy(v => v.ValidFrom).ToList() };
        var problems = Problems(sorted);
        if (problems.Count > 0) throw new RefusedException(string.Join(" ", problems));
        var basedOn = published.Catalogs().SatsRevisions.FirstOrDefault(s => s.Row.Key == series.Key).Row?.Id;
        var id = revisions.CreateSatsDraft(sorted, basedOn, me.Username, detail);
        if (submit) revisions.TransitionSats(id, Status.Draft, Status.InReview, me.Username, AuditActions.SatsSubmit, "Indsendt til godkendelse.");
        return id;
    }

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
        if (string.Equals(row.CreatedBy, me.Username, StringComparison.OrdinalIgnoreCase) || string.Equals(row.SubmittedBy, me.Username, StringComparison.OrdinalIgnoreCase))
        {
            audit.Write(me.Username, AuditActions.SatsApproveRefused, AuditEntities.Sats(row.Key), id.ToString(CultureInfo.InvariantCulture), row.ContentHash, null, "Fire-øjne-princippet: egen kladde.");
            return ApprovalResult.Refused("Du kan ikke godkende en sats, som du selv har oprettet eller indsendt.");
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
        revisions.PublishSats(id, publishedBefore, me.Username);
        audit.Write(me.Username, AuditActions.SatsPublish, AuditEntities.Sats(row.Key), id.ToString(CultureInfo.InvariantCulture), null, row.ContentHash, $"Satsen {row.Key} offentliggjort og taget i brug.");
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
