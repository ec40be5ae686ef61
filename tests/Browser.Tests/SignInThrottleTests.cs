using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// An attacker guessing the administrator's password from one address is slowed down and then refused (429), while the
/// administrator at another address signs in with the right password at once, sees the account locked for the
/// attacker's address only and lifts the lock. The two addresses are set with
/// X-Forwarded-For, which the server honours from its loopback proxy (the browser connects from 127.0.0.1): the same
/// path a real client address takes behind the TLS proxy (Http:ForwardedHeaders).
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string AttackerAddress = "203.0.113.66";
    private const string OwnerAddress = "198.51.100.23";

    private LiveServer _server = default!;
    private BrowserSession _browser = default!;

    public async Task InitializeAsync()
    {
        // A first wait of 30 s (default 2 s, doubling per failure): the attack is still being held off while the
        // administrator signs in, however slow the machine.
        _server = new LiveServer(new Dictionary<string, string?> { ["Admin:SignIn:FirstAddressWaitSeconds"] = "30" });
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task The_administrator_signs_in_while_an_attacker_at_another_address_is_throttled()
    {
        try
        {
            await ThrottleJourneyAsync();
        }
        catch (Exception ex)
        {
            await BrowserSession.CaptureFailureAsync(_browser, "throttle");
            throw new Xunit.Sdk.XunitException("Browserlog:\n" + string.Join("\n", _browser.Log.TakeLast(40)) + "\n\n" + ex);
        }
    }

    private async Task ThrottleJourneyAsync()
    {
        var attacker = await _browser.NewPageAsync(_server.BaseUrl);
        await attacker.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = AttackerAddress });
        IResponse? refused = null;
        var guesses = 0;
        while (refused is null && guesses < 8)
        {
            await attacker.GotoAsync("/admin/login");
            await attacker.FillAsync("#username", LiveServer.AdminUser);
            await attacker.FillAsync("#password", "gaet-nummer-" + guesses++);
            var response = await attacker.RunAndWaitForResponseAsync(() => attacker.ClickAsync("button[type=submit]"),
                r => r.Request.Method == "POST" && r.Url.EndsWith("/admin/login", StringComparison.Ordinal));
            if (response.Status == 429) refused = response;
            else await Assertions.Expect(attacker.Locator("#login-error")).ToHaveTextAsync("Forkert brugernavn eller adgangskode.");
        }
        Assert.NotNull(refused);
        Assert.Equal(6, guesses); // five free failures, then the address must wait
        Assert.InRange(int.Parse(await refused.HeaderValueAsync("retry-after") ?? "0", CultureInfo.InvariantCulture), 20, 30);
        await Assertions.Expect(attacker.Locator("#login-error")).ToContainTextAsync("For mange forkerte forsøg fra din adresse. Vent");
        await BrowserSession.ScreenshotAsync(attacker, "throttle-01-attacker-refused", fullPage: false);

        // The administrator, at another address, signs in with the right password at once.
        var owner = await _browser.NewPageAsync(_server.BaseUrl);
        await owner.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = OwnerAddress });
        await BrowserSession.SignInAsync(owner, LiveServer.AdminUser, LiveServer.AdminPassword);

        // The attacker's address is still waiting, even with the right password.
        await attacker.GotoAsync("/admin/login");
        await attacker.FillAsync("#username", LiveServer.AdminUser);
        await attacker.FillAsync("#password", LiveServer.AdminPassword);
        await attacker.ClickAsync("button[type=submit]");
        await Assertions.Expect(attacker).ToHaveURLAsync(new Regex("/admin/login"));
        await Assertions.Expect(attacker.Locator("#login-error")).ToContainTextAsync("For mange forkerte forsøg");

        // The administrator sees the failed attempts: the address, the account, the reason; never a typed unknown name.
        await BrowserSession.GotoAsync(owner, "/admin/brugere");
        var failed = owner.Locator("#failed-signins tbody tr");
        await Assertions.Expect(failed).ToHaveCountAsync(5);
        await Assertions.Expect(failed.First).ToContainTextAsync(AttackerAddress);
        await Assertions.Expect(failed.First).ToContainTextAsync("forkert adgangskode");
        await BrowserSession.ScreenshotAsync(owner, "throttle-02-failed-sign-ins");

        // Five wrong passwords locked the account for the attacker's address only; the administrator lifts the lock.
        var lockout = owner.Locator("#lockouts tbody tr");
        await Assertions.Expect(lockout).ToHaveCountAsync(1);
        await Assertions.Expect(lockout.First).ToContainTextAsync(AttackerAddress);
        await Assertions.Expect(lockout.First).ToContainTextAsync(LiveServer.AdminUser);
        await BrowserSession.ScreenshotAsync(owner, "throttle-03-lockout");
        await lockout.First.Locator("button").ClickAsync();
        await Assertions.Expect(owner.Locator("#lockouts-none")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator(".notice.ok")).ToContainTextAsync("Spærringen er ophævet");
        _browser.AssertNoPolicyViolations();
    }
}
