using Dapper;
using Microsoft.Data.Sqlite;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Satser;
using Serviceloven.Store.Database;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Adversarial.Tests.Crash;

/// <summary>
/// The moment the random kills of CrashTests rarely hit: the process dies (here: the write fails) right after an
/// approval is committed and before its publication is written to the audit log. The publication and its audit
/// entries are one transaction, so either all of them are there or none.
/// </summary>
public sealed class AuditAtomicityTests : IDisposable
{
    private readonly LiveServer _server = new(smallRules: true);

    [Fact]
    public async Task A_publication_whose_audit_entry_cannot_be_written_is_not_published()
    {
        var versions = _server.Get<VersionRepository>();
        var latest = versions.ForRuleset(CrashHost.Ruleset).Where(v => v.Status == Status.Published).MaxBy(v => v.ValidFrom)!;
        var draft = _server.Get<DraftService>().CreateDraft(CrashHost.Editor, latest.Id, new DateOnly(2031, 1, 1));
        _server.Get<PublishingService>().Submit(CrashHost.Editor, draft.Id);
        FailAuditWritesOf("version.publish");

        await Assert.ThrowsAsync<SqliteException>(() => _server.Get<PublishingService>().ApproveAsync(CrashHost.Approver, draft.Id, null));

        Assert.Empty(DatabaseFile.AuditDisagreements(_server.DatabasePath));
        Assert.Equal(Status.InReview, versions.Get(draft.Id)!.Status);
    }

    [Fact]
    public void A_sats_approval_whose_audit_entry_cannot_be_written_is_not_published()
    {
        var revisions = _server.Get<RevisionRepository>();
        var series = revisions.LatestSatser().Single(s => s.Row.Key == CrashHost.SatsKey).Series;
        var id = _server.Get<SatsService>().CreateDraft(CrashHost.Editor, series with { Label = series.Label + " (ny revision)" }, "test", submit: true);
        FailAuditWritesOf("sats.publish");

        Assert.Throws<SqliteException>(() => _server.Get<SatsService>().Approve(CrashHost.Approver, id));

        Assert.Empty(DatabaseFile.AuditDisagreements(_server.DatabasePath));
        Assert.Equal(Status.InReview, revisions.GetSats(id)!.Status);
    }

    /// <summary>From now on an audit entry with this action cannot be written, as when the process dies right before it.</summary>
    private void FailAuditWritesOf(string action)
    {
        using var c = _server.Get<StoreDatabase>().Open();
        c.Execute($"CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = '{action}' BEGIN SELECT RAISE(ABORT, 'simuleret nedbrud'); END;");
    }

    public void Dispose() => _server.Dispose();
}
