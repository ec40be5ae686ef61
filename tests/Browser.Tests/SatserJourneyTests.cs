using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serviceloven.Store.Users;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// Satser as legal staff enter them: the value known for 2027 without the years before it, saved as a draft and edited
/// again, approved with "Godkend alle" (with the years without a value named), and regulated two years on from it with
/// one percentage per year.
/// </summary>
public sealed class SatserJourneyTests : BrowserJourney
{
    private const string Approver = "satsgodkender";
    private const string ApproverPassword = "Satsgodkender-kode-2027";
    private const string Key = "sel-97.aarligtBeloeb";

    [Fact]
    public async Task A_later_year_is_entered_edited_approved_and_regulated_from()
    {
        await CaptureFailureAsync("satser", JourneyAsync);
    }

    private async Task JourneyAsync()
    {
        Server.Services.GetRequiredService<UserRepository>().Create(Approver, "Sofie Sats", Server.Services.GetRequiredService<IPasswordHasher<UserRow>>()
            .HashPassword(new UserRow { Username = Approver }, ApproverPassword), [Roles.Approver], "test");
        var editor = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(editor, LiveServer.AdminUser, LiveServer.AdminPassword);

        // The value for 2027 is entered alone and saved as a draft.
        await BrowserSession.GotoAsync(editor, $"/admin/satser/{Key}");
        var rows = editor.Locator("#sats-values tbody tr");
        var published = await rows.CountAsync();
        await editor.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Tilføj værdi" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(published + 1);
        var row = rows.Nth(published);
        await row.GetByLabel("Gælder fra").FillAsync("01-01-2027");
        await row.GetByLabel("Gælder til").FillAsync("31-12-2027");
        await row.GetByLabel("Værdi").FillAsync("1100");
        await row.GetByLabel("Kilde").FillAsync("Satsreguleringsbekendtgørelsen for 2027");
        await row.GetByLabel("Kilde").PressAsync("Tab");
        await editor.ClickAsync("#sats-save");
        await Assertions.Expect(editor.Locator(".notice.ok")).ToContainTextAsync("Kladden er gemt");
        await Assertions.Expect(editor.Locator("#sats-draft-notice")).ToContainTextAsync("Du redigerer kladde nr.");
        await Assertions.Expect(editor.Locator("#sats-changes")).ToContainTextAsync(
            "Sats sel-97.aarligtBeloeb: 1.100 kr. pr. år fra 1. januar 2027 til 31. december 2027 (før: ingen værdi).");

        // Opened again, the same draft is edited (not a new one) and submitted.
        await BrowserSession.GotoAsync(editor, $"/admin/satser/{Key}");
        await Assertions.Expect(editor.Locator("#sats-draft-notice")).ToContainTextAsync("Du redigerer kladde nr.");
        await Assertions.Expect(rows).ToHaveCountAsync(published + 1);
        await Assertions.Expect(row.GetByLabel("Gælder fra")).ToHaveValueAsync("01-01-2027");
        await row.GetByLabel("Værdi").FillAsync("1150");
        await row.GetByLabel("Værdi").PressAsync("Tab");
        await Assertions.Expect(editor.Locator("#sats-changes")).ToContainTextAsync("1.150 kr. pr. år fra 1. januar 2027");
        await BrowserSession.ScreenshotAsync(editor, "20-sats-draft-edit");
        await editor.ClickAsync("#sats-submit");
        await Assertions.Expect(editor.Locator("#sats-pending tr[data-sats='sel-97.aarligtBeloeb']")).ToContainTextAsync("til godkendelse");
        await Assertions.Expect(editor.Locator("#sats-pending tr[data-sats='sel-97.aarligtBeloeb']")).ToContainTextAsync("1.150 kr. pr. år fra 1. januar 2027");

        // The approver approves all: a green line for what was approved, naming the years without a value.
        var approver = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(approver, Approver, ApproverPassword);
        await BrowserSession.GotoAsync(approver, "/admin/satser");
        await approver.ClickAsync("#approve-all-sats");
        await Assertions.Expect(approver.Locator(".notice.ok")).ToContainTextAsync("1 sats(er) godkendt og offentliggjort.", new() { Timeout = 90_000 });
        await Assertions.Expect(approver.Locator(".notice.ok")).ToContainTextAsync("ingen værdi 1. januar 2018 - 31. december 2026");
        await Assertions.Expect(approver.Locator("#sats-refused")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(approver, "21-satser-approved", fullPage: false);

        // The wizard regulates 2029 from 2027, one percentage per year; two decimals as the series has no rounding rule.
        await BrowserSession.GotoAsync(editor, "/admin/satsregulering");
        await editor.FillAsync("#reg-year", "2029");
        await editor.PressAsync("#reg-year", "Tab");
        await editor.FillAsync("#reg-pct", "2");
        await editor.PressAsync("#reg-pct", "Tab");
        var line = editor.Locator($"tr[data-sats='{Key}']");
        await Assertions.Expect(line).ToContainTextAsync("angiv procent for 2028");
        await editor.FillAsync("#reg-pct-2028", "3");
        await editor.PressAsync("#reg-pct-2028", "Tab");
        await Assertions.Expect(line).ToContainTextAsync("1.150 kr. pr. år (2027)");
        await Assertions.Expect(line).ToContainTextAsync("2028: 3 % → 1.184,5");
        await Assertions.Expect(line).ToContainTextAsync("2029: 2 % → 1.208,19");
        await Assertions.Expect(line.GetByLabel($"Ny værdi for {Key}")).ToHaveValueAsync("1208,19");
        await BrowserSession.ScreenshotAsync(editor, "22-regulation-across-years", fullPage: false);
    }
}
