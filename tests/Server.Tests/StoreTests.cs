using System.Globalization;
using System.Data.Common;
using Dapper;
using Serviceloven.Engine.Model;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server.Tests;

/// <summary>
/// The store on a real database of each provider: immutability in the database itself, foreign keys, migrations,
/// import/export, publications that conflict when checked against the same state.
/// </summary>
public abstract class StoreTests : IDisposable
{
    private readonly TestDatabase _test;
    protected StoreDatabase Database { get; }
    private readonly RulesTransfer _transfer;
    private readonly AuditLog _audit;
    private readonly VersionRepository _versions;
    private readonly RevisionRepository _revisions;

    protected StoreTests(string provider)
    {
        _test = TestDatabase.Create(provider);
        Database = _test.Open();
        new MigrationRunner(Database).Apply();
        _audit = new AuditLog(Database, TimeProvider.System);
        _versions = new VersionRepository(Database, _audit, TimeProvider.System);
        _revisions = new RevisionRepository(Database, _audit, TimeProvider.System);
        _transfer = new RulesTransfer(Database, _versions, _revisions, _audit, TimeProvider.System);
    }

    public void Dispose()
    {
        Database.Dispose();
        _test.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_sign_in_lock_out_is_counted_per_account_and_address_in_the_database_and_lifted_once()
    {
        var users = new UserRepository(Database, _audit, TimeProvider.System);
        var user = users.Create("laas-" + Guid.NewGuid().ToString("N")[..6], "Låst", "hash", [Roles.Editor], "test");
        var failures = new FailedSignInRepository(Database, TimeProvider.System);
        var lockouts = new SignInLockoutRepository(Database, _audit, TimeProvider.System);
        var policy = new LockoutPolicy(3, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
        for (var i = 0; i < 2; i++)
        {
            failures.Record(user.Id, "2001:db8::1", "2001:db8::/64", FailedSignInReason.WrongPassword, TimeSpan.FromDays(30));
            Assert.Null(lockouts.LockIfDue(user.Id, user.Username, "2001:db8::/64", policy));
        }
        failures.Record(user.Id, "192.0.2.1", "192.0.2.1", FailedSignInReason.WrongPassword, TimeSpan.FromDays(30));
        Assert.Null(lockouts.LockIfDue(user.Id, user.Username, "192.0.2.1", policy));
        failures.Record(user.Id, "2001:db8::2", "2001:db8::/64", FailedSignInReason.WrongPassword, TimeSpan.FromDays(30));
        var lockout = lockouts.LockIfDue(user.Id, user.Username, "2001:db8::/64", policy);
        Assert.NotNull(lockout);
        Assert.NotNull(lockouts.LockedUntil(user.Id, "2001:db8::/64"));
        Assert.Null(lockouts.LockedUntil(user.Id, "192.0.2.1"));
        // The failures that caused the lock do not lock again.
        Assert.Null(lockouts.LockIfDue(user.Id, user.Username, "2001:db8::/64", policy));
        Assert.Contains(lockouts.Active(), l => l.Id == lockout.Id && l.Username == user.Username);
        Assert.True(lockouts.Lift(lockout.Id, "chef"));
        Assert.False(lockouts.Lift(lockout.Id, "chef"));
        Assert.Null(lockouts.LockedUntil(user.Id, "2001:db8::/64"));
        Assert.Equal(2, _audit.Query(new AuditFilter(Entity: "user")).Count(e => e.EntityId == user.Username
            && e.Action is SignInLockoutRepository.LockAction or SignInLockoutRepository.LiftAction));
    }

    [Fact]
    public void Foreign_keys_are_enforced()
    {
        using var c = Database.Open();
        var ex = Assert.ThrowsAny<DbException>(() => c.Execute("""
            INSERT INTO versions (ruleset_id, valid_from, status, content_json, content_hash, tests_json, templates_json, created_by, created_at)
            VALUES ('findes-ikke', '2024-01-01', 'draft', '{}', 'x', '[]', '[]', 'test', '2024-01-01T00:00:00.0000000Z')
            """));
        Assert.Contains("foreign key", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Updating_or_deleting_a_published_version_is_refused_by_the_database()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = Database.Open();
        var id = c.ExecuteScalar<long>("SELECT id FROM versions WHERE status = 'published' LIMIT 1");
        var update = Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE versions SET content_json = '{}' WHERE id = @id", new { id }));
        Assert.Contains("offentliggjort version kan ikke ændres", update.Message);
        Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE versions SET status = 'draft' WHERE id = @id", new { id }));
        Assert.ThrowsAny<DbException>(() => c.Execute("DELETE FROM versions WHERE id = @id", new { id }));
        var sats = c.ExecuteScalar<long>("SELECT id FROM sats_revisions WHERE status = 'published' LIMIT 1");
        Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE sats_revisions SET content_json = '{}' WHERE id = @sats", new { sats }));
        Assert.ThrowsAny<DbException>(() => c.Execute("DELETE FROM sats_revisions WHERE id = @sats", new { sats }));
        Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE sats_values SET value = '1' WHERE revision_id = @sats", new { sats }));
        Assert.ThrowsAny<DbException>(() => c.Execute("DELETE FROM sats_values WHERE revision_id = @sats", new { sats }));
        var lookup = c.ExecuteScalar<long>("SELECT id FROM lookup_revisions WHERE status = 'published' LIMIT 1");
        Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE lookup_revisions SET content_json = '{}' WHERE id = @lookup", new { lookup }));
        Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE publications SET actor = 'x'"));
        Assert.ThrowsAny<DbException>(() => c.Execute("DELETE FROM publications"));
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM publications"));
    }

    [Fact]
    public void Versions_and_sats_revisions_go_through_the_same_review_steps()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        var published = _versions.Published()[0];
        var draft = _versions.CreateDraft(published, published.ValidFrom.AddYears(50), published.ContentJson, published.ContentHash, "anna");
        var series = _revisions.LatestSatser()[0].Series;
        var sats = _revisions.CreateSatsDraft(series, null, "anna", "Næste års værdi.");

        var version = _versions.Transition(draft.Id, Status.Draft, Status.InReview, "anna", AuditActions.VersionSubmit);
        var revision = _revisions.TransitionSats(sats, Status.Draft, Status.InReview, "anna", AuditActions.SatsSubmit);
        Assert.Equal((Status.InReview, "anna"), (version.Status, version.SubmittedBy));
        Assert.Equal((Status.InReview, "anna"), (revision.Status, revision.SubmittedBy));
        // A second submit finds the row in review already (someone was quicker): refused alike, nothing changes.
        Assert.Throws<ConcurrencyConflictException>(() => _versions.Transition(draft.Id, Status.Draft, Status.InReview, "anna", AuditActions.VersionSubmit));
        Assert.Throws<ConcurrencyConflictException>(() => _revisions.TransitionSats(sats, Status.Draft, Status.InReview, "anna", AuditActions.SatsSubmit));

        version = _versions.Transition(draft.Id, Status.InReview, Status.Draft, "bo", AuditActions.VersionReject, "Ret R1.");
        revision = _revisions.TransitionSats(sats, Status.InReview, Status.Draft, "bo", AuditActions.SatsReject, "Ret 2024.");
        Assert.Equal((Status.Draft, "Ret R1."), (version.Status, version.ReviewComment));
        Assert.Equal((Status.Draft, "Ret 2024."), (revision.Status, revision.ReviewComment));
        var rejections = _audit.Query(new AuditFilter(Actor: "bo"));
        Assert.Contains(rejections, e => e.Action == AuditActions.VersionReject && e.Entity == "version:" + published.RulesetId && e.EntityId == draft.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(rejections, e => e.Action == AuditActions.SatsReject && e.Entity == "sats:" + series.Key && e.EntityId == sats.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_sats_draft_is_saved_in_place_once_per_revision_and_deleted_only_as_a_draft()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        var series = _revisions.LatestSatser()[0].Series;
        var id = _revisions.CreateSatsDraft(series, null, "anna", "Næste års værdi.");
        Assert.Equal(id, _revisions.OpenSats(series.Key)!.Id);
        var later = new SatsValue { ValidFrom = new DateOnly(2040, 1, 1), ValidTo = new DateOnly(2040, 12, 31), Value = 1234.56m, Source = "test" };
        var changed = series with { Values = [.. series.Values, later] };

        var saved = _revisions.SaveSatsDraft(id, 1, changed, "bo");
        Assert.Equal((id, 2L, "bo"), (saved.Id, saved.Revision, saved.UpdatedBy));
        using (var c = Database.Open())
            Assert.Equal(series.Values.Count + 1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sats_values WHERE revision_id = @id", new { id }));
        // A save from an older revision, and one after submission, are conflicts that change nothing.
        Assert.Throws<ConcurrencyConflictException>(() => _revisions.SaveSatsDraft(id, 1, series, "anna"));
        _revisions.TransitionSats(id, Status.Draft, Status.InReview, "bo", AuditActions.SatsSubmit);
        Assert.Throws<ConcurrencyConflictException>(() => _revisions.SaveSatsDraft(id, 3, series, "bo"));
        Assert.Throws<ConcurrencyConflictException>(() => _revisions.DeleteSatsDraft(id, 3, "bo"));
        Assert.Equal(saved.ContentHash, _revisions.GetSats(id)!.ContentHash);

        var back = _revisions.TransitionSats(id, Status.InReview, Status.Draft, "cai", AuditActions.SatsReject, "Ikke i år.");
        _revisions.DeleteSatsDraft(id, back.Revision, "bo");
        Assert.Null(_revisions.GetSats(id));
        Assert.Null(_revisions.OpenSats(series.Key));
        using (var c = Database.Open())
            Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sats_values WHERE revision_id = @id", new { id }));
        Assert.Contains(_audit.Query(new AuditFilter(Actor: "bo")), e => e.Action == AuditActions.SatsDelete && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The audit log names revisions by id: the next draft never gets the deleted one's id.
        Assert.True(_revisions.CreateSatsDraft(series, null, "anna", "Igen.") > id);
    }

    [Fact]
    public void Of_two_publications_checked_against_the_same_state_the_second_is_a_conflict_and_changes_nothing()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        var publications = new PublicationLog(Database, TimeProvider.System);
        var published = _versions.Published().First(v => v.RulesetId == "sel-97");
        var seen = _versions.Published().Count(v => v.RulesetId == "sel-97");
        var first = Submitted(published, "anna");
        var second = Submitted(published, "anna");
        var before = publications.LatestId();

        var winner = _versions.Publish(first.Id, seen, "bo");
        var conflict = Assert.Throws<ConcurrencyConflictException>(() => _versions.Publish(second.Id, seen, "carl"));

        Assert.Contains("blev offentliggjort af en anden", conflict.Message);
        Assert.Equal(Status.Published, winner.Status);
        Assert.Equal(Status.InReview, _versions.Get(second.Id)!.Status);
        Assert.Equal(before + 1, publications.LatestId());
        Assert.DoesNotContain(_audit.Query(new AuditFilter(Actor: "carl")), e => e.Action == AuditActions.VersionApprove);
        // Checked against the state after the first, the second may go ahead (a correction of the correction).
        Assert.Equal(Status.Published, _versions.Publish(second.Id, seen + 1, "carl").Status);
        Assert.Equal(before + 2, publications.LatestId());
    }

    [Fact]
    public void A_publication_number_that_is_not_the_true_count_is_refused_by_the_database()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = Database.Open();
        var ex = Assert.ThrowsAny<DbException>(() => c.Execute("""
            INSERT INTO publications (published_at, kind, subject, sequence, actor)
            VALUES ('2030-01-01T00:00:00.0000000Z', 'version', 'sel-97', 99, 'test')
            """));
        Assert.Contains("antallet af offentliggjorte udgaver", ex.Message);
        Assert.ThrowsAny<DbException>(() => c.Execute("""
            INSERT INTO publications (published_at, kind, subject, sequence, actor)
            VALUES ('2030-01-01T00:00:00.0000000Z', 'import', 'rules', 1, 'test')
            """));
    }

    [Fact]
    public void The_audit_log_cannot_be_changed_or_deleted()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = Database.Open();
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'import.file' AND after_hash LIKE 'sha256:%'") > 10);
        var update = Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE audit_log SET actor = 'x'"));
        Assert.Contains("Revisionssporet kan ikke ændres", update.Message);
        Assert.ThrowsAny<DbException>(() => c.Execute("DELETE FROM audit_log"));
    }

    [Fact]
    public void Import_then_export_gives_byte_identical_files()
    {
        var source = RulesServerFactory.RulesFolder;
        _transfer.Import(source);
        var exported = Path.Combine(Path.GetTempPath(), "sl-export-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            _transfer.Export(exported, "test");
            var expected = Files(source);
            var actual = Files(exported);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (path, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} er ikke byte-identisk efter import og eksport (kør 'format rules').");
        }
        finally
        {
            Directory.Delete(exported, recursive: true);
        }
    }

    [Fact]
    public void A_second_import_of_the_same_rulesets_changes_nothing()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        using var c = Database.Open();
        var before = c.ExecuteScalar<long>("SELECT COUNT(*) FROM versions");
        Assert.Throws<InvalidOperationException>(() => _transfer.Import(RulesServerFactory.RulesFolder));
        Assert.Equal(before, c.ExecuteScalar<long>("SELECT COUNT(*) FROM versions"));
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM publications WHERE kind = 'import'"));
    }

    [Fact]
    public void Migrations_run_once_and_a_changed_applied_migration_stops_start_up()
    {
        var runner = new MigrationRunner(Database);
        Assert.Empty(runner.Apply());
        var changed = MigrationRunner.Embedded(Database.Dialect.Name).Select(m => m.Number == 1 ? m with { Sql = m.Sql + "\n-- ændret" } : m).ToList();
        var ex = Assert.Throws<MigrationChangedException>(() => runner.Apply(changed));
        Assert.Contains("0001_initial.sql er ændret", ex.Message);
    }

    [Fact]
    public void A_failing_migration_leaves_nothing_half_written()
    {
        var runner = new MigrationRunner(Database);
        var broken = MigrationRunner.Embedded(Database.Dialect.Name)
            .Append(MigrationRunner.Parse("0999_broken.sql", "CREATE TABLE half (x INTEGER); SELECT * FROM does_not_exist;")).ToList();
        Assert.ThrowsAny<DbException>(() => runner.Apply(broken));
        using var c = Database.Open();
        Assert.ThrowsAny<DbException>(() => c.Execute("SELECT COUNT(*) FROM half"));
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 999"));
    }

    [Fact]
    public async Task Migrating_from_several_processes_at_once_applies_each_migration_once()
    {
        using var other = StoreDatabase.Create(_test.Options);
        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => new MigrationRunner(i % 2 == 0 ? Database : other).Apply().Count)));
        Assert.All(applied, count => Assert.Equal(0, count));
        using var c = Database.Open();
        Assert.Equal(MigrationRunner.Embedded(Database.Dialect.Name).Count, c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void A_draft_keeps_the_end_of_its_validity_in_its_row_when_created_and_saved()
    {
        _transfer.Import(RulesServerFactory.RulesFolder);
        var from = _versions.Published().First(v => v.RulesetId == "sel-97");
        var created = _versions.CreateDraft(from.RulesetId, new DateOnly(2040, 1, 1), new DateOnly(2040, 12, 31), from.ContentJson, from.ContentHash,
            from.TestsJson, from.TemplatesJson, null, "test");
        Assert.Equal(new DateOnly(2040, 12, 31), created.ValidTo);
        var saved = _versions.SaveDraft(created.Id, created.Revision, new DateOnly(2040, 1, 1), new DateOnly(2041, 6, 30), from.ContentJson, from.ContentHash,
            from.TestsJson, from.TemplatesJson, "test");
        Assert.Equal(new DateOnly(2041, 6, 30), saved.ValidTo);
        var reopened = _versions.SaveDraft(saved.Id, saved.Revision, new DateOnly(2040, 1, 1), null, from.ContentJson, from.ContentHash,
            from.TestsJson, from.TemplatesJson, "test");
        Assert.Null(reopened.ValidTo);
    }

    private VersionRow Submitted(VersionRow from, string actor)
    {
        var draft = _versions.CreateDraft(from, from.ValidFrom, from.ContentJson, from.ContentHash, actor);
        return _versions.Transition(draft.Id, Status.Draft, Status.InReview, actor, AuditActions.VersionSubmit);
    }

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes);
}

public sealed class SqliteStoreTests() : StoreTests(TestDatabase.Sqlite)
{
    [Fact]
    public void Database_is_in_wal_mode_with_foreign_keys()
    {
        using var c = Database.Open();
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, c.ExecuteScalar<int>("PRAGMA foreign_keys"));
    }

    [Fact]
    public void Amounts_and_dates_are_stored_as_text_never_floating_point()
    {
        new RulesTransfer(Database, new VersionRepository(Database, new AuditLog(Database, TimeProvider.System), TimeProvider.System),
            new RevisionRepository(Database, new AuditLog(Database, TimeProvider.System), TimeProvider.System),
            new AuditLog(Database, TimeProvider.System), TimeProvider.System).Import(RulesServerFactory.RulesFolder);
        using var c = Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sats_values WHERE typeof(value) <> 'text' OR typeof(valid_from) <> 'text'"));
    }
}

[Trait("Provider", "postgres")]
public sealed class PostgresStoreTests() : StoreTests(TestDatabase.Postgres)
{
    [Theory]
    [InlineData("created_at", "'2024-01-01 00:00:00+00'")]
    [InlineData("created_at", "'2024-01-01T00:00:00Z'")]
    [InlineData("value", "'1.5e3'")]
    [InlineData("value", "'12,50'")]
    public void Instants_and_amounts_in_any_other_text_form_are_refused_by_the_database(string column, string literal)
    {
        using var c = Database.Open();
        var values = new Dictionary<string, string> { ["created_at"] = "'2024-01-01T00:00:00.0000000Z'", ["value"] = "'100.00'" };
        values[column] = literal;
        var ex = Assert.ThrowsAny<DbException>(() =>
        {
            var revision = c.ExecuteScalar<long>($"""
                INSERT INTO sats_revisions (key, status, content_json, content_hash, created_by, created_at)
                VALUES ('test.sats', 'draft', '{"{}"}', 'x', 'test', {values["created_at"]}) RETURNING id
                """);
            c.Execute($"INSERT INTO sats_values (revision_id, valid_from, value, source) VALUES ({revision}, '2024-01-01', {values["value"]}, 'test')");
        });
        Assert.Contains("violates check constraint", ex.Message);
    }

    [Fact]
    public void User_names_are_unique_without_regard_to_case()
    {
        using var c = Database.Open();
        const string insert = "INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES (@name, 'x', 'x', 'editor', '2024-01-01T00:00:00.0000000Z')";
        c.Execute(insert, new { name = "Anna" });
        Assert.Equal("Anna", c.ExecuteScalar<string>("SELECT username FROM users WHERE username = 'ANNA'"));
        Assert.ThrowsAny<DbException>(() => c.Execute(insert, new { name = "anna" }));
    }

    [Fact]
    public void Truncating_published_content_or_the_audit_log_is_refused()
    {
        using var c = Database.Open();
        foreach (var table in new[] { "versions", "sats_revisions", "sats_values", "lookup_revisions", "audit_log", "publications" })
            Assert.ThrowsAny<DbException>(() => c.Execute($"TRUNCATE {table} CASCADE"));
    }
}

/// <summary>Both providers' migrations: the same numbered files, so a schema change is made for both.</summary>
public sealed class MigrationFolderTests
{
    [Fact]
    public void Sqlite_and_postgres_have_the_same_numbered_migrations_and_nothing_lies_outside_them()
    {
        var root = Path.Combine(RulesServerFactory.RepositoryRoot, "migrations");
        Assert.Empty(Directory.GetFiles(root, "*.sql"));
        Assert.Equal(Directory.GetDirectories(root).Select(Path.GetFileName).Order(), new[] { "postgres", "sqlite" });
        var sqlite = MigrationRunner.Embedded(SqlDialect.Sqlite.Name).Select(m => m.Name).ToList();
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, MigrationRunner.Embedded(SqlDialect.Postgres.Name).Select(m => m.Name).ToList());
        Assert.Equal(Directory.GetFiles(Path.Combine(root, "sqlite"), "*.sql").Select(Path.GetFileName).Order(), sqlite);
    }
}
