using Microsoft.Playwright;

namespace Serviceloven.Browser.Tests;

/// <summary>Headless Debian Chromium driven by Playwright (its own browser download is not used).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public IPlaywright Playwright { get; private init; } = default!;
    public IBrowser Browser { get; private init; } = default!;

    public List<string> Log { get; } = [];

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium mangler: installér den med 'apt-get install -y chromium' ({ChromiumPath}).");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
        Assertions.SetDefaultExpectTimeout(20_000);
        return new BrowserSession { Playwright = playwright, Browser = browser };
    }

    /// <summary>A fresh context (own cookies) per person, laptop-sized.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 850 }, Locale = "da-DK" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // Browser console errors and failed requests go to the test output, to explain a failing step.
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Log.Add($"[console {m.Type}] {m.Text}"); };
        page.RequestFailed += (_, r) => Log.Add($"[request failed] {r.Url} {r.Failure}");
        page.Response += (_, r) => { if (r.Status >= 400) Log.Add($"[HTTP {r.Status}] {r.Url}"); };
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    /// <summary>The browser reported no Content-Security-Policy violation: the admin's CSP lets every page work.</summary>
    public void AssertNoPolicyViolations() =>
        Assert.DoesNotContain(Log, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

    /// <summary>Signs in through the form, from /admin, and waits for the live overview.</summary>
    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/admin");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login"));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overblik");
        await WaitInteractiveAsync(page);
    }

    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Prerendered pages ignore clicks until the circuit is connected.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#interactive[data-ready=yes]")).ToHaveCountAsync(1);

    /// <summary>A screenshot and the HTML of every open page, to explain a failing step.</summary>
    public static async Task CaptureFailureAsync(BrowserSession session, string prefix)
    {
        foreach (var (page, i) in session.Browser.Contexts.SelectMany(c => c.Pages).Select((p, i) => (p, i)))
        {
            await ScreenshotAsync(page, $"{prefix}-failure-{i}");
            await File.WriteAllTextAsync(Path.Combine(ScreenshotFolder, $"{prefix}-failure-{i}.html"), await page.ContentAsync());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
