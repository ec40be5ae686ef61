using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Serviceloven.Browser.Tests.BrowserSession;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// An administrator sets up the municipality's letterhead in the browser (logo upload included), previews the PDF, and
/// the playground's next letter carries it with its LIX; screenshots of each screen under bin/.../screenshots.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class LetterheadJourneyTests : IAsyncLifetime
{
    private const string Svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">
          <rect width="200" height="80" rx="8" fill="#0b3d6e"/><circle cx="40" cy="40" r="26" fill="#f2c200"/>
        </svg>
        """;

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
    public async Task The_administrator_sets_up_the_letterhead_and_the_next_letter_carries_it()
    {
        try
        {
            await JourneyAsync();
        }
        catch (Exception ex)
        {
            await CaptureFailureAsync(_browser, "letterhead");
            throw new Xunit.Sdk.XunitException("Browserlog:\n" + string.Join("\n", _browser.Log.TakeLast(40)) + "\n\n" + ex);
        }
    }

    private async Task JourneyAsync()
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await SignInAsync(page, LiveServer.AdminUser, LiveServer.AdminPassword);
        await page.ClickAsync("nav >> text=Brevhoveder");
        await WaitInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Brevhoveder");

        await page.FillAsync("#lh-key", "aadal");
        await page.FillAsync("#lh-name", "Ådal Kommune");
        await page.FillAsync("#lh-address", "Rådhuspladsen 1\n9999 Ådal");
        await page.FillAsync("#lh-contact", "Telefon 99 99 99 99\nsocial@aadal.example");
        await page.FillAsync("#lh-signing", "Socialforvaltningen, Handicap og Psykiatri");
        await page.FillAsync("#lh-complaint", "Ådal Kommune\nSocialforvaltningen\nRådhuspladsen 1\n9999 Ådal");
        await page.FillAsync("#lh-reply", "Har du spørgsmål, er du velkommen til at ringe til os alle hverdage kl. 9-12.");
        await page.Locator("#lh-logo").SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = System.Text.Encoding.UTF8.GetBytes(Svg) });
        await Expect(page.Locator("#lh-logo-current")).ToContainTextAsync("SVG");
        await page.CheckAsync("#lh-default");
        await page.ClickAsync("#lh-save");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("er gemt som en ny udgave");
        await Expect(page.Locator("tr[data-letterhead=aadal]")).ToContainTextAsync("Ådal Kommune");
        await page.ClickAsync("#lh-preview");
        await Expect(page.Locator("#lh-preview-open")).ToBeVisibleAsync();
        // The preview PDF is served to the signed-in user, framed by the admin only.
        var pdf = await page.Context.APIRequest.GetAsync(await page.Locator("#lh-preview-open").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]));
        await ScreenshotAsync(page, "letterhead-01-page");

        // The playground's next letter, on the default letterhead just saved, with its LIX.
        await GotoAsync(page, "/admin/afproevning");
        await page.SelectOptionAsync("#pg-ruleset", "sel-97");
        await page.FillAsync("#pg-date", "01-03-2019");
        await page.PressAsync("#pg-date", "Tab");
        await Expect(page.Locator("#pg-birthDate")).ToBeVisibleAsync();
        // Worked case TC-11 of sel-97 (hjælpeordning efter § 96): afslag, a determined outcome with a letter.
        await page.FillAsync("#pg-birthDate", "10-05-1980");
        await page.PressAsync("#pg-birthDate", "Tab");
        foreach (var (fact, value) in new[]
        {
            ("hasBpaOrHelpSchemeSection96", "true"), ("hasDeafblindContactPersonSection98", "false"), ("impairmentCause", "physical"),
            ("cannotGetAroundAloneOutsideHome", "true"), ("impairmentSignificantAndPermanent", "true"),
            ("canRequestIndividualEscortWithoutSocialPedagogicalContent", "true"), ("canExpressWishToParticipate", "true"),
            ("awareOfActivityContent", "true"), ("canTakePartInActivityWithoutEscortHelp", "true"), ("needsSocialPedagogicalSupport", "none"),
        })
            await page.SelectOptionAsync($"#pg-{fact}", value);
        await page.FillAsync("#pg-existingEquivalentIndividualEscortHoursPerMonth", "0");
        await page.PressAsync("#pg-existingEquivalentIndividualEscortHoursPerMonth", "Tab");
        await page.CheckAsync("#pg-begrundelse");
        await page.SelectOptionAsync("#pg-format", "pdf");
        await page.ClickAsync("#pg-evaluate");
        await Expect(page.Locator("#pg-lix")).ToContainTextAsync("LIX");
        await Expect(page.Locator("#pg-letter")).ToContainTextAsync("Du sender klagen til Ådal Kommune, Socialforvaltningen, Rådhuspladsen 1, 9999 Ådal.");
        await Expect(page.Locator("#pg-pdf")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "letterhead-02-playground");
        _browser.AssertNoPolicyViolations();
    }
}
