using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Server.Tests.Client;

/// <summary>
/// The server listening on a real local port (Production profile: every /api/v1 call needs a key), over a temp SQLite
/// file with the shipped rules/ imported: what an external case system's generated client talks to.
/// </summary>
public sealed class KestrelServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sl-client-" + Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; } = Serviceloven.Tests.Common.LocalPorts.Free();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>One key for the whole fixture: the key cache refreshes at most every few seconds for an unknown key.</summary>
    public string ApiKey { get; }

    public KestrelServer()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
        ApiKey = Services.GetRequiredService<ApiClientRepository>().Create("Genereret klient", "test").Key;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DatabasePath"] = Path.Combine(_folder, "rules.db"),
            ["Rules:Path"] = RulesServerFactory.RulesFolder,
            ["Access:AllowAnonymousEvaluation"] = "false",
            ["Admin:InitialAdmin:Password"] = "Klient-test-kode-1",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
    }


    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open: the temp cleaner takes it */ }
    }
}
