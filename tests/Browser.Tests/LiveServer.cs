using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// The real product on a real Kestrel port (a free local one) over a temp SQLite file, with the shipped rules/
/// imported at start-up and a known first administrator.
/// </summary>
public sealed class LiveServer : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Forste-admin-kode-2026";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sl-browser-" + Guid.NewGuid().ToString("N")[..12]);
    public int Port { get; } = Serviceloven.Tests.Common.LocalPorts.Free();
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static string RepositoryRoot => typeof(LiveServer).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Configuration on top of the defaults below (a test's own limits or intervals).</param>
    public LiveServer(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DatabasePath"] = Path.Combine(Folder, "rules.db"),
            ["Rules:Path"] = Path.Combine(RepositoryRoot, "rules"),
            ["Access:AllowAnonymousEvaluation"] = "false",
            ["Admin:InitialAdmin:Username"] = AdminUser,
            ["Admin:InitialAdmin:Password"] = AdminPassword,
        }).AddInMemoryCollection(_settings));
    }


    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* a file still open: the temp cleaner takes it */ }
    }
}

/// <summary>
/// The browser tests run one after another: each starts a server and a headless Chromium, and on two cores two such
/// pairs at once only make each other's timeouts flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LiveServerCollection
{
    public const string Name = "live server";
}
