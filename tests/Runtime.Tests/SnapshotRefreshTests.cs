using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Runtime.Tests;

/// <summary>
/// A snapshot knows the latest publication it holds; a node refreshes only when the database has a later one (a
/// publication through another node), and then compiles only the new version, keeping every other entry as it was.
/// </summary>
public sealed class SnapshotRefreshTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sl-refresh-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SqliteDatabase _database;
    private readonly VersionRepository _versions;
    private readonly SnapshotHolder _holder = new();
    private readonly SnapshotBuilder _builder;

    public SnapshotRefreshTests()
    {
        Directory.CreateDirectory(_folder);
        _database = new SqliteDatabase(new StoreOptions { DatabasePath = Path.Combine(_folder, "rules.db") });
        new MigrationRunner(_database).Apply();
        var audit = new AuditLog(_database, TimeProvider.System);
        _versions = new VersionRepository(_database, audit, TimeProvider.System);
        var revisions = new RevisionRepository(_database, audit, TimeProvider.System);
        new RulesTransfer(_database, _versions, revisions, audit, TimeProvider.System).Import(Path.Combine(PublishedRulesFixture.RepositoryRoot, "rules"));
        _builder = new SnapshotBuilder(_versions, revisions, new PublicationLog(_database, TimeProvider.System), new CompiledVersions(), _holder,
            TimeProvider.System, NullLogger<SnapshotBuilder>.Instance);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* the temp cleaner takes it */ }
    }

    [Fact]
    public void A_snapshot_is_refreshed_only_for_a_later_publication_and_keeps_the_unchanged_versions()
    {
        var first = _builder.Reload();
        Assert.Equal(1, first.PublicationId);
        Assert.Null(_builder.RefreshIfBehind());
        Assert.Same(first, _holder.Current);

        // Another node publishes a correction of a sel-97 version (here: straight through the store).
        var original = _versions.Published().First(v => v.RulesetId == "sel-97");
        var content = RulesJson.Deserialize<RulesetVersion>(original.ContentJson) with { ChangeNote = "Rettelse fra en anden node." };
        var json = JsonSerializer.Serialize(content, RulesJson.Canonical);
        var draft = _versions.CreateDraft(original, original.ValidFrom, json, ContentHash.OfText(json), "anna");
        _versions.Transition(draft.Id, Status.Draft, Status.InReview, "anna", AuditActions.VersionSubmit);
        _versions.Publish(draft.Id, first.Rulesets["sel-97"].Versions.Count, "bo");

        var second = _builder.RefreshIfBehind();
        Assert.NotNull(second);
        Assert.Equal(2, second.PublicationId);
        Assert.Same(second, _holder.Current);
        Assert.Contains(second.Rulesets["sel-97"].Versions, v => v.Id == draft.Id);
        var before = first.Rulesets.Values.SelectMany(r => r.Versions).ToDictionary(v => v.Id);
        Assert.All(second.Rulesets.Values.SelectMany(r => r.Versions).Where(v => v.Id != draft.Id), v => Assert.Same(before[v.Id], v));
        Assert.Null(_builder.RefreshIfBehind());
    }
}
