namespace Serviceloven.Server.Hosting;

/// <summary>
/// Where the server listens: http://localhost:5080 unless the operator said otherwise, through ASPNETCORE_URLS, URLS,
/// --urls, HTTP_PORTS / HTTPS_PORTS or Kestrel:Endpoints. The default lives here rather than in launchSettings.json, whose
/// applicationUrl would override ASPNETCORE_URLS under dotnet run, nor in appsettings.json, which would too.
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary>The default address when the configuration names none; null when it does.</summary>
    public static string? DefaultUnlessConfigured(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        && string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        && !configuration.GetSection("Kestrel:Endpoints").Exists()
            ? Default
            : null;

    public static void UseDefaultUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (DefaultUnlessConfigured(builder.Configuration) is { } url) builder.WebHost.UseUrls(url);
    }
}
