using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Satser;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>bUnit tests of whole pages over the real services (store on a temp file), signed in with given roles.</summary>
[Collection(ServerCollection.Name)]
public sealed class PageTests : BunitContext
{
    private readonly AdminServerFactory _factory;

    public PageTests(AdminServerFactory factory)
    {
        _factory = factory;
        Services.AddSingleton(factory.Get<SatsService>());
        Services.AddSingleton(factory.Get<PublishedRules>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(factory.Get<UserRepository>());
    }

    private void SignIn(string user, params string[] roles)
    {
        _factory.User(user, roles);
        var auth = AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(roles);
    }

    [Fact]
    public void The_regulation_wizard_proposes_rounds_lets_the_lawyer_adjust_and_submits_drafts()
    {
        SignIn("gustav", Roles.Editor);
        var cut = Render<RegulationWizardPage>();
        cut.Find("#reg-year").Change("2018");
        cut.Find("#reg-pct").Change("2,5");
        var line = cut.Find("tr[data-sats='sel-97.aarligtBeloeb']");
        Assert.Contains("866", line.TextContent);
        Assert.Contains("887,65", line.TextContent);

        cut.Find("input[aria-label='Ny værdi for sel-97.aarligtBeloeb']").Change("888");
        Assert.Contains("rettet", cut.Find("tr[data-sats='sel-97.aarligtBeloeb']").TextContent);
        // A series without last year's value is left out until someone types a value.
        Assert.False(cut.Find("input[aria-label='Medtag sel-161.timebetalingMaks']").HasAttribute("checked"));

        cut.Find("#regulation-submit").Click();
        Assert.Contains("1 sats(er) er sendt til godkendelse", cut.Find(".notice.ok").TextContent);
        var pending = _factory.Get<SatsService>().Pending().Single(p => p.Row.CreatedBy == "gustav");
        Assert.Equal(Status.InReview, pending.Row.Status);
        var value = pending.Series.Values.Single(v => v.ValidFrom == new DateOnly(2018, 1, 1));
        Assert.Equal(888m, value.Value);
        Assert.Equal(new DateOnly(2018, 12, 31), value.ValidTo);
        Assert.Contains("887,65", value.Note);
    }

    [Fact]
    public void The_sats_editor_opens_a_sent_back_draft_saves_it_in_place_and_deletes_it()
    {
        const string key = "sel-madservice.hovedretMaks";
        var satser = _factory.Get<SatsService>();
        var series = _factory.Get<PublishedRules>().Catalogs().SatsRevisions.Single(s => s.Series.Key == key).Series;
        var id = satser.CreateDraft(_factory.User("lise", Roles.Editor), RegulationCalculator.WithYearValue(series, 2034, 50m, "bek.", "x"), "test", submit: true);
        satser.Reject(_factory.User("mads", Roles.Approver), id, "Forkert beløb.");

        SignIn("karl", Roles.Editor);
        var cut = Render<SatsEditorPage>(p => p.Add(x => x.Key, key));
        Assert.Contains($"kladde nr. {id}", cut.Find("#sats-draft-notice").TextContent);
        Assert.Contains("Forkert beløb.", cut.Find("#sats-review-comment").TextContent);
        Assert.Matches(@"Sats sel-madservice\.hovedretMaks: 50 kr\.[^:]* fra 1\. januar 2034", cut.Find("#sats-changes").TextContent);

        cut.FindAll("input[aria-label='Værdi']")[^1].Change("55");
        cut.Find("#sats-save").Click();
        Assert.Contains("Kladden er gemt", cut.Find(".notice.ok").TextContent);
        var open = satser.Open(key)!;
        Assert.Equal(id, open.Row.Id);
        Assert.Equal("karl", open.Row.UpdatedBy);
        Assert.Equal(55m, open.Series.Values.Single(v => v.ValidFrom == new DateOnly(2034, 1, 1)).Value);

        cut.Find("#sats-delete").Click();
        Assert.Contains("Kladden er slettet", cut.Find(".notice.ok").TextContent);
        Assert.Null(satser.Open(key));
    }

    [Fact]
    public void A_user_deactivated_while_the_page_is_open_can_no_longer_act()
    {
        SignIn("jonas", Roles.Editor);
        var cut = Render<RegulationWizardPage>();
        cut.Find("#reg-year").Change("2018");
        cut.Find("#reg-pct").Change("2");
        _factory.Get<UserRepository>().SetRoles("jonas", [Roles.Editor], active: false, "test");
        cut.Find("#regulation-submit").Click();
        Assert.Contains("deaktiveret", cut.Find(".notice.error").TextContent);
        Assert.DoesNotContain(_factory.Get<SatsService>().Pending(), p => p.Row.CreatedBy == "jonas");
    }

    [Fact]
    public void The_wizard_refuses_to_submit_without_a_percentage_or_as_an_approver_only()
    {
        SignIn("hanne", Roles.Approver);
        var cut = Render<RegulationWizardPage>();
        Assert.True(cut.Find("#regulation-submit").HasAttribute("disabled"));
        cut.Find("#reg-pct").Change("to procent");
        Assert.Contains("Skriv procenten som et tal", cut.Markup);
    }
}
