using Microsoft.Data.Sqlite;

namespace Serviceloven.Store.Database;

/// <summary>
/// Opens connections to the one SQLite file: WAL journal, foreign keys on, a busy timeout. Connections are pooled
/// by Microsoft.Data.Sqlite; open one per unit of work, never share one between threads.
/// </summary>
public sealed class SqliteDatabase : StoreDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly TimeSpan _startupLockTimeout;

    public SqliteDatabase(StoreOptions options)
    {
        TypeHandlers.Register();
        Path = System.IO.Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _busyTimeoutMs = options.BusyTimeoutMs;
        _startupLockTimeout = TimeSpan.FromSeconds(Math.Max(1, options.StartupLockTimeoutSeconds));
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

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string Location => Path;

    /// <summary>The lock file beside the database that start-ups take in turn; it stays, and is empty.</summary>
    public string StartupLockPath => Path + ".startup-lock";

    public override SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>An exclusive lock on a file beside the database; the operating system releases it when a process dies.</summary>
    public override IDisposable AcquireStartupLock(Action? waiting = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows: one holder across processes.
                return new FileStream(StartupLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > _startupLockTimeout)
                    throw new TimeoutException(
                        $"En anden proces har gjort databasen {Path} klar i mere end {_startupLockTimeout.TotalSeconds:0} sekunder " +
                        $"(den holder låsefilen {StartupLockPath}). Se efter en hængende serverproces på samme fil, eller hæv Store:StartupLockTimeoutSeconds.", ex);
                if (!told) waiting?.Invoke();
                told = true;
                Thread.Sleep(200);
            }
        }
    }
}
