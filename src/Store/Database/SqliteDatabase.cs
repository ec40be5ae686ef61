using Microsoft.Data.Sqlite;

namespace Serviceloven.Store.Database;

/// <summary>
/// Opens connections to the one SQLite file: WAL journal, foreign keys on, a busy timeout. Connections are pooled
/// by Microsoft.Data.Sqlite; open one per unit of work, never share one between threads.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public SqliteDatabase(StoreOptions options)
    {
        TypeHandlers.Register();
        Path = System.IO.Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _busyTimeoutMs = options.BusyTimeoutMs;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = Math.Max(1, options.BusyTimeoutMs / 1000),
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL is stored in the file itself; setting it once at start-up is enough, repeating it is harmless.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }
}
