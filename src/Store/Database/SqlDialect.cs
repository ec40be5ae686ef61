using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Serviceloven.Store.Database;

/// <summary>
/// Everything the repositories' SQL does not share between SQLite and PostgreSQL, named in one place. The schemas
/// themselves differ only in migrations/sqlite and migrations/postgres (same numbers, same tables, same text formats).
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect Postgres = new PostgresDialect();

    /// <summary>The NOTIFY channel of publications; the payload is the publication's id.</summary>
    public const string PublicationChannel = "serviceloven_publications";

    /// <summary>"sqlite" or "postgres": the name of the provider's migrations folder.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Run first in every migration transaction, so two processes never migrate at once; null where beginning the
    /// transaction already takes the database's write lock (SQLite's BEGIN IMMEDIATE).
    /// </summary>
    public abstract string? MigrationLock { get; }

    /// <summary>A transaction that holds the database's write lock from its start (SQLite: BEGIN IMMEDIATE).</summary>
    public virtual DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    /// <summary>Run in a publishing transaction with @payload (the publication id): delivered at commit, to every listening node.</summary>
    public abstract string? NotifyPublication { get; }

    /// <summary>
    /// The database refused a publication because another one of the same subject came first: the publications
    /// table's UNIQUE number, or its trigger finding the number already counted (PostgreSQL: serialization_failure).
    /// </summary>
    public abstract bool IsPublicationConflict(Exception exception);

    /// <summary>
    /// The id, in an INSERT's VALUES, of a new row of <paramref name="table"/> that no deleted row ever had (the audit log
    /// names rows by id). PostgreSQL's identity never hands an id out twice; SQLite's rowid reuses the highest id after
    /// a delete, so there the id continues after both the table's highest id and the deleted ids the audit log holds
    /// under the action @deleted.
    /// </summary>
    public abstract string NewIdNeverReused(string table);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "sqlite";
        public override string? MigrationLock => null;
        public override string? NotifyPublication => null;

        public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

        // SQLITE_CONSTRAINT_UNIQUE; SQLITE_CONSTRAINT_TRIGGER from the publications trigger (writers take turns, so
        // the repository's own count finds a conflict first, and this is the database's word should it not).
        public override bool IsPublicationConflict(Exception exception) =>
            exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1811 };

        public override string NewIdNeverReused(string table) =>
            $"(SELECT MAX(n) FROM (SELECT MAX(id) AS n FROM {table} UNION ALL SELECT MAX(CAST(entity_id AS INTEGER)) FROM audit_log WHERE action = @deleted UNION ALL SELECT 0)) + 1";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        /// <summary>The key of the transaction-level advisory lock that migrations take (any fixed number the product owns).</summary>
        public const long MigrationLockKey = 7_331_002;

        public override string Name => "postgres";
        public override string? MigrationLock => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        public override string? NotifyPublication => $"SELECT pg_notify('{PublicationChannel}', @payload)";

        public override bool IsPublicationConflict(Exception exception) =>
            exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure };

        public override string NewIdNeverReused(string table) => "DEFAULT";
    }
}
