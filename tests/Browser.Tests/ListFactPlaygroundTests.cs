using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// The playground in headless Chromium with a list fact: sel-97's savings ledger entered as three months (added,
/// one moved), evaluated, and the trace shows which months' hours count and which have lapsed (003 l.258-259).
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class ListFactPlaygroundTests : BrowserJourney
{
    [Fact]
    public async Task Three_months_of_savings_are_entered_and_the_trace_shows_which_count()
    {
        var page = await Browser.NewPageAsync(Server.BaseUrl);
        try
        {
            await BrowserSession.SignInAsync(page, LiveServer.AdminUser, LiveServer.AdminPassword);
            await page.GotoAsync("/admin/afproevning");
            await Expect(page.Locator("#interactive[data-ready=yes]")).ToHaveCountAsync(1);
            await page.SelectOptionAsync("#pg-ruleset", "sel-97");
            await page.FillAsync("#pg-date", "2019-08-05");
            await page.PressAsync("#pg-date", "Tab");
            await Expect(page.Locator("#pg-opsparing-add")).ToBeVisibleAsync();

            // Every other fact as in the shipped seven-month case.
            var facts = JsonNode.Parse(File.ReadAllText(Path.Combine(LiveServer.RepositoryRoot, "rules", "sel-97", "tests", "ledger.json")))!
                ["cases"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "TC-opsparing-7-maaneder")!["facts"]!.AsObject();
            foreach (var (name, value) in facts.Where(f => f.Key != "opsparing"))
            {
                var input = page.Locator($"#pg-{name}");
                var text = value!.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.True => "true",
                    System.Text.Json.JsonValueKind.False => "false",
                    _ => value.ToString(),
                };
                if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT") await input.SelectOptionAsync(text);
                else await input.FillAsync(text);
            }

            for (var i = 0; i < 3; i++) await page.ClickAsync("#pg-opsparing-add");
            await Expect(page.Locator("#pg-opsparing tbody tr")).ToHaveCountAsync(3);
            (string Month, string Hours)[] months = [("2019-05-01", "10"), ("2019-01-01", "8"), ("2019-07-01", "6,5")];
            for (var i = 0; i < 3; i++)
            {
                await page.FillAsync($"#pg-opsparing-{i}-maaned", months[i].Month);
                await page.FillAsync($"#pg-opsparing-{i}-timer", months[i].Hours);
                await page.PressAsync($"#pg-opsparing-{i}-timer", "Tab");
            }
            // January first: the order is the caseworker's, kept as entered.
            await page.Locator("#pg-opsparing tbody tr[data-item='1'] button[title='Flyt op']").ClickAsync();
            // The date field shows dd-mm-åååå whatever was typed (ISO is accepted too).
            await Expect(page.Locator("#pg-opsparing-0-maaned")).ToHaveValueAsync("01-01-2019");

            await page.ClickAsync("#pg-evaluate");
            await Expect(page.Locator("#pg-outcome")).ToHaveTextAsync("Ledsagelse bevilget");
            var usable = page.Locator("#pg-lists .list-trace[data-decision='unexpiredSavedHours']");
            await Expect(usable.Locator("tr[data-item]")).ToHaveCountAsync(3);
            await Expect(usable.Locator("tr[data-item] td:nth-child(3)")).ToHaveTextAsync(["nej", "ja", "ja"]);
            await Expect(usable.Locator("tr[data-item='0'] td:nth-child(4)")).ToContainTextAsync("not bortfaldet holder ikke");
            await Expect(usable.Locator("p")).ToContainTextAsync("16,5");
            var lapsed = page.Locator("#pg-lists .list-trace[data-decision='lapsedSavedHours']");
            await Expect(lapsed.Locator("tr[data-item] td:nth-child(3)")).ToHaveTextAsync(["ja", "nej", "nej"]);
            await page.Locator("#pg-lists").ScrollIntoViewIfNeededAsync();
            await BrowserSession.ScreenshotAsync(page, "07-playground-list");
            await page.Locator("div.fact[data-fact='opsparing']").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "07-playground-list-input.png") });
            await page.Locator("#pg-lists").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "07-playground-list-trace.png") });
            Browser.AssertNoPolicyViolations();
        }
        catch (Exception ex)
        {
            await BrowserSession.ScreenshotAsync(page, "failure-list");
            await File.WriteAllTextAsync(Path.Combine(BrowserSession.ScreenshotFolder, "failure-list.html"), await page.ContentAsync());
            throw new Xunit.Sdk.XunitException("Browserlog:\n" + string.Join("\n", Browser.Log.TakeLast(40)) + "\n\n" + ex);
        }
    }
}
