using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Tests;

/// <summary>
/// The real server over a real database of its own (a SQLite file in a temp folder, or a fresh PostgreSQL database),
/// with the shipped rules/ imported at start-up.
/// </summary>
public class RulesServerFactory : WebApplicationFactory<Program>
{
    /// <summary>Over SQLite (a class fixture has one public constructor).</summary>
    public RulesServerFactory() : this(TestDatabase.Sqlite)
    {
    }

    protected RulesServerFactory(string provider) : this(TestDatabase.Create(provider), ownsDatabase: true)
    {
    }

    protected RulesServerFactory(TestDatabase database, bool ownsDatabase)
    {
        TestDatabase = database;
        _ownsDatabase = ownsDatabase;
    }

    private readonly bool _ownsDatabase;

    public static RulesServerFactory For(string provider) => new(provider);

    /// <summary>Another node over a database that the caller owns (and disposes after this).</summary>
    public static RulesServerFactory Over(TestDatabase database) => new(database, ownsDatabase: false);

    public TestDatabase TestDatabase { get; }
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
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>(TestDatabase.Settings)
        {
            ["Rules:Path"] = RulesFolder,
            ["Access:AllowAnonymousEvaluation"] = AllowAnonymous ? "true" : "false",
            ["Logging:LogLevel:Default"] = LogLevel,
        }));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    public StoreDatabase Database => Services.GetRequiredService<StoreDatabase>();
    public SnapshotHolder Snapshots => Services.GetRequiredService<SnapshotHolder>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) TestDatabase.Dispose();
    }
}

/// <summary>The same server over PostgreSQL, as a class fixture.</summary>
public sealed class PostgresServerFactory() : RulesServerFactory(TestDatabase.Postgres);

/// <summary>The production profile: no anonymous evaluation.</summary>
public class LockedDownServerFactory : RulesServerFactory
{
    public LockedDownServerFactory() : this(TestDatabase.Sqlite)
    {
    }

    protected LockedDownServerFactory(string provider) : base(provider)
    {
    }

    protected override bool AllowAnonymous => false;
    protected override string Environment => "Production";
}

public sealed class PostgresLockedDownServerFactory() : LockedDownServerFactory(TestDatabase.Postgres);
