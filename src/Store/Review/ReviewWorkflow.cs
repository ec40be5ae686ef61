using System.Globalization;
using System.Data;
using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Versions;

namespace Serviceloven.Store.Review;

/// <summary>A row that goes through review: ruleset versions and sats revisions.</summary>
public interface IReviewedRow
{
    string Status { get; }
    string ContentHash { get; }
}

/// <summary>The audit entry of a publication, written in the same transaction as the approval that publishes.</summary>
public sealed record PublicationEntry(string Action, string Detail);

/// <summary>
/// What differs between reviewed kinds: the table, the words for a row in messages, how a row is read, its audit
/// entity, and what its publication counts under (a version under its ruleset, a sats revision under its key).
/// </summary>
internal sealed record ReviewedEntity<TRow>(
    string Table,
    string Name,
    string Definite,
    Func<IDbConnection, IDbTransaction?, long, TRow?> Read,
    Func<TRow, string> AuditEntity,
    string PublicationKind,
    Func<TRow, string> PublicationSubject)
    where TRow : class, IReviewedRow;

/// <summary>
/// The one review workflow of ruleset versions and sats revisions: draft -> in review -> published, or back to draft
/// with the approver's comment. A transition starts only from the status the caller saw (someone may have moved the
/// row meanwhile, on this or another node); the row, its publication and its audit entries change in one transaction.
/// </summary>
internal sealed class ReviewWorkflow(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private readonly PublicationLog _publications = new(database, time);

    /// <summary>
    /// Moves the row from <paramref name="fromStatus"/> to <paramref name="toStatus"/>. Publishing needs
    /// <paramref name="publishedBefore"/>: how many publications of the row's subject the approver's checks saw.
    /// </summary>
    public TRow Transition<TRow>(ReviewedEntity<TRow> entity, long id, string fromStatus, string toStatus, string actor, string action,
        string? comment, long? publishedBefore = null, PublicationEntry? publication = null) where TRow : class, IReviewedRow
    {
        if (toStatus == Status.Published && publishedBefore is null)
            throw new ArgumentException("En offentliggørelse skal angive, hvor mange offentliggørelser godkenderens kontrol så.", nameof(publishedBefore));
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var row = entity.Read(c, tx, id) ?? throw new RefusedException($"{entity.Name} {id} findes ikke.");
        if (row.Status != fromStatus)
            throw new ConcurrencyConflictException($"{entity.Definite} har status '{row.Status}', ikke '{fromStatus}'.", null);
        var changed = c.Execute(Update(entity.Table, toStatus),
            new { id, fromStatus, actor, now = TypeHandlers.Instant(time.GetUtcNow()), comment }, tx);
        // Read committed (PostgreSQL): another node may have moved the row after it was read; then nothing changed here.
        if (changed == 0)
            throw new ConcurrencyConflictException($"{entity.Definite} blev ændret af en anden, mens du arbejdede; intet er ændret.", null);
        if (toStatus == Status.Published)
            _publications.Record(c, tx, new PublicationClaim(entity.PublicationKind, entity.PublicationSubject(row), publishedBefore!.Value), id, actor);
        audit.Write(c, tx, actor, action, entity.AuditEntity(row), id.ToString(CultureInfo.InvariantCulture), row.ContentHash, row.ContentHash, comment);
        // A process that dies after the approval must not leave a publication the audit log does not show.
        if (publication is not null)
            audit.Write(c, tx, actor, publication.Action, entity.AuditEntity(row), id.ToString(CultureInfo.InvariantCulture), null, row.ContentHash, publication.Detail);
        tx.Commit();
        return entity.Read(c, null, id)!;
    }

    private static string Update(string table, string toStatus) => toStatus switch
    {
        Status.InReview => $"UPDATE {table} SET status = 'in_review', submitted_by = @actor, submitted_at = @now, review_comment = NULL, revision = revision + 1 WHERE id = @id AND status = @fromStatus",
        Status.Draft => $"UPDATE {table} SET status = 'draft', review_comment = @comment, revision = revision + 1 WHERE id = @id AND status = @fromStatus",
        Status.Published => $"UPDATE {table} SET status = 'published', approved_by = @actor, approved_at = @now, published_at = @now, review_comment = @comment WHERE id = @id AND status = @fromStatus",
        _ => throw new ArgumentException($"Ukendt status '{toStatus}'.", nameof(toStatus)),
    };
}
