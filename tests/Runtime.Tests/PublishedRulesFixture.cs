using Serviceloven.Runtime.Letters;
using Serviceloven.Store.Letters;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Runtime.Tests;

/// <summary>The shipped rules/ imported into a SQLite file of its own and compiled into a snapshot, without a web host.</summary>
public sealed class PublishedRulesFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sl-runtime-" + Guid.NewGuid().ToString("N")[..12]);

    public PublishedRulesFixture()
    {
        Directory.CreateDirectory(_folder);
        var database = new SqliteDatabase(new StoreOptions { DatabasePath = Path.Combine(_folder, "rules.db") });
        new MigrationRunner(database).Apply();
        var audit = new AuditLog(database, TimeProvider.System);
        var versions = new VersionRepository(database, audit, TimeProvider.System);
        var revisions = new RevisionRepository(database, audit, TimeProvider.System);
        new RulesTransfer(database, versions, revisions, audit, TimeProvider.System).Import(Path.Combine(RepositoryRoot, "rules"));
        Holder = new SnapshotHolder();
        new SnapshotBuilder(versions, revisions, new PublicationLog(database, TimeProvider.System), new CompiledVersions(), Holder, TimeProvider.System,
            NullLogger<SnapshotBuilder>.Instance).Reload();
        Evaluations = new EvaluationService(Holder, new BegrundelseService(), new LetterheadCatalog(new LetterheadRepository(database, audit, TimeProvider.System)));
    }

    public static string RepositoryRoot => typeof(PublishedRulesFixture).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public SnapshotHolder Holder { get; }
    public EvaluationService Evaluations { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* the temp cleaner takes it */ }
    }
}
