using Dapper;
using Microsoft.Data.Sqlite;

namespace Serviceloven.Adversarial.Tests.Crash;

/// <summary>The database file after a kill, read directly (no server): integrity, what is published, what the audit log says.</summary>
public static class DatabaseFile
{
    public static T Read<T>(string path, Func<SqliteConnection, T> read)
    {
        using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        {
            c.Open();
            return read(c);
        }
    }

    /// <summary>SQLite's full integrity check ("ok" when whole); also recovers the WAL the killed process left, as any next opener does.</summary>
    public static string IntegrityCheck(string path) =>
        Read(path, c => string.Join("; ", c.Query<string>("PRAGMA integrity_check")));

    public static bool HasTable(SqliteConnection c, string table) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) > 0;

    /// <summary>The published timeline of a ruleset: "validFrom#id" in order.</summary>
    public static IReadOnlyList<string> Timeline(string path, string ruleset) => Read(path, c =>
        c.Query<string>("SELECT valid_from || '#' || id FROM versions WHERE ruleset_id = @ruleset AND status = 'published' ORDER BY valid_from, id", new { ruleset }).ToList());

    public static IReadOnlyList<string> PublishedSats(string path, string key) => Read(path, c =>
        c.Query<string>("SELECT id FROM sats_revisions WHERE key = @key AND status = 'published' ORDER BY id", new { key }).Select(x => x.ToString()).ToList());

    /// <summary>
    /// Where the audit log and the published rows disagree: a publication approved by a person without both its
    /// approve and publish entries, or such an entry for something that is not published. Empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> AuditDisagreements(string path) => Read(path, c =>
    {
        var problems = new List<string>();
        foreach (var (table, kind) in new[] { ("versions", "version"), ("sats_revisions", "sats") })
        {
            problems.AddRange(c.Query<long>($"""
                SELECT r.id FROM {table} r WHERE r.status = 'published' AND r.approved_by <> 'import' AND (
                    NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = '{kind}.approve' AND a.entity_id = CAST(r.id AS TEXT) AND a.entity LIKE '{kind}:%')
                 OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = '{kind}.publish' AND a.entity_id = CAST(r.id AS TEXT) AND a.entity LIKE '{kind}:%'))
                """).Select(id => $"{kind} {id} er offentliggjort, men revisionssporet mangler godkendelse eller offentliggørelse"));
            problems.AddRange(c.Query<long>($"""
                SELECT a.id FROM audit_log a WHERE a.action IN ('{kind}.approve', '{kind}.publish') AND a.entity LIKE '{kind}:%'
                  AND NOT EXISTS (SELECT 1 FROM {table} r WHERE CAST(r.id AS TEXT) = a.entity_id AND r.status = 'published')
                """).Select(id => $"revisionsspor {id} nævner en {kind}, der ikke er offentliggjort"));
        }
        return problems;
    });
}
