using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// The admin UI end to end in headless Chromium against the running server: sign in, draft sel-97, an invalid cell
/// shown at the cell, test cases, four-eyes approval, the new version live over the HTTP API, satsregulering, audit.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class LegalStaffJourneyTests : BrowserJourney
{
    private const string Approver = "godkender";
    private const string ApproverPassword = "Godkender-kode-2026";
    private const string NewValidFrom = "2025-01-01";

    [Fact]
    public async Task Legal_staff_draft_approve_regulate_and_audit()
    {
        await CaptureFailureAsync("legal-staff", () => JourneyAsync());
    }

    private async Task JourneyAsync()
    {
        // Sign in as the first administrator (editor, approver and administrator).
        var admin = await Browser.NewPageAsync(Server.BaseUrl);
        await SignInAsync(admin, LiveServer.AdminUser, LiveServer.AdminPassword);
        await Expect(admin.Locator("#ruleset-sel-97")).ToBeVisibleAsync();
        await Expect(admin.Locator("#validation-running")).ToHaveCountAsync(0, new() { Timeout = 120_000 });
        await BrowserSession.ScreenshotAsync(admin, "01-overview", fullPage: false);
        await BrowserSession.ScreenshotAsync(admin, "01-overview-full");

        // The administrator creates a second person who may approve, and an API key for a case system.
        await GotoAsync(admin, "/admin/brugere");
        await admin.FillAsync("#nu-username", Approver);
        await admin.FillAsync("#nu-name", "Gitte Godkender");
        await admin.FillAsync("#nu-password", ApproverPassword);
        await admin.UncheckAsync("#nu-role-editor");
        await admin.CheckAsync("#nu-role-approver");
        await admin.ClickAsync("#nu-create");
        await Expect(admin.Locator($"tr[data-user={Approver}]")).ToBeVisibleAsync();
        await admin.FillAsync("#key-name", "Fagsystem test");
        await admin.ClickAsync("#key-create");
        var apiKey = (await admin.Locator("#new-api-key-value").InnerTextAsync()).Trim();
        Assert.StartsWith("sl_", apiKey);

        // A draft of sel-97 from the published version, valid from its own date.
        await GotoAsync(admin, "/admin");
        await admin.Locator("#ruleset-sel-97 a.seg.published").First.ClickAsync();
        await WaitInteractiveAsync(admin);
        await admin.FillAsync("#new-valid-from", NewValidFrom);
        await admin.PressAsync("#new-valid-from", "Tab");
        await admin.ClickAsync("#create-draft");
        await Expect(admin.Locator("h1")).ToContainTextAsync("sel-97 gældende fra 01-01-2025");
        await Expect(admin.Locator("h1 .badge")).ToHaveTextAsync("kladde");
        var draftUrl = admin.Url;

        // An invalid cell shows its error at the cell, as it is typed; fixing it removes the error.
        var cell = admin.Locator("td[data-cell='eligibility/R97-01/in0']");
        await cell.Locator("input").FillAsync("tru");
        await Expect(cell.Locator(".cell-error")).ToContainTextAsync("tru");
        await Expect(admin.Locator("#cell-problem-count")).ToBeVisibleAsync();
        await admin.Locator("section[data-table=eligibility]").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "02-table-editor-cell-error.png") });
        await admin.ClickAsync("#save");
        await Expect(admin.Locator(".notice.error")).ToContainTextAsync("celle(r) har fejl");
        await cell.Locator("input").FillAsync("true");
        await Expect(cell.Locator(".cell-error")).ToHaveCountAsync(0);
        await admin.GetByLabel("Række R97-01, retskilde").FillAsync("servicelovens § 97, stk. 8; vejledningens pkt. 5 (præciseret)");
        await admin.GetByLabel("Række R97-01, retskilde").PressAsync("Tab");
        await admin.ClickAsync("#save");
        await Expect(admin.Locator(".notice.ok")).ToContainTextAsync("Kladden er gemt");

        // Under the tables, the cell language's functions as the engine's function table lists them.
        await admin.ClickAsync("#cell-help summary");
        await Expect(admin.Locator("#cell-help tr[data-function=ageAt]")).ToContainTextAsync("ageAt(fødselsdato, dato)");
        await admin.Locator("#cell-help").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "02-cell-help.png") });

        // Every test case runs against the draft with one click.
        await admin.ClickAsync("#tab-tests");
        await admin.ClickAsync("#run-tests");
        await Expect(admin.Locator("#test-summary")).ToContainTextAsync(" 0 fejlet", new() { Timeout = 60_000 });
        await admin.ClickAsync("#validate");
        await Expect(admin.Locator("#validation-report")).ToContainTextAsync("Kontrollen fandt ingen fejl", new() { Timeout = 60_000 });

        // The differences: the changed legal reference, cell by cell.
        await admin.ClickAsync("#diff-link");
        await WaitInteractiveAsync(admin);
        await Expect(admin.Locator("tr[data-diff-row='R97-01']")).ToContainTextAsync("(præciseret)");
        await Expect(admin.Locator("#outcomes-none, #outcome-changes")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserSession.ScreenshotAsync(admin, "03-diff");

        // Submit; the author cannot approve their own draft, even holding the approver role.
        await GotoAsync(admin, new Uri(draftUrl).PathAndQuery);
        await admin.ClickAsync("#submit");
        await Expect(admin.Locator("h1 .badge")).ToHaveTextAsync("til godkendelse");
        await admin.ClickAsync("#approve");
        await Expect(admin.Locator("#approval-refused")).ToContainTextAsync("ikke godkende en kladde, som du selv har");
        await Expect(admin.Locator("h1 .badge")).ToHaveTextAsync("til godkendelse");

        // A second person approves: the full gate passes and the version is published.
        var approver = await Browser.NewPageAsync(Server.BaseUrl);
        await SignInAsync(approver, Approver, ApproverPassword);
        await GotoAsync(approver, new Uri(draftUrl).PathAndQuery);
        await approver.FillAsync("#review-comment-input", "Godkendt efter gennemsyn.");
        await approver.ClickAsync("#approve");
        await Expect(approver.Locator(".notice.ok")).ToContainTextAsync("offentliggjort", new() { Timeout = 90_000 });
        await Expect(approver.Locator("h1 .badge")).ToHaveTextAsync("offentliggjort");

        // Live at once over the HTTP API: the new version in its period, the old one before it.
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Assert.Equal(NewValidFrom, await AnsweringVersionAsync(http, "2025-06-01"));
        Assert.Equal("2018-02-01", await AnsweringVersionAsync(http, "2024-06-01"));

        // The playground answers as the API does, with the facts form of the version valid on the date.
        await GotoAsync(approver, "/admin/afproevning");
        await approver.SelectOptionAsync("#pg-ruleset", "sel-97");
        await approver.FillAsync("#pg-date", "01-06-2025");
        await approver.PressAsync("#pg-date", "Tab");
        await Expect(approver.Locator("#pg-date")).ToHaveValueAsync("01-06-2025");
        await Expect(approver.Locator("#pg-birthDate")).ToBeVisibleAsync();
        await approver.FillAsync("#pg-birthDate", "1990-04-01");
        await approver.SelectOptionAsync("#pg-hasBpaOrHelpSchemeSection96", "true");
        await approver.ClickAsync("#pg-evaluate");
        await Expect(approver.Locator("#pg-version")).ToContainTextAsync("1. januar 2025");
        await Expect(approver.Locator("#pg-missing")).ToContainTextAsync("Har kontaktperson til døvblinde efter servicelovens § 98");
        await BrowserSession.ScreenshotAsync(approver, "06-playground");

        // Satsregulering for 2018 (the sources give the 2017 value): 866 × 1,025 = 887,65; the series has no rounding
        // rule, so two decimals. The lawyer adjusts it to whole kroner before submitting.
        await GotoAsync(admin, "/admin/satsregulering");
        await admin.FillAsync("#reg-year", "2018");
        await admin.PressAsync("#reg-year", "Tab");
        await admin.FillAsync("#reg-pct", "2,5");
        await admin.PressAsync("#reg-pct", "Tab");
        var line = admin.Locator("tr[data-sats='sel-97.aarligtBeloeb']");
        await Expect(line).ToContainTextAsync("866");
        await Expect(line.GetByLabel("Ny værdi for sel-97.aarligtBeloeb")).ToHaveValueAsync("887,65");
        await line.GetByLabel("Ny værdi for sel-97.aarligtBeloeb").FillAsync("888");
        await line.GetByLabel("Ny værdi for sel-97.aarligtBeloeb").PressAsync("Tab");
        await Expect(line).ToContainTextAsync("rettet");
        await BrowserSession.ScreenshotAsync(admin, "04-regulation-wizard");
        await admin.ClickAsync("#regulation-submit");
        await Expect(admin.Locator(".notice.ok")).ToContainTextAsync("sendt til godkendelse");

        await GotoAsync(approver, "/admin/satser");
        await Expect(approver.Locator("#sats-pending")).ToContainTextAsync("sel-97.aarligtBeloeb");
        await approver.ClickAsync("#approve-all-sats");
        await Expect(approver.Locator(".notice.ok")).ToContainTextAsync("godkendt og offentliggjort");
        var sats = await http.GetFromJsonAsync<JsonElement>("/api/v1/satser/sel-97.aarligtBeloeb?date=2018-03-01");
        Assert.Contains("888", sats.GetRawText());

        // Everything is in the audit log.
        await GotoAsync(approver, "/admin/revisionsspor");
        var audit = approver.Locator("#audit-table");
        foreach (var action in new[] { "signin", "user.create", "apikey.create", "draft.create", "draft.save", "version.submit",
                     "version.approve.refused", "version.approve", "version.publish", "sats.draft", "sats.submit", "sats.approve", "sats.publish" })
            await Expect(audit.Locator($"tr[data-action='{action}']").First).ToBeVisibleAsync();
        await approver.FillAsync("#audit-actor", Approver);
        await approver.ClickAsync("#audit-search");
        await Expect(audit.Locator("tr[data-action='draft.save']")).ToHaveCountAsync(0);
        await Expect(audit.Locator("tr[data-action='version.publish']").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(approver, "05-audit");
        Browser.AssertNoPolicyViolations();
    }

    private static async Task<string> AnsweringVersionAsync(HttpClient http, string decisionDate)
    {
        var response = await http.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-97", decisionDate, facts = new { } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        return body.GetProperty("version").GetProperty("validFrom").GetString()!;
    }

    private async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login"));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overblik");
        await WaitInteractiveAsync(page);
    }

    private static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Prerendered pages ignore clicks until the circuit is connected.</summary>
    private static Task WaitInteractiveAsync(IPage page) =>
        Expect(page.Locator("#interactive[data-ready=yes]")).ToHaveCountAsync(1);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
