using System.Globalization;
using System.Data;
using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Review;

namespace Serviceloven.Store.Versions;

/// <summary>Ruleset versions through their lifecycle: draft, in review, published (then immutable).</summary>
public sealed class VersionRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private static readonly ReviewedEntity<VersionRow> Reviewed =
        new("versions", "Version", "Versionen", Get, row => AuditEntities.Version(row.RulesetId), PublicationKinds.Version, row => row.RulesetId);

    private readonly ReviewWorkflow _review = new(database, audit, time);

    private const string Columns = """
        id, ruleset_id AS RulesetId, valid_from AS ValidFrom, valid_to AS ValidTo, status, content_json AS ContentJson,
        content_hash AS ContentHash, tests_json AS TestsJson, templates_json AS TemplatesJson, based_on AS BasedOn, revision,
        created_by AS CreatedBy, created_at AS CreatedAt, updated_by AS UpdatedBy, updated_at AS UpdatedAt,
        submitted_by AS SubmittedBy, submitted_at AS SubmittedAt, approved_by AS ApprovedBy, approved_at AS ApprovedAt,
        published_at AS PublishedAt, review_comment AS ReviewComment
        """;

    public IReadOnlyList<RulesetRow> Rulesets()
    {
        using var c = database.Open();
        return c.Query<RulesetRow>("SELECT id, definition_json AS DefinitionJson, created_at AS CreatedAt FROM rulesets ORDER BY id").ToList();
    }

    public IReadOnlyList<VersionRow> Published()
    {
        using var c = database.Open();
        return c.Query<VersionRow>($"SELECT {Columns} FROM versions WHERE status = 'published' ORDER BY ruleset_id, valid_from, published_at").ToList();
    }

    public IReadOnlyList<VersionRow> ForRuleset(string rulesetId)
    {
        using var c = database.Open();
        return c.Query<VersionRow>($"SELECT {Columns} FROM versions WHERE ruleset_id = @rulesetId ORDER BY valid_from, id", new { rulesetId }).ToList();
    }

    public IReadOnlyList<VersionRow> WithStatus(string status)
    {
        using var c = database.Open();
        return c.Query<VersionRow>($"SELECT {Columns} FROM versions WHERE status = @status ORDER BY ruleset_id, valid_from", new { status }).ToList();
    }

    public VersionRow? Get(long id)
    {
        using var c = database.Open();
        return Get(c, null, id);
    }

    private static VersionRow? Get(IDbConnection c, IDbTransaction? tx, long id) =>
        c.QuerySingleOrDefault<VersionRow>($"SELECT {Columns} FROM versions WHERE id = @id", new { id }, tx);

    public void InsertRuleset(IDbConnection c, IDbTransaction tx, string id, string definitionJson) =>
        c.Execute("INSERT INTO rulesets (id, definition_json, created_at) VALUES (@id, @definitionJson, @at)",
            new { id, definitionJson, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);

    /// <summary>A new ruleset with its definition; refused when the id is taken.</summary>
    public RulesetRow CreateRuleset(string id, string definitionJson, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM rulesets WHERE id = @id", new { id }, tx) > 0)
            throw new RefusedException($"Regelsættet '{id}' findes allerede.");
        InsertRuleset(c, tx, id, definitionJson);
        audit.Write(c, tx, actor, AuditActions.RulesetCreate, AuditEntities.Ruleset(id), id, null, Serviceloven.Engine.Serialization.ContentHash.OfText(definitionJson),
            $"Regelsættet {id} oprettet.");
        tx.Commit();
        return Rulesets().Single(r => r.Id == id);
    }

    /// <summary>Replaces a ruleset's definition (the caller decides when that is allowed), audited with both hashes.</summary>
    public void UpdateRulesetDefinition(string id, string definitionJson, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var before = c.ExecuteScalar<string?>("SELECT definition_json FROM rulesets WHERE id = @id", new { id }, tx)
            ?? throw new RefusedException($"Regelsættet '{id}' findes ikke.");
        c.Execute("UPDATE rulesets SET definition_json = @definitionJson WHERE id = @id", new { id, definitionJson }, tx);
        audit.Write(c, tx, actor, AuditActions.RulesetUpdate, AuditEntities.Ruleset(id), id, Serviceloven.Engine.Serialization.ContentHash.OfText(before),
            Serviceloven.Engine.Serialization.ContentHash.OfText(definitionJson), $"Regelsættet {id}: titel, retsgrundlag eller kilder ændret.");
        tx.Commit();
    }

    /// <summary>A draft with the given content, tests and templates, based on no version (a new ruleset's first version).</summary>
    public VersionRow CreateDraft(string rulesetId, DateOnly validFrom, DateOnly? validTo, string contentJson, string contentHash,
        string testsJson, string templatesJson, long? basedOn, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var id = Insert(c, tx, new VersionRow
        {
            RulesetId = rulesetId, ValidFrom = validFrom, ValidTo = validTo, Status = Status.Draft, ContentJson = contentJson, ContentHash = contentHash,
            TestsJson = testsJson, TemplatesJson = templatesJson, BasedOn = basedOn, CreatedBy = actor, CreatedAt = time.GetUtcNow(),
        });
        audit.Write(c, tx, actor, AuditActions.DraftCreate, AuditEntities.Version(rulesetId), id.ToString(CultureInfo.InvariantCulture), null, contentHash,
            $"Kladde gældende fra {validFrom:dd-MM-yyyy} oprettet{(basedOn is { } b ? $" med testcases og skabeloner fra version {b}" : "")}, uden regler (fra bunden).");
        tx.Commit();
        return Get(id)!;
    }

    /// <summary>Inserts a row as given (used by import, which publishes directly as "import").</summary>
    public long Insert(IDbConnection c, IDbTransaction tx, VersionRow row) =>
        c.ExecuteScalar<long>("""
            INSERT INTO versions (ruleset_id, valid_from, valid_to, status, content_json, content_hash, tests_json, templates_json,
                based_on, revision, created_by, created_at, submitted_by, submitted_at, approved_by, approved_at, published_at)
            VALUES (@RulesetId, @ValidFrom, @ValidTo, @Status, @ContentJson, @ContentHash, @TestsJson, @TemplatesJson,
                @BasedOn, 1, @CreatedBy, @CreatedAt, @SubmittedBy, @SubmittedAt, @ApprovedBy, @ApprovedAt, @PublishedAt)
            RETURNING id
            """, new
            {
                row.RulesetId, row.ValidFrom, row.ValidTo, row.Status, row.ContentJson, row.ContentHash, row.TestsJson, row.TemplatesJson, row.BasedOn,
                row.CreatedBy, CreatedAt = TypeHandlers.Instant(row.CreatedAt), row.SubmittedBy, SubmittedAt = Instant(row.SubmittedAt),
                row.ApprovedBy, ApprovedAt = Instant(row.ApprovedAt), PublishedAt = Instant(row.PublishedAt),
            }, tx);

    // Dapper sends DateTimeOffset as the provider's own type (PostgreSQL: timestamptz), past the type handler: instants go as text.
    private static string? Instant(DateTimeOffset? value) => value is { } v ? TypeHandlers.Instant(v) : null;

    /// <summary>A new draft copied from another version, with its own validFrom.</summary>
    public VersionRow CreateDraft(VersionRow from, DateOnly validFrom, string contentJson, string contentHash, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var now = time.GetUtcNow();
        var id = Insert(c, tx, new VersionRow
        {
            RulesetId = from.RulesetId, ValidFrom = validFrom, Status = Status.Draft, ContentJson = contentJson, ContentHash = contentHash,
            TestsJson = from.TestsJson, TemplatesJson = from.TemplatesJson, BasedOn = from.Id, CreatedBy = actor, CreatedAt = now,
        });
        audit.Write(c, tx, actor, AuditActions.DraftCreate, AuditEntities.Version(from.RulesetId), id.ToString(CultureInfo.InvariantCulture), from.ContentHash, contentHash,
            $"Kladde gældende fra {validFrom:dd-MM-yyyy} oprettet ud fra version {from.Id}.");
        tx.Commit();
        return Get(id)!;
    }

    /// <summary>Saves a draft if nobody else saved it since <paramref name="expectedRevision"/>; otherwise a conflict with the current row.</summary>
    public VersionRow SaveDraft(long id, long expectedRevision, DateOnly validFrom, DateOnly? validTo, string contentJson, string contentHash,
        string testsJson, string templatesJson, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var before = Get(c, tx, id) ?? throw new RefusedException($"Version {id} findes ikke.");
        var changed = c.Execute("""
            UPDATE versions SET valid_from = @validFrom, valid_to = @validTo, content_json = @contentJson, content_hash = @contentHash,
                tests_json = @testsJson, templates_json = @templatesJson, revision = revision + 1,
                updated_by = @actor, updated_at = @at
            WHERE id = @id AND revision = @expectedRevision AND status = 'draft'
            """, new { id, expectedRevision, validFrom, validTo, contentJson, contentHash, testsJson, templatesJson, actor, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);
        if (changed == 0)
        {
            // Read again after the failed update: the row as the other editor left it, and the message names the draft.
            var current = Get(c, tx, id) ?? before;
            tx.Rollback();
            var draft = $"{current.RulesetId} gældende fra {current.ValidFrom:dd-MM-yyyy}";
            throw current.Status != Status.Draft
                ? new ConcurrencyConflictException($"Versionen af {draft} er ikke længere en kladde og kan ikke gemmes.", current)
                : new ConcurrencyConflictException($"{current.UpdatedBy ?? current.CreatedBy} har gemt kladden til {draft}, efter du åbnede den. Se begge udgaver før du gemmer igen.", current);
        }
        audit.Write(c, tx, actor, AuditActions.DraftSave, AuditEntities.Version(before.RulesetId), id.ToString(CultureInfo.InvariantCulture), before.ContentHash, contentHash);
        tx.Commit();
        return Get(id)!;
    }

    /// <summary>A step of the review workflow before publication (submit, reject), audited as <paramref name="action"/>.</summary>
    public VersionRow Transition(long id, string fromStatus, string toStatus, string actor, string action, string? comment = null) =>
        _review.Transition(Reviewed, id, fromStatus, toStatus, actor, action, comment);

    /// <summary>
    /// Publishes a version in review (approved by <paramref name="actor"/>). <paramref name="publishedBefore"/> is the
    /// number of published versions of its ruleset the approver's checks ran against; if another publication of the
    /// ruleset came first, on any node, this one is a <see cref="ConcurrencyConflictException"/> and nothing changes.
    /// <paramref name="publication"/> is the audit entry of the publication, written in the same transaction.
    /// </summary>
    public VersionRow Publish(long id, long publishedBefore, string actor, string? comment = null, PublicationEntry? publication = null) =>
        _review.Transition(Reviewed, id, Status.InReview, Status.Published, actor, AuditActions.VersionApprove, comment, publishedBefore, publication);
}
