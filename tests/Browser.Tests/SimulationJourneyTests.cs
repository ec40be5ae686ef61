using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// The approver simulates a sel-97 draft (and, in the second journey, next year's sats regulation) on a synthetic caseload of 10,000 cases from the draft's approval page: upload,
/// progress to 100 %, the change matrix, the histogram and the total difference, and a CPR column refused by name.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class SimulationJourneyTests : BrowserJourney
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sl-sim-browser-").FullName;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_approver_simulates_a_draft_on_ten_thousand_cases_and_sees_matrix_histogram_and_kroner()
    {
        await CaptureFailureAsync("simulation", JourneyAsync);
    }

    private async Task JourneyAsync()
    {
        // A draft of sel-97 with R97-04's age limit raised from 18 to 19, in place of the published version of its date.
        var snapshot = Server.Services.GetRequiredService<SnapshotHolder>().Current;
        var published = snapshot.Timeline("sel-97")[^1].Item.Compiled.Content;
        var draft = published with
        {
            Tables = published.Tables.Select(t => t with { Rows = t.Rows.Select(r => r with { When = r.When.Select(c => c == "< 18" ? "< 19" : c).ToList() }).ToList() }).ToList(),
        };
        var json = JsonSerializer.Serialize(draft, RulesJson.Canonical);
        var row = Server.Services.GetRequiredService<VersionRepository>()
            .CreateDraft("sel-97", draft.ValidFrom, draft.ValidTo, json, ContentHash.OfText(json), "[]", "[]", null, LiveServer.AdminUser);

        var examples = Directory.GetFiles(Path.Combine(LiveServer.RepositoryRoot, "rules", "sel-97", "tests"), "*.json")
            .SelectMany(f => RulesJson.Deserialize<TestSuite>(File.ReadAllText(f)).Cases).ToList();
        var caseload = Path.Combine(_folder, "sagsbestand-sel-97.csv");
        await using (var writer = new StreamWriter(caseload))
            CaseloadGenerator.WriteCsv(writer, published.Facts, examples, 10_000, seed: 7, new DateOnly(2026, 6, 1));

        var page = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(page, LiveServer.AdminUser, LiveServer.AdminPassword);
        await BrowserSession.GotoAsync(page, $"/admin/versioner/{row.Id}");
        await page.ClickAsync("#simulate-caseload");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Simulering på sagsbestanden");
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#sim-b")).ToHaveValueAsync(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.SetInputFilesAsync("#sim-file", caseload);
        await page.ClickAsync("#sim-run");
        await Assertions.Expect(page.Locator("#sim-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sim-percent")).ToHaveAttributeAsync("data-percent", "100", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("#sim-result")).ToBeVisibleAsync();

        var cases = long.Parse((await page.Locator("#sim-cases").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var unbound = long.Parse((await page.Locator("#sim-unbound").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(10_000, cases + unbound);
        Assert.True(cases > 9_000, $"only {cases} cases bound");
        // The 18-year-olds granted on A are refused on B: the change matrix shows them, the SVG heat map and the histogram are drawn.
        var grantedToRefused = await page.Locator("#sim-matrix td[data-from=bevilget][data-to=afslag]").InnerTextAsync();
        Assert.NotEqual("0", grantedToRefused);
        await Assertions.Expect(page.Locator("#sim-matrix-chart svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".sim-histogram[data-output=hoursPerMonth] svg")).ToHaveCountAsync(1);
        var difference = decimal.Parse(await page.Locator("#sim-amounts tr[data-output=hoursPerMonth] .difference").GetAttributeAsync("data-difference") ?? "0",
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(difference < 0, $"hoursPerMonth difference {difference}");
        await BrowserSession.ScreenshotAsync(page, "simulation-result");

        // Kept only when the user chooses: the aggregate report is saved and opens again with the same numbers.
        await page.ClickAsync("#sim-save");
        await Assertions.Expect(page.Locator("#sim-saved-note")).ToBeVisibleAsync();
        await page.Locator("#sim-saved a").First.ClickAsync();
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#sim-matrix td[data-from=bevilget][data-to=afslag]")).ToHaveTextAsync(grantedToRefused);
        await Assertions.Expect(page.Locator("#sim-matrix-chart svg")).ToHaveCountAsync(1);

        // A caseload with a CPR column is refused with the column named, and no result is shown.
        var cpr = Path.Combine(_folder, "med-cpr.csv");
        await File.WriteAllTextAsync(cpr, "personid;Fødselsdato\n010190-1234;01-01-1990\n");
        await page.SetInputFilesAsync("#sim-file", cpr);
        await page.ClickAsync("#sim-run");
        await Assertions.Expect(page.Locator(".error, [role=alert]").First).ToContainTextAsync("personid");
        await Assertions.Expect(page.Locator("#sim-result")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#sim-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#sim-run")).ToBeEnabledAsync();
        await BrowserSession.ScreenshotAsync(page, "simulation-cpr-refused", fullPage: false);
        Browser.AssertNoPolicyViolations();
    }

    [Fact]
    public async Task The_2027_sats_regulation_made_in_the_admin_is_simulated_against_published_2026_on_ten_thousand_cases()
    {
        await CaptureFailureAsync("simulation-sats", SatsJourneyAsync);
    }

    private const string SatsKey = "sel-97.aarligtBeloeb";

    /// <summary>
    /// Legal staff enter the 2026 amount (approved by a second person), then regulate 2027 from it by 2.5 % in the
    /// regulation wizard and send it for approval; before anyone approves it, the budget question is answered: published
    /// 2026 (decided 01-06-2026) against the pending 2027 regulation (decided 01-06-2027) over 10,000 synthetic cases.
    /// </summary>
    private async Task SatsJourneyAsync()
    {
        const string approver = "satsgodkender";
        const string approverPassword = "Satsgodkender-kode-2027";
        Server.Services.GetRequiredService<UserRepository>().Create(approver, "Sofie Sats", Server.Services.GetRequiredService<IPasswordHasher<UserRow>>()
            .HashPassword(new UserRow { Username = approver }, approverPassword), [Roles.Approver], "test");
        var editor = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(editor, LiveServer.AdminUser, LiveServer.AdminPassword);

        // 2026: 1.050 kr., entered and approved by someone else (four eyes).
        await BrowserSession.GotoAsync(editor, $"/admin/satser/{SatsKey}");
        var rows = editor.Locator("#sats-values tbody tr");
        var known = await rows.CountAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Tilføj værdi" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(known + 1);
        var row = rows.Nth(known);
        await row.GetByLabel("Gælder fra").FillAsync("01-01-2026");
        await row.GetByLabel("Gælder til").FillAsync("31-12-2026");
        await row.GetByLabel("Værdi").FillAsync("1050");
        await row.GetByLabel("Kilde").FillAsync("Satsreguleringsbekendtgørelsen for 2026");
        await row.GetByLabel("Kilde").PressAsync("Tab");
        await editor.ClickAsync("#sats-submit");
        await Assertions.Expect(editor.Locator($"#sats-pending tr[data-sats='{SatsKey}']")).ToContainTextAsync("til godkendelse");
        var checker = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(checker, approver, approverPassword);
        await BrowserSession.GotoAsync(checker, "/admin/satser");
        await checker.ClickAsync("#approve-all-sats");
        await Assertions.Expect(checker.Locator(".notice.ok")).ToContainTextAsync("1 sats(er) godkendt og offentliggjort.", new() { Timeout = 90_000 });

        // 2027: regulated from 2026 by 2.5 % in the wizard and sent for approval; nobody approves it yet.
        await BrowserSession.GotoAsync(editor, "/admin/satsregulering");
        await editor.FillAsync("#reg-year", "2027");
        await editor.PressAsync("#reg-year", "Tab");
        await editor.FillAsync("#reg-pct", "2,5");
        await editor.PressAsync("#reg-pct", "Tab");
        await editor.FillAsync("#reg-source", "Satsreguleringsbekendtgørelsen for 2027");
        await editor.PressAsync("#reg-source", "Tab");
        var line = editor.Locator($"#regulation-lines tr[data-sats='{SatsKey}']");
        await Assertions.Expect(line).ToContainTextAsync("2027: 2,5 % → 1.076,25");
        await Assertions.Expect(line.GetByLabel($"Medtag {SatsKey}")).ToBeCheckedAsync();
        await editor.ClickAsync("#regulation-submit");
        await Assertions.Expect(editor.Locator(".notice.ok")).ToContainTextAsync("sendt til godkendelse");
        var regulation = Server.Services.GetRequiredService<RevisionRepository>().OpenSats(SatsKey)!;
        Assert.Equal(Status.InReview, regulation.Status);

        var snapshot = Server.Services.GetRequiredService<SnapshotHolder>().Current;
        Assert.Equal(1050m, snapshot.LatestSatser.ValueOn(SatsKey, new DateOnly(2026, 6, 1))!.Value);
        Assert.Null(snapshot.LatestSatser.ValueOn(SatsKey, new DateOnly(2027, 6, 1)));
        var published = snapshot.Timeline("sel-97")[^1].Item.Compiled.Content;
        var examples = Directory.GetFiles(Path.Combine(LiveServer.RepositoryRoot, "rules", "sel-97", "tests"), "*.json")
            .SelectMany(f => RulesJson.Deserialize<TestSuite>(File.ReadAllText(f)).Cases).ToList();
        var caseload = Path.Combine(_folder, "sagsbestand-sel-97-2026.csv");
        await using (var writer = new StreamWriter(caseload))
            CaseloadGenerator.WriteCsv(writer, published.Facts, examples, 10_000, seed: 11, new DateOnly(2026, 6, 1));

        // The simulation: A published, decided 01-06-2026; B the published rules with the pending regulation, decided 01-06-2027.
        // Reached from the pending regulation's row on the satser page, which chooses sel-97 and the revision as side B.
        await BrowserSession.GotoAsync(editor, "/admin/satser");
        await editor.Locator($"#sats-pending tr[data-sats='{SatsKey}'] a.sats-simulate").ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToHaveTextAsync("Simulering på sagsbestanden");
        await BrowserSession.WaitInteractiveAsync(editor);
        var id = regulation.Id.ToString(CultureInfo.InvariantCulture);
        await Assertions.Expect(editor.Locator("#sim-ruleset")).ToHaveValueAsync("sel-97");
        await Assertions.Expect(editor.Locator("#sim-sats-b")).ToHaveValueAsync(id);
        await Assertions.Expect(editor.Locator($"#sim-sats-b option[value='{id}']")).ToContainTextAsync($"Satsrevision nr. {id}: {SatsKey} (til godkendelse)");
        await Assertions.Expect(editor.Locator("#sim-sats-a")).ToHaveValueAsync("");
        await editor.FillAsync("#sim-date-a", "01-06-2026");
        await editor.PressAsync("#sim-date-a", "Tab");
        await editor.FillAsync("#sim-date-b", "01-06-2027");
        await editor.PressAsync("#sim-date-b", "Tab");
        await editor.SetInputFilesAsync("#sim-file", caseload);
        await editor.ClickAsync("#sim-run");
        await Assertions.Expect(editor.Locator("#sim-progress")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("#sim-percent")).ToHaveAttributeAsync("data-percent", "100", new() { Timeout = 180_000 });
        await Assertions.Expect(editor.Locator("#sim-result")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("#sim-result")).ToContainTextAsync($"B: Offentliggjort med satsrevision nr. {id}, offentliggjort, satsrevision nr. {id} ({SatsKey}), afgørelsesdato 2027-06-01");

        var cases = Count(await editor.Locator("#sim-cases").InnerTextAsync());
        var unbound = Count(await editor.Locator("#sim-unbound").InnerTextAsync());
        Assert.Equal(10_000, cases + unbound);
        Assert.True(cases > 9_000, $"only {cases} cases bound");
        // The change matrix and its heat map; the annual amount's histogram; the total difference in kroner is the 26,25 kr.
        // the regulation adds, for every case capped at the annual amount (plus what a year's age changes on B).
        await Assertions.Expect(editor.Locator("#sim-matrix-chart svg")).ToHaveCountAsync(1);
        await Assertions.Expect(editor.Locator("#sim-matrix td[data-from=bevilget][data-to=bevilget]")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(editor.Locator(".sim-histogram[data-output=annualExpenseAmount] svg")).ToHaveCountAsync(1);
        var amount = editor.Locator("#sim-amounts tr[data-output=annualExpenseAmount]");
        var difference = decimal.Parse(await amount.Locator(".difference").GetAttributeAsync("data-difference") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(difference > 0, $"annualExpenseAmount difference {difference}");
        Assert.NotEqual("0", (await amount.Locator("td").Nth(6).InnerTextAsync()).Trim());
        await BrowserSession.ScreenshotAsync(editor, "simulation-sats-result");
        Browser.AssertNoPolicyViolations();
    }

    private static long Count(string text) => long.Parse(text.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
