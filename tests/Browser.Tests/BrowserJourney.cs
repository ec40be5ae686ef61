namespace Serviceloven.Browser.Tests;

/// <summary>
/// A journey through the admin UI on its own server and browser. When the journey fails, every open page is kept as
/// a screenshot and its HTML, and the browser's console log is added to the failure.
/// </summary>
public abstract class BrowserJourney : IAsyncLifetime
{
    protected LiveServer Server { get; private set; } = default!;
    protected BrowserSession Browser { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        Server = new LiveServer();
        Browser = await BrowserSession.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Server.Dispose();
    }

    /// <summary>Runs <paramref name="journey"/>; on failure saves the pages as <paramref name="prefix"/>-failure-N.png/.html.</summary>
    protected async Task CaptureFailureAsync(string prefix, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch (Exception ex)
        {
            await BrowserSession.CaptureFailureAsync(Browser, prefix);
            throw new Xunit.Sdk.XunitException("Browserlog:\n" + string.Join("\n", Browser.Log.TakeLast(40)) + "\n\n" + ex);
        }
    }
}
