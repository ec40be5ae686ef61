using Microsoft.Data.Sqlite;
using Npgsql;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Tests.Providers;

/// <summary>
/// An empty database of its own for one test (or one class fixture) on the provider under test: a SQLite file in a
/// temp folder, or a fresh database on the PostgreSQL cluster that ./test.sh starts. The PostgreSQL variants need
/// SERVICELOVEN_TEST_POSTGRES and fail without it; a quick local run leaves them out with --filter "Provider!=postgres".
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string Sqlite = StoreOptions.Sqlite;
    public const string Postgres = StoreOptions.Postgres;

    /// <summary>The connection string of a PostgreSQL server where the tests may create and drop databases.</summary>
    public const string PostgresVariable = "SERVICELOVEN_TEST_POSTGRES";

    public abstract string Provider { get; }

    /// <summary>The store's options for this database (with the provider's defaults otherwise).</summary>
    public abstract StoreOptions Options { get; }

    /// <summary>The same as configuration keys, for a server in this process or another ("Store:Provider", ...).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Store:Provider"] = Options.Provider,
        ["Store:DatabasePath"] = Options.DatabasePath,
        ["ConnectionStrings:" + StoreOptions.ConnectionStringName] = Options.ConnectionString,
    };

    /// <summary>A new StoreDatabase over this database (dispose it; the test database outlives it).</summary>
    public StoreDatabase Open() => StoreDatabase.Create(Options);

    public static TestDatabase Create(string provider) => provider switch
    {
        Sqlite => new SqliteTestDatabase(),
        Postgres => new PostgresTestDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public abstract void Dispose();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sl-db-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(Folder);
        Options = new StoreOptions { Provider = Sqlite, DatabasePath = Path.Combine(Folder, "rules.db") };
    }

    public override string Provider => Sqlite;
    public override StoreOptions Options { get; }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* a file still open on a slow machine: the temp cleaner takes it */ }
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;

    public PostgresTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : throw new InvalidOperationException(
            $"Testene på PostgreSQL kræver miljøvariablen {PostgresVariable} (en forbindelsesstreng til en server, hvor testene må oprette databaser). " +
            "./test.sh starter en midlertidig klynge og sætter den; en hurtig lokal kørsel uden PostgreSQL udelader dem med --filter \"Provider!=postgres\".");
        Name = "sl_test_" + Guid.NewGuid().ToString("N")[..16];
        Execute($"CREATE DATABASE {Name}");
        Options = new StoreOptions
        {
            Provider = Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name }.ConnectionString,
        };
    }

    public string Name { get; }
    public override string Provider => Postgres;
    public override StoreOptions Options { get; }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE ends connections still open (a node process being killed, a listener).
        Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
