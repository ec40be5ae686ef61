using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Versions;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// The approver simulates a sel-97 draft on a synthetic caseload of 10,000 cases from the draft's approval page: upload,
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
}
