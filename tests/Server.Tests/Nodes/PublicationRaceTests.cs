using System.Text.Json;
using Dapper;
using Npgsql;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;
using Microsoft.Extensions.DependencyInjection;

namespace Serviceloven.Server.Tests.Nodes;

/// <summary>
/// Two approvers on two nodes approve two drafts of one ruleset for the same validity slot at the same moment. The
/// test holds back both publications in the database until both approvals have passed their checks and are writing
/// (a lock on the publications table), then lets them go: exactly one wins, the other is a clear conflict, and the
/// published timeline has one version for the slot, no overlap.
/// </summary>
[Trait("Provider", "postgres")]
[Collection(NodesCollection.Name)]
public sealed class PublicationRaceTests : IDisposable
{
    private static readonly DateOnly Slot = new(2031, 1, 1);
    private readonly TestDatabase _database = TestDatabase.Create(TestDatabase.Postgres);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_approvers_on_two_nodes_one_wins_one_conflict_no_overlap()
    {
        using var nodeA = RulesServerFactory.Over(_database);
        using var nodeB = RulesServerFactory.Over(_database);
        _ = nodeA.Services;
        _ = nodeB.Services;
        var editor = new AdminUser("anna", "Anna", new HashSet<string> { Roles.Editor });
        var versions = nodeA.Services.GetRequiredService<VersionRepository>();
        var first = Draft(nodeA, versions, editor, "Godkenders A's udgave.");
        var second = Draft(nodeA, versions, editor, "Godkenders B's udgave.");

        Task<ApprovalResult> approveOnA, approveOnB;
        await using (var holder = new NpgsqlConnection(_database.Options.ConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            // SHARE lets both nodes read everything and write their version rows, but not insert a publication.
            await holder.ExecuteAsync("LOCK TABLE publications IN SHARE MODE", transaction: hold);
            approveOnA = Task.Run(() => nodeA.Services.GetRequiredService<PublishingService>().ApproveAsync(Approver("bo"), first, null));
            approveOnB = Task.Run(() => nodeB.Services.GetRequiredService<PublishingService>().ApproveAsync(Approver("carl"), second, null));
            await WaitForWaitingPublishersAsync(holder, 2, approveOnA, approveOnB);
            await hold.CommitAsync();
        }

        var outcomes = await Task.WhenAll(Outcome(approveOnA), Outcome(approveOnB));
        Assert.Single(outcomes, o => o.Result is { Published: true });
        var conflict = Assert.Single(outcomes, o => o.Conflict is not null).Conflict!;
        Assert.Contains("sel-97 blev offentliggjort af en anden", conflict.Message);

        var inSlot = versions.ForRuleset("sel-97").Where(v => v.ValidFrom == Slot).ToList();
        Assert.Single(inSlot, v => v.Status == Status.Published);
        Assert.Single(inSlot, v => v.Status == Status.InReview);
        var published = versions.Published().Where(v => v.RulesetId == "sel-97")
            .Select(v => new VersionCandidate<RulesetVersion>(v.ValidFrom, v.ValidTo, v.PublishedAt, RulesJson.Deserialize<RulesetVersion>(v.ContentJson), v.Id));
        var report = new ValidationReport();
        VersionValidator.CheckTimeline("sel-97", VersionResolver.Timeline(published, null).Select(c => c.Item).ToList(), report);
        Assert.True(report.IsValid, string.Join(" ", report.Errors.Select(e => e.Message)));

        // Both nodes end on the same publication: the winner's node at once, the other by notification.
        var latest = nodeA.Services.GetRequiredService<PublicationLog>().LatestId();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        // Either may have won, so wait for both (the loser learns of the winner's publication by its NOTIFY).
        while ((nodeA.Snapshots.Current.PublicationId != latest || nodeB.Snapshots.Current.PublicationId != latest) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(latest, nodeA.Snapshots.Current.PublicationId);
        Assert.Equal(latest, nodeB.Snapshots.Current.PublicationId);
    }

    private static AdminUser Approver(string name) => new(name, name, new HashSet<string> { Roles.Approver });

    private static long Draft(RulesServerFactory node, VersionRepository versions, AdminUser editor, string note)
    {
        var from = versions.Published().Where(v => v.RulesetId == "sel-97").OrderBy(v => v.ValidFrom).Last();
        var content = RulesJson.Deserialize<RulesetVersion>(from.ContentJson) with { ValidFrom = Slot, ValidTo = null, ChangeNote = note };
        var json = JsonSerializer.Serialize(content, RulesJson.Canonical);
        var draft = versions.CreateDraft(from, Slot, json, ContentHash.OfText(json), editor.Username);
        return node.Services.GetRequiredService<PublishingService>().Submit(editor, draft.Id).Id;
    }

    private static async Task<(ApprovalResult? Result, ConcurrencyConflictException? Conflict)> Outcome(Task<ApprovalResult> approval)
    {
        try
        {
            return (await approval, null);
        }
        catch (ConcurrencyConflictException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Waits until both publishers are blocked on the publications table (or one has failed before getting there).</summary>
    private static async Task WaitForWaitingPublishersAsync(NpgsqlConnection connection, int count, params Task[] approvals)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var waiting = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_locks WHERE relation = 'publications'::regclass AND NOT granted");
            if (waiting >= count) return;
            if (approvals.FirstOrDefault(a => a.IsCompleted) is { } done)
                throw new Xunit.Sdk.XunitException($"En godkendelse blev færdig, før begge ventede på databasen: {done.Exception?.GetBaseException().Message ?? "uden fejl"}.");
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("Begge godkendelser nåede ikke frem til offentliggørelsen inden for to minutter.");
    }
}
