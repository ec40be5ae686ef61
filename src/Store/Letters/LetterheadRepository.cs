using System.Text.Json;
using Dapper;
using Serviceloven.Engine.Letters;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Letters;

public sealed class LetterheadRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string ContentJson { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }

    public Letterhead Content() => RulesJson.Deserialize<Letterhead>(ContentJson);
}

/// <summary>
/// The municipalities' letterheads. Saving one writes a new revision, in force at once, with an audit entry naming who
/// changed what (before and after hash); making one the default writes new revisions of the others without the flag.
/// </summary>
public sealed class LetterheadRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    public const string AuditEntity = "letterhead";
    public const string SaveAction = "letterhead.save";
    public const string ApiClientAction = "apikey.letterhead";

    private const string Columns = "id, key, content_json AS ContentJson, content_hash AS ContentHash, created_by AS CreatedBy, published_at AS PublishedAt";

    public IReadOnlyList<LetterheadRow> All()
    {
        using var c = database.Open();
        return c.Query<LetterheadRow>($"SELECT {Columns} FROM letterhead_revisions ORDER BY key, published_at, id").ToList();
    }

    /// <summary>The newest revision's id (0 when there is none): one cheap look to tell whether another node saved one.</summary>
    public long LatestId()
    {
        using var c = database.Open();
        return c.ExecuteScalar<long>("SELECT COALESCE(MAX(id), 0) FROM letterhead_revisions");
    }

    /// <summary>The latest revision of every letterhead, by key.</summary>
    public IReadOnlyList<LetterheadRow> Latest() =>
        Publications.LatestPerKey(All(), r => r.Key, r => r.PublishedAt, r => r.Id).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>Stores a new revision of <paramref name="letterhead"/>; returns false when nothing changed.</summary>
    public bool Save(Letterhead letterhead, string actor)
    {
        var problems = letterhead.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.Values));
        using var c = database.Open();
        using var tx = database.Dialect.BeginWrite(c);
        var latest = Publications.LatestPerKey(
            c.Query<LetterheadRow>($"SELECT {Columns} FROM letterhead_revisions", transaction: tx), r => r.Key, r => r.PublishedAt, r => r.Id);
        var before = latest.FirstOrDefault(r => r.Key == letterhead.Key);
        var json = JsonSerializer.Serialize(letterhead, RulesJson.Canonical);
        var hash = ContentHash.OfText(json);
        if (before?.ContentHash == hash) return false;
        var at = time.GetUtcNow();
        Insert(c, tx, json, hash, letterhead.Key, actor, at);
        audit.Write(c, tx, actor, SaveAction, AuditEntity + ":" + letterhead.Key, letterhead.Key, before?.ContentHash, hash,
            before is null ? $"Brevhoved '{letterhead.Name}' oprettet." : $"Brevhoved '{letterhead.Name}' ændret: {Changes(before.Content(), letterhead)}.");
        if (letterhead.IsDefault)
        {
            // One default: the others lose the flag, each as a revision of its own.
            foreach (var other in latest.Where(r => r.Key != letterhead.Key).Select(r => (Row: r, Content: r.Content())).Where(o => o.Content.IsDefault))
            {
                var plain = other.Content with { IsDefault = false };
                var plainJson = JsonSerializer.Serialize(plain, RulesJson.Canonical);
                var plainHash = ContentHash.OfText(plainJson);
                Insert(c, tx, plainJson, plainHash, plain.Key, actor, at);
                audit.Write(c, tx, actor, SaveAction, AuditEntity + ":" + plain.Key, plain.Key, other.Row.ContentHash, plainHash,
                    $"Brevhoved '{plain.Name}' er ikke længere standard ('{letterhead.Name}' er det nu).");
            }
        }
        tx.Commit();
        return true;
    }

    /// <summary>Which letterhead an API key writes its letters with (null: the default letterhead).</summary>
    public void SetApiClientLetterhead(long clientId, string? key, string actor)
    {
        using var c = database.Open();
        using var tx = database.Dialect.BeginWrite(c);
        if (key is not null && c.ExecuteScalar<long>("SELECT COUNT(*) FROM letterhead_revisions WHERE key = @key", new { key }, tx) == 0)
            throw new ArgumentException($"Brevhovedet '{key}' findes ikke.");
        var name = c.ExecuteScalar<string?>("SELECT name FROM api_clients WHERE id = @clientId", new { clientId }, tx)
            ?? throw new ArgumentException($"API-nøgle {clientId} findes ikke.");
        c.Execute("UPDATE api_clients SET letterhead_key = @key WHERE id = @clientId", new { key, clientId }, tx);
        audit.Write(c, tx, actor, ApiClientAction, "apiclient", clientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"API-nøglen '{name}' skriver breve med {(key is null ? "standardbrevhovedet" : $"brevhovedet '{key}'")}.");
        tx.Commit();
    }

    private void Insert(System.Data.IDbConnection c, System.Data.IDbTransaction tx, string json, string hash, string key, string actor, DateTimeOffset at) =>
        c.Execute("""
            INSERT INTO letterhead_revisions (key, content_json, content_hash, created_by, published_at) VALUES (@key, @json, @hash, @actor, @at)
            """, new { key, json, hash, actor, at = TypeHandlers.Instant(at) }, tx);

    /// <summary>The fields that differ, named in Danish for the audit log.</summary>
    private static string Changes(Letterhead a, Letterhead b)
    {
        var names = new List<string>();
        if (a.Name != b.Name) names.Add("navn");
        if (!a.Address.SequenceEqual(b.Address)) names.Add("adresse");
        if (!a.Contact.SequenceEqual(b.Contact)) names.Add("kontaktlinjer");
        if (a.SigningUnit != b.SigningUnit) names.Add("underskrivende enhed");
        if (!a.ComplaintAddress.SequenceEqual(b.ComplaintAddress)) names.Add("klageadresse");
        if (a.ReplyDeadline != b.ReplyDeadline) names.Add("svarfrist");
        if (a.Logo != b.Logo) names.Add("logo");
        if (a.IsDefault != b.IsDefault) names.Add(b.IsDefault ? "gjort til standard" : "ikke længere standard");
        return names.Count == 0 ? "ingen felter" : string.Join(", ", names);
    }
}
