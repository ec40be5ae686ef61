using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Refusals;

namespace Serviceloven.Store.ApiClients;

public sealed class ApiClientRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string KeyPrefix { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The letterhead of the municipality the key writes letters for; null: the default letterhead.</summary>
    public string? LetterheadKey { get; set; }
}

/// <summary>An active key's client: its name and the letterhead its letters carry.</summary>
public sealed record ApiClientInfo(string Name, string? LetterheadKey);

/// <summary>API keys for external case systems. Only a SHA-256 hash of each key is stored.</summary>
public sealed class ApiClientRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private const string Columns = "id, name, key_hash AS KeyHash, key_prefix AS KeyPrefix, created_by AS CreatedBy, created_at AS CreatedAt, revoked_at AS RevokedAt, letterhead_key AS LetterheadKey";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Creates a client and returns its key; the key cannot be recovered later.</summary>
    public (ApiClientRow Client, string Key) Create(string name, string actor)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new RefusedException("Navnet må ikke være tomt.");
        var key = "sl_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var id = c.ExecuteScalar<long>("""
            INSERT INTO api_clients (name, key_hash, key_prefix, created_by, created_at) VALUES (@name, @hash, @prefix, @actor, @at) RETURNING id
            """, new { name, hash = Hash(key), prefix = key[..7], actor, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);
        audit.Write(c, tx, actor, "apikey.create", "apiclient", id.ToString(CultureInfo.InvariantCulture), detail: $"API-nøgle '{name}' ({key[..7]}…) oprettet.");
        tx.Commit();
        return (c.QuerySingle<ApiClientRow>($"SELECT {Columns} FROM api_clients WHERE id = @id", new { id }), key);
    }

    public IReadOnlyList<ApiClientRow> List()
    {
        using var c = database.Open();
        return c.Query<ApiClientRow>($"SELECT {Columns} FROM api_clients ORDER BY id").ToList();
    }

    /// <summary>Hashes of keys that are not revoked.</summary>
    public IReadOnlyDictionary<string, string> ActiveKeyHashes()
    {
        using var c = database.Open();
        return c.Query<(string Hash, string Name)>("SELECT key_hash, name FROM api_clients WHERE revoked_at IS NULL")
            .ToDictionary(r => r.Hash, r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>The clients of keys that are not revoked, by key hash.</summary>
    public IReadOnlyDictionary<string, ApiClientInfo> ActiveClients()
    {
        using var c = database.Open();
        return c.Query<(string Hash, string Name, string? Letterhead)>("SELECT key_hash, name, letterhead_key FROM api_clients WHERE revoked_at IS NULL")
            .ToDictionary(r => r.Hash, r => new ApiClientInfo(r.Name, r.Letterhead), StringComparer.Ordinal);
    }

    /// <summary>Raised after a key is revoked through this instance, so a key cache in this process drops it at once.</summary>
    public event Action? Revoked;

    public void Revoke(long id, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE api_clients SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", new { id, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);
        audit.Write(c, tx, actor, "apikey.revoke", "apiclient", id.ToString(CultureInfo.InvariantCulture));
        tx.Commit();
        Revoked?.Invoke();
    }
}
