using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Satser;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// Four eyes through the pages: whoever wrote a draft or a sats revision, holding the approver role too, clicks the
/// approve buttons (the version's and the sats list's "approve all") and nothing is published; someone else can.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SelfApprovalPageTests : BunitContext
{
    private readonly AdminServerFactory _factory;

    public SelfApprovalPageTests(AdminServerFactory factory)
    {
        _factory = factory;
        Services.AddFallbackServiceProvider(factory.Services);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private void SignIn(string user, params string[] roles)
    {
        _factory.User(user, roles);
        var auth = AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(roles);
    }

    [Fact]
    public void The_author_of_a_draft_clicks_approve_on_its_page_and_it_is_not_published()
    {
        var author = _factory.User("forfatter-ui", Roles.Editor, Roles.Approver);
        var latest = _factory.Get<VersionRepository>().ForRuleset("sel-97").Where(v => v.Status == Status.Published).MaxBy(v => v.ValidFrom)!;
        var drafts = _factory.Get<DraftService>();
        var draft = drafts.CreateDraft(author, latest.Id, new DateOnly(2039, 7, 1));
        var doc = DraftDocument.Open(draft);
        doc.Version.ChangeNote = "Egen kladde.";
        Assert.True(drafts.Save(author, doc).Ok);
        _factory.Get<PublishingService>().Submit(author, draft.Id);

        SignIn("forfatter-ui", Roles.Editor, Roles.Approver);
        var cut = Render<VersionPage>(p => p.Add(x => x.Id, draft.Id));
        cut.Find("#approve").Click();
        cut.WaitForAssertion(() => Assert.Contains("selv har oprettet", cut.Markup));
        Assert.Equal(Status.InReview, drafts.Get(draft.Id)!.Status);
    }

    [Fact]
    public void The_author_of_a_sats_revision_clicks_approve_all_and_it_is_not_published()
    {
        var satser = _factory.Get<SatsService>();
        var revisions = _factory.Get<RevisionRepository>();
        var series = revisions.LatestSatser().Select(s => s.Series).First(s => satser.Open(s.Key) is null);
        var author = _factory.User("sats-forfatter-ui", Roles.Editor, Roles.Approver);
        var id = satser.CreateDraft(author, series with { Label = series.Label + " (egen)" }, "test", submit: true);

        SignIn("sats-forfatter-ui", Roles.Editor, Roles.Approver);
        var cut = Render<SatserPage>();
        cut.Find("#approve-all-sats").Click();
        Assert.Contains("selv har oprettet", cut.Find("#sats-refused").TextContent);
        Assert.Equal(Status.InReview, revisions.GetSats(id)!.Status);
        // Cleared for the other tests of the shared server.
        satser.Reject(_factory.User("anden-godkender-ui", Roles.Approver), id, "Ryddet op.");
        satser.DeleteDraft(author, id, revisions.GetSats(id)!.Revision);
    }
}
