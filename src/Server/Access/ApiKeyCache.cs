using Serviceloven.Store.ApiClients;

namespace Serviceloven.Server.Access;

/// <summary>
/// Active API key hashes held in memory, so checking a key reads no database. An unknown key refreshes the cache
/// at most every few seconds, so a key created with `apikey create` works without a restart; and the whole cache is
/// reloaded when it is older than half a minute, so a key revoked on another node (or with `apikey revoke`) stops
/// working within that time. A key revoked through this node's repository (the admin) stops at once.
/// </summary>
public sealed class ApiKeyCache
{
    private readonly ApiClientRepository clients;
    private readonly TimeProvider time;

    public ApiKeyCache(ApiClientRepository clients, TimeProvider time)
    {
        this.clients = clients;
        this.time = time;
        clients.Revoked += Invalidate;
    }

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private IReadOnlyDictionary<string, ApiClientInfo> _hashes = new Dictionary<string, ApiClientInfo>();
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private readonly Lock _lock = new();

    public string? ClientFor(string key) => Find(key)?.Name;

    /// <summary>The active client of a key, with the letterhead its letters carry; null for an unknown or revoked key.</summary>
    public ApiClientInfo? Find(string key)
    {
        var hash = ApiClientRepository.Hash(key);
        if (time.GetUtcNow() - _loadedAt > MaxAge) Refresh();
        if (Volatile.Read(ref _hashes).TryGetValue(hash, out var client)) return client;
        lock (_lock)
        {
            if (time.GetUtcNow() - _loadedAt < RefreshInterval) return null;
            Volatile.Write(ref _hashes, clients.ActiveClients());
            _loadedAt = time.GetUtcNow();
        }
        return Volatile.Read(ref _hashes).GetValueOrDefault(hash);
    }

    private void Refresh()
    {
        lock (_lock)
        {
            if (time.GetUtcNow() - _loadedAt <= MaxAge) return;
            Volatile.Write(ref _hashes, clients.ActiveClients());
            _loadedAt = time.GetUtcNow();
        }
    }

    public void Invalidate()
    {
        lock (_lock) _loadedAt = DateTimeOffset.MinValue;
    }
}
