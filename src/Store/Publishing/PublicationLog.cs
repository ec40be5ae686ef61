using System.Data;
using System.Globalization;
using Dapper;
using Serviceloven.Store.Database;
using Serviceloven.Store.Versions;

namespace Serviceloven.Store.Publishing;

public static class PublicationKinds
{
    public const string Import = "import";
    public const string Version = "version";
    public const string Sats = "sats";

    /// <summary>How many imports of rules/ the database has had.</summary>
    public static long Imports(IDbConnection c, IDbTransaction? tx) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM publications WHERE kind = 'import'", transaction: tx);

    /// <summary>The subject of every import of a rules/ folder.</summary>
    public const string ImportSubject = "rules";
}

/// <summary>
/// A publisher's claim: the next publication of <paramref name="Subject"/> (a ruleset id, a sats key), after the
/// <paramref name="PublishedBefore"/> publications of it that its checks saw.
/// </summary>
public sealed record PublicationClaim(string Kind, string Subject, long PublishedBefore);

/// <summary>A row of the publications table: what was published (a version, a sats revision, an import of rules/), and when.</summary>
public sealed class PublicationRow
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public long? EntityId { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>
/// The numbered publications (table publications). Their latest id tells a node whether its snapshot is current;
/// recording one in a publishing transaction makes two publications of one subject checked against the same state
/// a conflict (the table's UNIQUE), and on PostgreSQL notifies every listening node at commit.
/// </summary>
public sealed class PublicationLog(StoreDatabase database, TimeProvider time)
{
    /// <summary>The id of the latest publication, 0 when nothing has been published.</summary>
    public long LatestId()
    {
        using var c = database.Open();
        return LatestId(c, null);
    }

    public static long LatestId(IDbConnection c, IDbTransaction? tx) =>
        c.ExecuteScalar<long>("SELECT COALESCE(MAX(id), 0) FROM publications", transaction: tx);

    /// <summary>The latest publication, null when nothing has been published.</summary>
    public PublicationRow? Latest()
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<PublicationRow>("""
            SELECT id, kind, subject, entity_id AS EntityId, published_at AS PublishedAt
            FROM publications ORDER BY id DESC LIMIT 1
            """);
    }

    /// <summary>
    /// Records a publication in the caller's transaction, after the published rows are written in it. Throws a
    /// conflict when someone else published the same subject since the claim's count was taken.
    /// </summary>
    public long Record(IDbConnection c, IDbTransaction tx, PublicationClaim claim, long? entityId, string actor)
    {
        var sequence = claim.PublishedBefore + 1;
        // Published meanwhile and committed (SQLite writers take turns; a node's snapshot was behind): seen here.
        if (c.ExecuteScalar<long>(CountSql(claim.Kind), new { subject = claim.Subject }, tx) != sequence)
            throw Conflict(claim);
        long id;
        try
        {
            id = c.ExecuteScalar<long>("""
                INSERT INTO publications (published_at, kind, subject, sequence, entity_id, actor)
                VALUES (@at, @kind, @subject, @sequence, @entityId, @actor)
                RETURNING id
                """, new { at = TypeHandlers.Instant(time.GetUtcNow()), kind = claim.Kind, subject = claim.Subject, sequence, entityId, actor }, tx);
        }
        catch (Exception ex) when (database.Dialect.IsPublicationConflict(ex))
        {
            // Published at the same moment in another transaction (another node): the database let exactly one in.
            throw Conflict(claim, ex);
        }
        if (database.Dialect.NotifyPublication is { } notify)
            c.Execute(notify, new { payload = id.ToString(CultureInfo.InvariantCulture) }, tx);
        return id;
    }

    /// <summary>The subject's publications including this one (its published rows are written already; its import row is not).</summary>
    private static string CountSql(string kind) => kind switch
    {
        PublicationKinds.Import => "SELECT COUNT(*) + 1 FROM publications WHERE kind = 'import' AND subject = @subject",
        PublicationKinds.Version => "SELECT COUNT(*) FROM versions WHERE ruleset_id = @subject AND status = 'published'",
        PublicationKinds.Sats => "SELECT COUNT(*) FROM sats_revisions WHERE key = @subject AND status = 'published'",
        _ => throw new ArgumentException($"Ukendt slags offentliggørelse '{kind}'.", nameof(kind)),
    };

    private static ConcurrencyConflictException Conflict(PublicationClaim claim, Exception? inner = null) => new(
        claim.Kind == PublicationKinds.Import
            ? "En anden proces importerede regler i databasen samtidig; denne import er ikke gennemført, og intet er ændret."
            : $"{(claim.Kind == PublicationKinds.Sats ? "Satsen" : "Regelsættet")} {claim.Subject} blev offentliggjort af en anden, mens du godkendte " +
              "(på denne eller en anden server). Din godkendelse er ikke gennemført, og intet er ændret: se den nye tidslinje, og godkend igen.",
        null, inner);
}
