using Dapper;
using Microsoft.Data.Sqlite;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server.Tests;

/// <summary>The store on a real SQLite file: immutability in the database itself, migrations, import/export.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sl-store-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SqliteDatabase _database;
    private readonly RulesTransfer _transfer;

    public StoreTests()
    {
        Directory.CreateDirectory(_folder);
        _database = new SqliteDatabase(new StoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        new MigrationRunner(_database).Apply();
        var audit = new AuditLog(_database, TimeProvider.System);
        _transfer = new RulesTransfer(_database, new VersionRepository(_database, audit, TimeProvider.System),
            new RevisionRepository(_database, audit, TimeProvider.System), audit, TimeProvider.System);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Database_is_in_wal_mode_with_foreign_keys()
    {
        using var c = _database.Open();
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, c.ExecuteScalar<int>("PRAGMA foreign_keys"));
    }

    [Fact]
    public void Updating_or_deleting_a_published_version_is_refused_by_the_database()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = _database.Open();
        var id = c.ExecuteScalar<long>("SELECT id FROM versions WHERE status = 'published' LIMIT 1");
        var update = Assert.Throws<SqliteException>(() => c.Execute("UPDATE versions SET content_json = '{}' WHERE id = @id", new { id }));
        Assert.Contains("offentliggjort version kan ikke ændres", update.Message);
        Assert.Throws<SqliteException>(() => c.Execute("UPDATE versions SET status = 'draft' WHERE id = @id", new { id }));
        Assert.Throws<SqliteException>(() => c.Execute("DELETE FROM versions WHERE id = @id", new { id }));
        var sats = c.ExecuteScalar<long>("SELECT id FROM sats_revisions WHERE status = 'published' LIMIT 1");
        Assert.Throws<SqliteException>(() => c.Execute("UPDATE sats_revisions SET content_json = '{}' WHERE id = @sats", new { sats }));
        Assert.Throws<SqliteException>(() => c.Execute("UPDATE sats_values SET value = '1' WHERE revision_id = @sats", new { sats }));
    }

    [Fact]
    public void Versions_and_sats_revisions_go_through_the_same_review_steps()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        var audit = new AuditLog(_database, TimeProvider.System);
        var versions = new VersionRepository(_database, audit, TimeProvider.System);
        var revisions = new RevisionRepository(_database, audit, TimeProvider.System);
        var published = versions.Published()[0];
        var draft = versions.CreateDraft(published, published.ValidFrom.AddYears(50), published.ContentJson, published.ContentHash, "anna");
        var series = revisions.LatestSatser()[0].Series;
        var sats = revisions.CreateSatsDraft(series, null, "anna", "Næste års værdi.");

        var version = versions.Transition(draft.Id, Status.Draft, Status.InReview, "anna", AuditActions.VersionSubmit);
        var revision = revisions.TransitionSats(sats, Status.Draft, Status.InReview, "anna", AuditActions.SatsSubmit);
        Assert.Equal((Status.InReview, "anna"), (version.Status, version.SubmittedBy));
        Assert.Equal((Status.InReview, "anna"), (revision.Status, revision.SubmittedBy));
        // A second submit finds the row in review already (someone was quicker): refused alike, nothing changes.
        Assert.Throws<ConcurrencyConflictException>(() => versions.Transition(draft.Id, Status.Draft, Status.InReview, "anna", AuditActions.VersionSubmit));
        Assert.Throws<ConcurrencyConflictException>(() => revisions.TransitionSats(sats, Status.Draft, Status.InReview, "anna", AuditActions.SatsSubmit));

        version = versions.Transition(draft.Id, Status.InReview, Status.Draft, "bo", AuditActions.VersionReject, "Ret R1.");
        revision = revisions.TransitionSats(sats, Status.InReview, Status.Draft, "bo", AuditActions.SatsReject, "Ret 2024.");
        Assert.Equal((Status.Draft, "Ret R1."), (version.Status, version.ReviewComment));
        Assert.Equal((Status.Draft, "Ret 2024."), (revision.Status, revision.ReviewComment));
        var rejections = audit.Query(new AuditFilter(Actor: "bo"));
        Assert.Contains(rejections, e => e.Action == AuditActions.VersionReject && e.Entity == "version:" + published.RulesetId && e.EntityId == draft.Id.ToString());
        Assert.Contains(rejections, e => e.Action == AuditActions.SatsReject && e.Entity == "sats:" + series.Key && e.EntityId == sats.ToString());
    }

    [Fact]
    public void The_audit_log_cannot_be_changed_or_deleted()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = _database.Open();
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'import.file' AND after_hash LIKE 'sha256:%'") > 10);
        var update = Assert.Throws<SqliteException>(() => c.Execute("UPDATE audit_log SET actor = 'x'"));
        Assert.Contains("Revisionssporet kan ikke ændres", update.Message);
        Assert.Throws<SqliteException>(() => c.Execute("DELETE FROM audit_log"));
    }

    [Fact]
    public void Amounts_and_dates_are_stored_as_text_never_floating_point()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = _database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sats_values WHERE typeof(value) <> 'text' OR typeof(valid_from) <> 'text'"));
    }

    [Fact]
    public void Import_then_export_gives_byte_identical_files()
    {
        var source = RulesServerFactory.RulesFolder;
        _transfer.Import(source);
        var exported = Path.Combine(_folder, "export");
        _transfer.Export(exported, "test");
        var expected = Files(source);
        var actual = Files(exported);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (path, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} er ikke byte-identisk efter import og eksport (kør 'format rules').");
    }

    [Fact]
    public void A_second_import_of_the_same_rulesets_changes_nothing()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = _database.Open();
        var before = c.ExecuteScalar<long>("SELECT COUNT(*) FROM versions");
        Assert.Throws<InvalidOperationException>(() => _transfer.Import(RulesServerFactory.RulesFolder));
        Assert.Equal(before, c.ExecuteScalar<long>("SELECT COUNT(*) FROM versions"));
    }

    [Fact]
    public void Migrations_run_once_and_a_changed_applied_migration_stops_start_up()
    {
        var runner = new MigrationRunner(_database);
        Assert.Empty(runner.Apply());
        var changed = MigrationRunner.Embedded().Select(m => m.Number == 1 ? m with { Sql = m.Sql + "\n-- ændret" } : m).ToList();
        var ex = Assert.Throws<MigrationChangedException>(() => runner.Apply(changed));
        Assert.Contains("0001_initial.sql er ændret", ex.Message);
    }

    [Fact]
    public void A_failing_migration_leaves_nothing_half_written()
    {
        var runner = new MigrationRunner(_database);
        var broken = MigrationRunner.Embedded().Append(MigrationRunner.Parse("0999_broken.sql", "CREATE TABLE half (x INTEGER); SELECT * FROM does_not_exist;")).ToList();
        Assert.ThrowsAny<SqliteException>(() => runner.Apply(broken));
        using var c = _database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'"));
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 999"));
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes);
}
