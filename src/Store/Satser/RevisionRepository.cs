using System.Globalization;
using System.Data;
using System.Text.Json;
using Dapper;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Review;
using Serviceloven.Store.Versions;

namespace Serviceloven.Store.Satser;

/// <summary>Revisions of sats series and lookup tables, and the shared template partials.</summary>
public sealed class RevisionRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private const string SatsColumns = """
        id, key, status, content_json AS ContentJson, content_hash AS ContentHash, based_on AS BasedOn, revision,
        created_by AS CreatedBy, created_at AS CreatedAt, updated_by AS UpdatedBy, updated_at AS UpdatedAt, submitted_by AS SubmittedBy, approved_by AS ApprovedBy,
        published_at AS PublishedAt, review_comment AS ReviewComment
        """;

    private static readonly ReviewedEntity<RevisionRow> ReviewedSats =
        new("sats_revisions", "Satsrevision", "Satsrevisionen",
            (c, tx, id) => c.QuerySingleOrDefault<RevisionRow>($"SELECT {SatsColumns} FROM sats_revisions WHERE id = @id", new { id }, tx),
            row => AuditEntities.Sats(row.Key), PublicationKinds.Sats, row => row.Key);

    private readonly ReviewWorkflow _review = new(database, audit, time);

    public IReadOnlyList<RevisionRow> PublishedSatser()
    {
        using var c = database.Open();
        return c.Query<RevisionRow>($"SELECT {SatsColumns} FROM sats_revisions WHERE status = 'published' ORDER BY key, published_at, id").ToList();
    }

    public IReadOnlyList<RevisionRow> SatsWithStatus(string status)
    {
        using var c = database.Open();
        return c.Query<RevisionRow>($"SELECT {SatsColumns} FROM sats_revisions WHERE status = @status ORDER BY key, id", new { status }).ToList();
    }

    public RevisionRow? GetSats(long id)
    {
        using var c = database.Open();
        return ReviewedSats.Read(c, null, id);
    }

    public IReadOnlyList<RevisionRow> PublishedLookups()
    {
        using var c = database.Open();
        return c.Query<RevisionRow>("""
            SELECT id, key, status, content_json AS ContentJson, content_hash AS ContentHash, created_by AS CreatedBy,
                created_at AS CreatedAt, approved_by AS ApprovedBy, published_at AS PublishedAt
            FROM lookup_revisions WHERE status = 'published' ORDER BY key, published_at, id
            """).ToList();
    }

    public IReadOnlyList<SharedTemplateRow> SharedTemplates()
    {
        using var c = database.Open();
        return c.Query<SharedTemplateRow>("""
            SELECT id, path, text, content_hash AS ContentHash, published_at AS PublishedAt FROM shared_templates ORDER BY path, id
            """).ToList();
    }

    /// <summary>The latest published revision of every sats series, by key.</summary>
    public IReadOnlyList<(RevisionRow Row, SatsSeries Series)> LatestSatser() =>
        Latest(PublishedSatser()).Select(r => (r, RulesJson.Deserialize<SatsSeries>(r.ContentJson))).ToList();

    public IReadOnlyList<LookupTable> LatestLookups() =>
        Latest(PublishedLookups()).Select(r => RulesJson.Deserialize<LookupTable>(r.ContentJson)).ToList();

    public IReadOnlyList<TemplateFile> LatestSharedTemplates() =>
        Publications.LatestPerKey(SharedTemplates(), t => t.Path, t => t.PublishedAt, t => t.Id).Select(t => new TemplateFile(t.Path, t.Text)).ToList();

    private static List<RevisionRow> Latest(IEnumerable<RevisionRow> rows) => Publications.LatestPerKey(rows, r => r.Key, r => r.PublishedAt, r => r.Id);

    /// <summary>Inserts a sats revision with its values; status and approval as given.</summary>
    public long InsertSats(IDbConnection c, IDbTransaction tx, SatsSeries series, string status, string actor,
        string? submittedBy, string? approvedBy, DateTimeOffset? publishedAt, long? basedOn)
    {
        var json = JsonSerializer.Serialize(series, RulesJson.Canonical);
        var id = c.ExecuteScalar<long>($"""
            INSERT INTO sats_revisions (id, key, status, content_json, content_hash, based_on, created_by, created_at, submitted_by, approved_by, published_at)
            VALUES ({database.Dialect.NewIdNeverReused("sats_revisions")}, @key, @status, @json, @hash, @basedOn, @actor, @at, @submittedBy, @approvedBy, @publishedAt)
            RETURNING id
            """, new { key = series.Key, status, json, hash = ContentHash.OfText(json), basedOn, actor, at = TypeHandlers.Instant(time.GetUtcNow()),
                submittedBy, approvedBy, publishedAt = publishedAt is { } p ? TypeHandlers.Instant(p) : null, deleted = AuditActions.SatsDelete }, tx);
        InsertValues(c, tx, id, series);
        return id;
    }

    private static void InsertValues(IDbConnection c, IDbTransaction tx, long id, SatsSeries series)
    {
        foreach (var v in series.Values)
            c.Execute("INSERT INTO sats_values (revision_id, valid_from, valid_to, value, source, note) VALUES (@id, @ValidFrom, @ValidTo, @Value, @Source, @Note)",
                new { id, v.ValidFrom, v.ValidTo, v.Value, v.Source, v.Note }, tx);
    }

    public long InsertLookup(IDbConnection c, IDbTransaction tx, LookupTable table, string actor, DateTimeOffset publishedAt)
    {
        var json = JsonSerializer.Serialize(table, RulesJson.Canonical);
        return c.ExecuteScalar<long>("""
            INSERT INTO lookup_revisions (key, status, content_json, content_hash, created_by, created_at, approved_by, published_at)
            VALUES (@key, 'published', @json, @hash, @actor, @at, @actor, @at)
            RETURNING id
            """, new { key = table.Key, json, hash = ContentHash.OfText(json), actor, at = TypeHandlers.Instant(publishedAt) }, tx);
    }

    public void InsertSharedTemplate(IDbConnection c, IDbTransaction tx, TemplateFile template, string actor, DateTimeOffset publishedAt) =>
        c.Execute("""
            INSERT INTO shared_templates (path, text, content_hash, created_by, published_at) VALUES (@path, @text, @hash, @actor, @at)
            """, new { path = template.Path, text = template.Text, hash = ContentHash.OfText(template.Text), actor, at = TypeHandlers.Instant(publishedAt) }, tx);

    /// <summary>A draft of a sats series (e.g. next year's regulated values), to be approved by someone else.</summary>
    public long CreateSatsDraft(SatsSeries series, long? basedOn, string actor, string detail)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var id = InsertSats(c, tx, series, Status.Draft, actor, null, null, null, basedOn);
        audit.Write(c, tx, actor, AuditActions.SatsDraft, AuditEntities.Sats(series.Key), id.ToString(CultureInfo.InvariantCulture), null, ContentHash.Of(series), detail);
        tx.Commit();
        return id;
    }

    /// <summary>The open revision (draft or in review) of a series, if any: there is at most one, so no change is lost to another.</summary>
    public RevisionRow? OpenSats(string key)
    {
        using var c = database.Open();
        return c.QueryFirstOrDefault<RevisionRow>(
            $"SELECT {SatsColumns} FROM sats_revisions WHERE key = @key AND status IN ('draft', 'in_review') ORDER BY id DESC", new { key });
    }

    /// <summary>
    /// Saves new values into a draft if nobody changed it since <paramref name="expectedRevision"/> and it is still a draft
    /// (a sent-back draft is a draft again); otherwise a conflict naming what happened.
    /// </summary>
    public RevisionRow SaveSatsDraft(long id, long expectedRevision, SatsSeries series, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var before = ReviewedSats.Read(c, tx, id) ?? throw new KeyNotFoundException($"Satsrevision {id} findes ikke.");
        if (before.Key != series.Key) throw new Refusals.RefusedException($"Satsrevision {id} hører til {before.Key}, ikke {series.Key}.");
        var json = JsonSerializer.Serialize(series, RulesJson.Canonical);
        var hash = ContentHash.OfText(json);
        var changed = c.Execute("""
            UPDATE sats_revisions SET content_json = @json, content_hash = @hash, revision = revision + 1, updated_by = @actor, updated_at = @at
            WHERE id = @id AND revision = @expectedRevision AND status = 'draft'
            """, new { id, expectedRevision, json, hash, actor, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);
        if (changed == 0)
        {
            tx.Rollback();
            throw Conflict(before);
        }
        c.Execute("DELETE FROM sats_values WHERE revision_id = @id", new { id }, tx);
        InsertValues(c, tx, id, series);
        audit.Write(c, tx, actor, AuditActions.SatsSave, AuditEntities.Sats(series.Key), id.ToString(CultureInfo.InvariantCulture), before.ContentHash, hash);
        tx.Commit();
        return ReviewedSats.Read(c, null, id)!;
    }

    /// <summary>Deletes a draft nobody changed since <paramref name="expectedRevision"/>; the audit log keeps that it existed.</summary>
    public void DeleteSatsDraft(long id, long expectedRevision, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var before = ReviewedSats.Read(c, tx, id) ?? throw new KeyNotFoundException($"Satsrevision {id} findes ikke.");
        if (before.Status != Status.Draft || before.Revision != expectedRevision)
        {
            tx.Rollback();
            throw Conflict(before);
        }
        // Another revision may name this one as its basis only once it is published, which a draft never is.
        c.Execute("DELETE FROM sats_values WHERE revision_id = @id", new { id }, tx);
        c.Execute("DELETE FROM sats_revisions WHERE id = @id AND status = 'draft'", new { id }, tx);
        audit.Write(c, tx, actor, AuditActions.SatsDelete, AuditEntities.Sats(before.Key), id.ToString(CultureInfo.InvariantCulture), before.ContentHash, null,
            $"Kladden af {before.Key} er slettet.");
        tx.Commit();
    }

    private static ConcurrencyConflictException Conflict(RevisionRow current) => new(current.Status != Status.Draft
        ? $"Satskladden har status '{current.Status}' og kan ikke ændres."
        : $"{current.UpdatedBy ?? current.CreatedBy} har gemt satskladden, efter du åbnede den. Åbn den igen, før du gemmer.", null);

    /// <summary>A step of the review workflow of a sats revision, the same as for versions, audited as <paramref name="action"/>.</summary>
    public RevisionRow TransitionSats(long id, string fromStatus, string toStatus, string actor, string action, string? comment = null) =>
        _review.Transition(ReviewedSats, id, fromStatus, toStatus, actor, action, comment);

    /// <summary>
    /// Publishes a sats revision in review; <paramref name="publishedBefore"/> as for versions, counted per series key.
    /// <paramref name="publication"/> is the audit entry of the publication, written in the same transaction.
    /// </summary>
    public RevisionRow PublishSats(long id, long publishedBefore, string actor, string? comment = null, PublicationEntry? publication = null) =>
        _review.Transition(ReviewedSats, id, Status.InReview, Status.Published, actor, AuditActions.SatsApprove, comment, publishedBefore, publication);
}
