using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Tests;

/// <summary>
/// The real server over a real SQLite file in a temp folder, with the shipped rules/ imported at start-up.
/// </summary>
public class RulesServerFactory : WebApplicationFactory<Program>
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sl-tests-" + Guid.NewGuid().ToString("N")[..12]);
    public string DatabasePath => Path.Combine(Folder, "rules.db");
    protected virtual bool AllowAnonymous => true;
    protected virtual string Environment => "Development";

    /// <summary>What the server logs at Warning and above (or the level <see cref="LogLevel"/> names).</summary>
    public LogCapture Logs { get; } = new();
    protected virtual string LogLevel => "Warning";

    public static string RepositoryRoot => typeof(RulesServerFactory).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string RulesFolder => Path.Combine(RepositoryRoot, "rules");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DatabasePath"] = DatabasePath,
            ["Rules:Path"] = RulesFolder,
            ["Access:AllowAnonymousEvaluation"] = AllowAnonymous ? "true" : "false",
            ["Logging:LogLevel:Default"] = LogLevel,
        }));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();
    public SnapshotHolder Snapshots => Services.GetRequiredService<SnapshotHolder>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* a file still open on a slow machine: the OS temp cleaner takes it */ }
    }
}

/// <summary>The production profile: no anonymous evaluation.</summary>
public sealed class LockedDownServerFactory : RulesServerFactory
{
    protected override bool AllowAnonymous => false;
    protected override string Environment => "Production";
}
