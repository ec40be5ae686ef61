using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Adversarial.Tests.Crash;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Satser;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Adversarial.Tests.Access;

/// <summary>
/// Four eyes through every path the services offer: whoever created, saved or submitted a version, or created or
/// submitted a sats revision, cannot approve it, whether from another session, with the name in other letters, or
/// holding every role. (User names cannot be renamed; the store keeps them unique without regard to case.)
/// </summary>
public sealed class SelfApprovalTests : IDisposable
{
    private readonly LiveServer _server = new(smallRules: true);

    private static AdminUser User(string name, string? session = null) =>
        new(name, name, new HashSet<string> { Roles.Editor, Roles.Approver, Roles.Administrator }, session);

    private VersionRow LatestPublished() =>
        _server.Get<VersionRepository>().ForRuleset(CrashHost.Ruleset).Where(v => v.Status == Status.Published).MaxBy(v => v.ValidFrom)!;

    [Theory]
    [InlineData("creator")]
    [InlineData("saver")]
    [InlineData("submitter")]
    public async Task Whoever_touched_a_version_cannot_approve_it_from_another_session_or_in_other_letters(string role)
    {
        var drafts = _server.Get<DraftService>();
        var publishing = _server.Get<PublishingService>();
        var (creator, saver, submitter) = ("anna", "bo", "carl");
        var draft = drafts.CreateDraft(User(creator), LatestPublished().Id, new DateOnly(2032, 1, 1));
        var doc = DraftDocument.Open(draft);
        doc.Version.ChangeNote = "Ændret af en anden.";
        Assert.True(drafts.Save(User(saver), doc).Ok);
        publishing.Submit(User(submitter), draft.Id);
        var me = role switch { "creator" => creator, "saver" => saver, _ => submitter };

        foreach (var attempt in new[] { User(me, "anden-session"), User(me.ToUpperInvariant(), "tredje-session") })
        {
            var result = await publishing.ApproveAsync(attempt, draft.Id, null);
            Assert.False(result.Published, $"{attempt.Username} ({role}) godkendte sin egen kladde");
        }
        Assert.Equal(Status.InReview, drafts.Get(draft.Id)!.Status);
        // Someone who never touched it can.
        Assert.True((await publishing.ApproveAsync(User("dorte"), draft.Id, null)).Published);
    }

    [Theory]
    [InlineData("creator")]
    [InlineData("saver")]
    [InlineData("submitter")]
    public void Whoever_created_saved_or_submitted_a_sats_revision_cannot_approve_it(string role)
    {
        var satser = _server.Get<SatsService>();
        var revisions = _server.Get<RevisionRepository>();
        var series = revisions.LatestSatser().Single(s => s.Row.Key == CrashHost.SatsKey).Series;
        var id = satser.CreateDraft(User("anna"), series with { Label = series.Label + " (ny)" }, "test", submit: false);
        satser.SaveDraft(User("bo"), id, revisions.GetSats(id)!.Revision, series with { Label = series.Label + " (gemt)" }, submit: false);
        satser.Submit(User("carl"), id);
        var me = role switch { "creator" => "anna", "saver" => "bo", _ => "carl" };

        foreach (var attempt in new[] { User(me, "anden-session"), User(me.ToUpperInvariant()) })
            Assert.False(satser.Approve(attempt, id).Published, $"{attempt.Username} ({role}) godkendte sin egen sats");
        Assert.Equal(Status.InReview, revisions.GetSats(id)!.Status);
        Assert.True(satser.Approve(User("dorte"), id).Published);
    }

    [Theory]
    [InlineData("ANNA")]
    [InlineData(" anna ")]
    [InlineData("Anna")]
    public void No_second_account_under_the_same_name_in_other_letters_can_be_made_to_approve_with(string name)
    {
        // Authorship is by user name, compared without regard to case; a name cannot be changed, and a second account
        // under the same name in other letters or with spaces around it is refused, so no account can pass for another.
        var users = _server.Get<UserAdministration>();
        users.Create(User("admin"), "anna", "Anna", "En-lang-kode-12345", [Roles.Editor, Roles.Approver]);
        Assert.Throws<Store.Refusals.RefusedException>(() => users.Create(User("admin"), name, "Anna igen", "En-lang-kode-12345", [Roles.Approver]));
        Assert.DoesNotContain(typeof(UserRepository).GetMethods().Concat(typeof(UserAdministration).GetMethods()),
            m => m.Name.Contains("Rename", StringComparison.OrdinalIgnoreCase) || m.Name.Contains("SetUsername", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _server.Dispose();
}
