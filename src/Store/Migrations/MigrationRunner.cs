using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Migrations;

/// <summary>An applied migration whose file has changed since: start-up must stop.</summary>
public sealed class MigrationChangedException(string message) : Exception(message);

public sealed record Migration(int Number, string Name, string Sql)
{
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>
/// Applies the numbered SQL files of the provider's migrations folder (migrations/sqlite or migrations/postgres) in
/// order, each once, each in its own transaction under the database's write or advisory lock, recording a checksum;
/// refuses to continue when an applied file has changed. Safe when several processes migrate one database at once.
/// </summary>
public sealed class MigrationRunner(StoreDatabase database, TimeProvider? time = null)
{
    public const string Folder = "migrations/";

    /// <summary>The migrations embedded for a provider ("sqlite" or "postgres"), in order.</summary>
    public static IReadOnlyList<Migration> Embedded(string provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = Folder + provider + "/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Parse(n[prefix.Length..], Read(assembly, n)))
            .OrderBy(m => m.Number)
            .ToList();
    }

    public static Migration Parse(string fileName, string sql)
    {
        var underscore = fileName.IndexOf('_');
        if (underscore <= 0 || !int.TryParse(fileName[..underscore], out var number))
            throw new InvalidOperationException($"Migrationsfilen '{fileName}' skal hedde NNNN_navn.sql.");
        return new Migration(number, fileName, sql);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Returns the names of the migrations applied now.</summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<Migration>? migrations = null)
    {
        var dialect = database.Dialect;
        migrations ??= Embedded(dialect.Name);
        using var connection = database.Open();
        using (var tx = dialect.BeginWrite(connection))
        {
            Lock(connection, tx);
            connection.Execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)
                """, transaction: tx);
            tx.Commit();
        }
        var applied = connection.Query<(long Version, string Name, string Checksum)>(
            "SELECT version, name, checksum FROM schema_migrations").ToDictionary(r => r.Version);
        foreach (var m in migrations)
        {
            if (applied.TryGetValue(m.Number, out var existing) && existing.Checksum != m.Checksum)
                throw new MigrationChangedException(
                    $"Migrationen {m.Name} er ændret, efter den blev kørt på databasen {database.Location} " +
                    $"(kontrolsum i databasen {existing.Checksum[..12]}…, i filen {m.Checksum[..12]}…). " +
                    "En kørt migration må aldrig ændres; læg ændringen i en ny, nummereret fil.");
        }
        var done = new List<string>();
        foreach (var m in migrations.Where(m => !applied.ContainsKey(m.Number)))
        {
            using var tx = dialect.BeginWrite(connection);
            Lock(connection, tx);
            // Under the write lock (SQLite) or the advisory lock (PostgreSQL), look again: another process may have applied it meanwhile.
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @n", new { n = m.Number }, tx) > 0) continue;
            connection.Execute(m.Sql, transaction: tx);
            connection.Execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@n, @name, @c, @at)",
                new { n = m.Number, name = m.Name, c = m.Checksum, at = TypeHandlers.Instant((time ?? TimeProvider.System).GetUtcNow()) }, tx);
            tx.Commit();
            done.Add(m.Name);
        }
        return done;
    }

    private void Lock(System.Data.IDbConnection connection, System.Data.IDbTransaction tx)
    {
        if (database.Dialect.MigrationLock is { } sql) connection.Execute(sql, transaction: tx);
    }
}
