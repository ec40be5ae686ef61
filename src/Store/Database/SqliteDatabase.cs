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

    /// <summary>
    /// Waits for, then holds, the exclusive start-up lock: migrations and the first import run in one process at a
    /// time, and the next one, when it gets the lock, finds them done. The operating system releases the lock when a
    /// process dies. <paramref name="waiting"/> is called once if another process holds it.
    /// </summary>
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
            catch (IOException ex) when (IsHeldByAnother(ex))
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > _startupLockTimeout)
                    throw new DatabaseProblemException(DatabaseProblemKind.Busy,
                        $"En anden proces har gjort databasen {Path} klar i mere end {_startupLockTimeout.TotalSeconds:0} sekunder " +
                        $"(den holder låsefilen {StartupLockPath}). Gør sådan: se efter en hængende serverproces på samme fil " +
                        "og stop den, eller hæv Store:StartupLockTimeoutSeconds, og start igen.", ex);
                if (!told) waiting?.Invoke();
                told = true;
                Thread.Sleep(200);
            }
        }
    }

    // EWOULDBLOCK from flock on Linux (11) or macOS (35); ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private static bool IsHeldByAnother(IOException ex) =>
        ex is not FileNotFoundException and not DirectoryNotFoundException && ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    /// <summary>SQLite's quick check of every page: a file cut short or overwritten is refused at start, not at some later request.</summary>
    public override void CheckIntegrity()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5);";
        var problems = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) problems.Add(reader.GetString(0));
        if (problems is not ["ok"])
            throw DatabaseProblemException.Damaged(Path, "er beskadiget (afkortet eller delvist overskrevet)", string.Join("; ", problems));
    }

    public override SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }
}
