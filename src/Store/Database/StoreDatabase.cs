using System.Data.Common;

namespace Serviceloven.Store.Database;

/// <summary>
/// The store's one database, SQLite (one machine, the default) or PostgreSQL (several nodes). The repositories hold
/// one set of SQL for both; what differs between the two is named in <see cref="Dialect"/> and in the two migration
/// folders. Open a connection per unit of work, never share one between threads.
/// </summary>
public abstract class StoreDatabase : IDisposable
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>Where the data lives, for messages to an operator: the file, or host, port and database.</summary>
    public abstract string Location { get; }

    public abstract DbConnection Open();

    /// <summary>
    /// Refuses, at start-up, a database the server must not run on (a damaged SQLite file; a PostgreSQL server that
    /// does not answer or is too old), with a message for the operator, rather than failing at some later request.
    /// </summary>
    public abstract void CheckIntegrity();

    /// <summary>
    /// Waits for, then holds, the start-up lock: migrations, the first import and the first administrator happen in
    /// one process at a time, and the next one, when it gets the lock, finds them done. <paramref name="waiting"/> is
    /// called once if another process holds it.
    /// </summary>
    public abstract IDisposable AcquireStartupLock(Action? waiting = null);

    /// <summary>
    /// Calls <paramref name="published"/> with the id of every publication another connection commits, until
    /// <paramref name="stoppingToken"/>; a lost connection is reported to <paramref name="lost"/> and opened again.
    /// Returns at once with false where the database has no notifications (then the periodic check finds them).
    /// </summary>
    public virtual Task<bool> ListenForPublicationsAsync(Action<long> published, Action<Exception> lost, CancellationToken stoppingToken) =>
        Task.FromResult(false);

    /// <summary>The configured provider's database.</summary>
    public static StoreDatabase Create(StoreOptions options) => StoreOptions.Normalize(options.Provider) switch
    {
        StoreOptions.Sqlite => new SqliteDatabase(options),
        StoreOptions.Postgres => new PostgresDatabase(options),
        _ => throw new InvalidOperationException(
            $"Store:Provider er '{options.Provider}'; den skal være '{StoreOptions.Sqlite}' (standard, én maskine) eller '{StoreOptions.Postgres}' (flere noder)."),
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
