using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Serviceloven.Browser.Tests.BrowserSession;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// A ruleset's own partials in the template editor (issue 20): listed apart from the letters with the letters that include
/// them, edited in a draft with the change showing in the previewed letter at once, and a shared partial's name refused.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class TemplatePartialsJourneyTests : IAsyncLifetime
{
    private LiveServer _server = default!;
    private BrowserSession _browser = default!;

    public async Task InitializeAsync()
    {
        _server = new LiveServer();
        _browser = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task A_change_to_a_partial_shows_in_the_letter_that_includes_it()
    {
        try
        {
            await JourneyAsync();
        }
        catch (Exception ex)
        {
            await CaptureFailureAsync(_browser, "template-partials");
            throw new Xunit.Sdk.XunitException("Browserlog:\n" + string.Join("\n", _browser.Log.TakeLast(40)) + "\n\n" + ex);
        }
    }

    private async Task JourneyAsync()
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await SignInAsync(page, LiveServer.AdminUser, LiveServer.AdminPassword);
        await GotoAsync(page, "/admin");
        await page.Locator("#ruleset-sel-95 a.seg.published").First.ClickAsync();
        await WaitInteractiveAsync(page);
        // sel-95 is the largest ruleset (19 tables); on a busy machine its page takes a while to appear.
        page.SetDefaultTimeout(60_000);
        await Expect(page.Locator("#new-valid-from")).ToBeVisibleAsync();
        await page.FillAsync("#new-valid-from", "01-01-2024");
        await page.PressAsync("#new-valid-from", "Tab");
        await page.ClickAsync("#create-draft");
        await Expect(page.Locator("h1")).ToContainTextAsync("sel-95 gældende fra 01-01-2024", new() { Timeout = 60_000 });
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("kladde");

        await page.ClickAsync("#tab-skabeloner");
        await Expect(page.Locator("#template-file optgroup[label^='Delskabeloner'] option")).ToHaveTextAsync(
            ["partials/ingen-tilskud.scriban", "partials/overskrift.scriban", "partials/vilkaar.scriban"]);
        await page.SelectOptionAsync("#template-file", new SelectOptionValue { Label = "partials/vilkaar.scriban" });
        await Expect(page.Locator("#partial-used-by")).ToContainTextAsync("bruges af 13 skabelon(er): afslag-arbejdsgiver.scriban,");

        await page.FillAsync("#new-template-name", "partials/tillaeg");
        await page.PressAsync("#new-template-name", "Tab");
        await page.ClickAsync("#add-template");
        await Expect(page.Locator("#template-file optgroup[label^='Delskabeloner'] option")).ToHaveCountAsync(4, new() { Timeout = 60_000 });
        await Expect(page.Locator("#partial-used-by")).ToContainTextAsync("bruges ikke af nogen skabelon endnu");

        await page.FillAsync("#new-template-name", "partials/klagevejledning");
        await page.PressAsync("#new-template-name", "Tab");
        await page.ClickAsync("#add-template");
        await Expect(page.Locator("#add-template-problem")).ToContainTextAsync("er en fælles delskabelon", new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "template-partial-refused", fullPage: false);
        await page.SelectOptionAsync("#template-file", new SelectOptionValue { Label = "partials/vilkaar.scriban" });

        await page.SelectOptionAsync("#preview-case", new SelectOptionValue { Index = 1 });
        await Expect(page.Locator("#preview-text")).ToContainTextAsync("Afgørelse om kontant tilskud efter servicelovens § 95", new() { Timeout = 60_000 });
        await Expect(page.Locator("#preview-text")).Not.ToContainTextAsync("Ny sætning fra delskabelonen");

        var text = await page.InputValueAsync("#template-text");
        await page.FillAsync("#template-text", "Ny sætning fra delskabelonen om vilkår.\n\n" + text);
        await Expect(page.Locator("#preview-text")).ToContainTextAsync("Ny sætning fra delskabelonen om vilkår.", new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "template-partial-preview");

    }
}
