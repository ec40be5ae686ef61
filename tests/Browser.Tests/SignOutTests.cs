using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// Signing out ends the session on the server: the cookie value the browser held before opens nothing afterwards, and
/// another open tab of the same user loses its live page at the next circuit revalidation.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class SignOutTests : IAsyncLifetime
{
    private LiveServer _server = default!;
    private BrowserSession _browser = default!;

    public async Task InitializeAsync()
    {
        // A short revalidation interval, so the open tab's circuit notices within the test's patience.
        _server = new LiveServer(new Dictionary<string, string?> { ["Admin:SessionRevalidationSeconds"] = "2" });
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task After_signing_out_the_old_cookie_opens_nothing()
    {
        try
        {
            await SignOutJourneyAsync();
        }
        catch (Exception ex)
        {
            await BrowserSession.CaptureFailureAsync(_browser, "signout");
            throw new Xunit.Sdk.XunitException("Browserlog:\n" + string.Join("\n", _browser.Log.TakeLast(40)) + "\n\n" + ex);
        }
    }

    private async Task SignOutJourneyAsync()
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await BrowserSession.SignInAsync(page, LiveServer.AdminUser, LiveServer.AdminPassword);
        var cookies = await page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == ".Serviceloven.Admin");

        // A second tab of the same user, live on the users page.
        var otherTab = await _browser.NewPageAsync(_server.BaseUrl);
        await BrowserSession.SignInAsync(otherTab, LiveServer.AdminUser, LiveServer.AdminPassword);
        await BrowserSession.GotoAsync(otherTab, "/admin/brugere");
        await Assertions.Expect(otherTab.Locator("#users")).ToBeVisibleAsync();

        await page.ClickAsync("text=Log ud");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/login$"));
        await BrowserSession.ScreenshotAsync(page, "signout-01-signed-out", fullPage: false);

        // The old cookie value, put back into a fresh browser, opens neither a page nor the circuit hub.
        var replay = await _browser.NewPageAsync(_server.BaseUrl);
        await replay.Context.AddCookiesAsync([new Cookie
        {
            Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path,
            HttpOnly = session.HttpOnly, Secure = session.Secure, SameSite = session.SameSite,
        }]);
        await replay.GotoAsync("/admin/brugere");
        await Assertions.Expect(replay).ToHaveURLAsync(new Regex("/admin/login\\?ReturnUrl="));
        await Assertions.Expect(replay.Locator("#users")).ToHaveCountAsync(0);
        await Assertions.Expect(replay.Locator("h1")).ToHaveTextAsync("Log ind");
        var hub = await replay.Context.APIRequest.PostAsync("/_blazor/negotiate?negotiateVersion=1");
        Assert.Equal(401, hub.Status);
        await BrowserSession.ScreenshotAsync(replay, "signout-02-old-cookie", fullPage: false);

        // Signing out ended every session of the user: the other tab is sent to the sign-in page.
        await Assertions.Expect(otherTab).ToHaveURLAsync(new Regex("/admin/login"), new() { Timeout = 15_000 });
        await Assertions.Expect(otherTab.Locator("h1")).ToHaveTextAsync("Log ind");
        _browser.AssertNoPolicyViolations();
    }
}
