using System.Globalization;
using Npgsql;

namespace Serviceloven.Store.Database;

/// <summary>
/// The PostgreSQL database that several nodes share: pooled connections from one data source, a session advisory
/// lock for start-up, and LISTEN on the publications channel for the nodes' snapshots.
/// </summary>
public sealed class PostgresDatabase : StoreDatabase
{
    /// <summary>The key of the session-level advisory lock held during start-up (any fixed number the product owns).</summary>
    public const long StartupLockKey = 7_331_001;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listenConnectionString;
    private readonly TimeSpan _startupLockTimeout;

    public PostgresDatabase(StoreOptions options)
    {
        TypeHandlers.Register();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new DatabaseProblemException(DatabaseProblemKind.Unavailable,
                $"Store:Provider er '{StoreOptions.Postgres}', men ConnectionStrings:{StoreOptions.ConnectionStringName} er ikke sat " +
                $"(miljøvariablen ConnectionStrings__{StoreOptions.ConnectionStringName}, fx \"Host=db;Database=serviceloven;Username=serviceloven;Password=...\").");
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "serviceloven";
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
        // The listening connection lives as long as the node, outside the pool, and is noticed dead by keepalives.
        _listenConnectionString = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString;
        _startupLockTimeout = TimeSpan.FromSeconds(Math.Max(1, options.StartupLockTimeoutSeconds));
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Location { get; }

    public override NpgsqlConnection Open() => _dataSource.OpenConnection();

    /// <summary>PostgreSQL 13 or later (the migrations use features of it); the server must answer and let us in.</summary>
    public override void CheckIntegrity()
    {
        using var connection = Open();
        if (connection.PostgreSqlVersion.Major < 13)
            throw DatabaseProblemException.Unavailable(Location, $"PostgreSQL {connection.PostgreSqlVersion} er for gammel; brug version 13 eller nyere");
    }

    /// <summary>
    /// A session advisory lock on a connection of its own, held until disposed; the server releases it if the process
    /// or its connection dies, so a crashed node never blocks the others.
    /// </summary>
    public override IDisposable AcquireStartupLock(Action? waiting = null)
    {
        var connection = Open();
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var told = false;
            while (!TryLock(connection))
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > _startupLockTimeout)
                    throw new DatabaseProblemException(DatabaseProblemKind.Busy,
                        $"En anden node har gjort databasen {Location} klar i mere end {_startupLockTimeout.TotalSeconds:0} sekunder " +
                        $"(den holder advisory lock {StartupLockKey}). Se pg_locks for den hængende forbindelse, eller hæv Store:StartupLockTimeoutSeconds.");
                if (!told) waiting?.Invoke();
                told = true;
                Thread.Sleep(200);
            }
            return new StartupLock(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static bool TryLock(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({StartupLockKey})", connection);
        return (bool)command.ExecuteScalar()!;
    }

    private sealed class StartupLock(NpgsqlConnection connection) : IDisposable
    {
        public void Dispose()
        {
            // Pooled connections keep their session: the lock must be released explicitly before the connection goes back.
            try
            {
                using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLockKey})", connection);
                command.ExecuteScalar();
            }
            finally
            {
                connection.Dispose();
            }
        }
    }

    public override async Task<bool> ListenForPublicationsAsync(Action<long> published, Action<Exception> lost, CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                connection.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) published(id);
                };
                await connection.OpenAsync(stoppingToken);
                await using (var command = new NpgsqlCommand($"LISTEN {SqlDialect.PublicationChannel}", connection))
                    await command.ExecuteNonQueryAsync(stoppingToken);
                retry = TimeSpan.FromMilliseconds(250);
                // Anything published while the connection was down is found by the caller's periodic check.
                published(0);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                lost(ex);
                try { await Task.Delay(retry, stoppingToken); } catch (OperationCanceledException) { break; }
                retry = TimeSpan.FromMilliseconds(Math.Min(retry.TotalMilliseconds * 2, 5000));
            }
        }
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _dataSource.Dispose();
        base.Dispose(disposing);
    }
}
