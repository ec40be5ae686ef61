using System.Globalization;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>Drafts, conflicts and four-eyes publishing through the services, as any endpoint or page must use them.</summary>
[Collection(ServerCollection.Name)]
public sealed class PublishingTests(AdminServerFactory factory)
{
    private VersionRow PublishedOf(string ruleset) =>
        factory.Get<VersionRepository>().ForRuleset(ruleset).Last(v => v.Status == Status.Published);

    [Fact]
    public async Task Nobody_approves_their_own_draft_and_a_second_approver_publishes_it_live()
    {
        var anna = factory.User("anna", Roles.Editor, Roles.Approver);
        var bo = factory.User("bo", Roles.Approver);
        var drafts = factory.Get<DraftService>();
        var publishing = factory.Get<PublishingService>();

        var draft = drafts.CreateDraft(anna, PublishedOf("sel-97").Id, new DateOnly(2026, 1, 1));
        var doc = DraftDocument.Open(draft);
        doc.Version.ChangeNote = "Ny version fra 2026.";
        Assert.True(drafts.Save(anna, doc).Ok);
        publishing.Submit(anna, draft.Id);

        var own = await publishing.ApproveAsync(anna, draft.Id, null);
        Assert.False(own.Published);
        Assert.Contains("selv", own.Reasons[0]);
        var notApprover = await publishing.ApproveAsync(factory.User("cecilie", Roles.Editor), draft.Id, null);
        Assert.False(notApprover.Published);
        Assert.Equal(Status.InReview, drafts.Get(draft.Id)!.Status);

        var approved = await publishing.ApproveAsync(bo, draft.Id, "Ser rigtigt ud.");
        Assert.True(approved.Published, string.Join("; ", approved.Reasons));
        Assert.Equal(Status.Published, drafts.Get(draft.Id)!.Status);

        // Live at once, exactly as the API answers: the new version from 2026, the old one before.
        Assert.Equal("2026-01-01", await AnsweringVersionAsync("sel-97", "2026-02-01"));
        Assert.Equal("2018-02-01", await AnsweringVersionAsync("sel-97", "2025-12-31"));

        var audit = factory.Get<AuditLog>().Query(new AuditFilter(Entity: "version:sel-97")).Where(e => e.EntityId == draft.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(audit, e => e.Action == "version.approve.refused" && e.Actor == "anna");
        Assert.Contains(audit, e => e.Action == "version.approve" && e.Actor == "bo");
        Assert.Contains(audit, e => e.Action == "version.publish" && e.AfterHash == drafts.Get(draft.Id)!.ContentHash);
    }

    [Fact]
    public async Task Approval_runs_the_gate_and_refuses_a_version_whose_test_cases_fail()
    {
        var anna = factory.User("anna", Roles.Editor, Roles.Approver);
        var bo = factory.User("bo", Roles.Approver);
        var drafts = factory.Get<DraftService>();
        // A correction of the published version (same validFrom), so every worked case runs against it.
        var draft = drafts.CreateDraft(anna, PublishedOf("sel-98").Id, PublishedOf("sel-98").ValidFrom);
        var doc = DraftDocument.Open(draft);
        // Every row now decides the first declared outcome, so the worked cases expecting another one fail.
        var outcomeTable = doc.Version.Tables.First(t => t.Outputs.Any(o => o.Name == doc.Version.Original.Outcome));
        var column = outcomeTable.Outputs.FindIndex(o => o.Name == doc.Version.Original.Outcome);
        foreach (var row in outcomeTable.Rows) row.Then[column] = $"\"{outcomeTable.Outputs[column].Values![0].Value}\"";
        Assert.True(drafts.Save(anna, doc).Ok);
        factory.Get<PublishingService>().Submit(anna, draft.Id);

        var result = await factory.Get<PublishingService>().ApproveAsync(bo, draft.Id, null);
        Assert.False(result.Published);
        Assert.True(result.Reasons.Any(r => r.StartsWith("test ", StringComparison.Ordinal)), string.Join("\n", result.Reasons));
        Assert.Equal(Status.InReview, drafts.Get(draft.Id)!.Status);
        Assert.Equal(PublishedOf("sel-98").Id, await AnsweringVersionIdAsync("sel-98", "2026-02-01"));
    }

    [Fact]
    public async Task The_gate_refuses_a_gap_in_the_timeline()
    {
        var anna = factory.User("anna", Roles.Editor, Roles.Approver);
        var drafts = factory.Get<DraftService>();
        var published = PublishedOf("sel-104");
        var draft = drafts.CreateDraft(anna, published.Id, published.ValidFrom.AddYears(-1));
        var doc = DraftDocument.Open(draft);
        doc.Version.ValidTo = published.ValidFrom.AddDays(-10);
        var report = await factory.Get<PublicationGate>().CheckAsync("sel-104", doc.Content(), doc.Tests, doc.TemplateFiles());
        Assert.Contains(report.Errors, e => e.Where == "tidslinje" && e.Message.StartsWith("Hul i tidslinjen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_test_run_of_a_published_versions_content_takes_the_version_compiled_for_the_snapshot()
    {
        // The diff view runs the published version's own content; the runtime's one cache already holds it compiled.
        var published = factory.Get<SnapshotHolder>().Current.Timeline("sel-98")[^1].Item;
        var run = await factory.Get<TestRunService>().RunAsync("sel-98", published.Compiled.Content, [], factory.Get<PublishedRules>().Catalogs());
        Assert.Same(published.Compiled, run.Candidate);
    }

    [Fact]
    public void A_second_save_of_the_same_draft_gets_a_conflict_with_the_current_row()
    {
        var anna = factory.User("anna", Roles.Editor, Roles.Approver);
        var david = factory.User("david", Roles.Editor);
        var drafts = factory.Get<DraftService>();
        var draft = drafts.CreateDraft(anna, PublishedOf("sel-104").Id, new DateOnly(2026, 7, 1));
        var mine = DraftDocument.Open(draft);
        var theirs = DraftDocument.Open(draft);
        mine.Version.Facts[0].Label = "Annas betegnelse";
        theirs.Version.Facts[0].Label = "Davids betegnelse";

        Assert.True(drafts.Save(anna, mine).Ok);
        var conflict = drafts.Save(david, theirs);
        Assert.False(conflict.Ok);
        Assert.Contains("anna", conflict.Conflict);
        Assert.Contains("Annas betegnelse", conflict.Current!.ContentJson);
        Assert.Contains("Annas betegnelse", drafts.Get(draft.Id)!.ContentJson);
    }

    [Fact]
    public void An_approver_sends_a_draft_back_with_a_comment_the_author_sees()
    {
        var anna = factory.User("anna", Roles.Editor, Roles.Approver);
        var bo = factory.User("bo", Roles.Approver);
        var drafts = factory.Get<DraftService>();
        var publishing = factory.Get<PublishingService>();
        var draft = drafts.CreateDraft(anna, PublishedOf("sel-97").Id, new DateOnly(2031, 1, 1));
        publishing.Submit(anna, draft.Id);
        Assert.Throws<RefusedException>(() => publishing.Reject(bo, draft.Id, " "));
        Assert.Throws<Auth.AdminForbiddenException>(() => publishing.Reject(factory.User("cecilie", Roles.Editor), draft.Id, "nej"));

        var back = publishing.Reject(bo, draft.Id, "Ret henvisningen i R97-01.");
        Assert.Equal(Status.Draft, back.Status);
        Assert.Equal("Ret henvisningen i R97-01.", back.ReviewComment);
        // Back in draft, the author may save again.
        Assert.True(drafts.Save(anna, DraftDocument.Open(back)).Ok);
        Assert.Contains(factory.Get<AuditLog>().Query(new AuditFilter(Actor: "bo", Action: "version.reject")), e => e.EntityId == draft.Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Only_editors_create_and_save_drafts()
    {
        var bo = factory.User("bo", Roles.Approver);
        Assert.Throws<Auth.AdminForbiddenException>(() => factory.Get<DraftService>().CreateDraft(bo, PublishedOf("sel-97").Id, new DateOnly(2030, 1, 1)));
    }

    private async Task<long> AnsweringVersionIdAsync(string ruleset, string date)
    {
        var outcome = await factory.Get<EvaluationService>().EvaluateAsync(Request(ruleset, date), CancellationToken.None);
        return outcome.Response!.Version.Id;
    }

    private async Task<string> AnsweringVersionAsync(string ruleset, string date)
    {
        var outcome = await factory.Get<EvaluationService>().EvaluateAsync(Request(ruleset, date), CancellationToken.None);
        Assert.True(outcome.Response is not null, outcome.Failure?.ToString());
        return outcome.Response.Version.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The request an external system would send, with no facts: enough to see which version answers.</summary>
    private static EvaluationRequest Request(string ruleset, string date) =>
        new() { Ruleset = ruleset, DecisionDate = DateOnly.ParseExact(date, "yyyy-MM-dd"), Facts = [] };
}
