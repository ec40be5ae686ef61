using Microsoft.Playwright;

namespace Serviceloven.Browser.Tests;

/// <summary>Steps every admin journey takes: sign in, go to a page, wait until the page answers clicks.</summary>
internal static class AdminSteps
{
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
}
