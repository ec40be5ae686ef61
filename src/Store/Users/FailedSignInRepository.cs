using Dapper;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Users;

public static class FailedSignInReason
{
    public const string UnknownUser = "unknown-user";
    public const string WrongPassword = "wrong-password";
    public const string InactiveUser = "inactive-user";
}

/// <summary>A failed sign-in as the administrators see it; Username is null for a name that is not a user.</summary>
public sealed class FailedSignIn
{
    public DateTimeOffset At { get; set; }
    public string? Username { get; set; }
    public string? ClientAddress { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>
/// Failed sign-ins, for administrators to see an attack, kept for a retention period and deleted after it (every
/// write purges what has expired). The typed name of an unknown user is never stored, only a known user's id.
/// </summary>
public sealed class FailedSignInRepository(StoreDatabase database, TimeProvider time)
{
    /// <param name="addressKey">The address as failures are counted for a lock-out: IPv4, or the IPv6 /64.</param>
    public void Record(long? userId, string? clientAddress, string? addressKey, string reason, TimeSpan retention)
    {
        var now = time.GetUtcNow();
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("INSERT INTO failed_signins (at, user_id, client_address, address_key, reason) VALUES (@at, @userId, @clientAddress, @addressKey, @reason)",
            new { at = TypeHandlers.Instant(now), userId, clientAddress, addressKey, reason }, tx);
        c.Execute("DELETE FROM failed_signins WHERE at < @cutoff", new { cutoff = TypeHandlers.Instant(now - retention) }, tx);
        tx.Commit();
    }

    public int Purge(TimeSpan retention)
    {
        using var c = database.Open();
        return c.Execute("DELETE FROM failed_signins WHERE at < @cutoff", new { cutoff = TypeHandlers.Instant(time.GetUtcNow() - retention) });
    }

    public IReadOnlyList<FailedSignIn> Recent(int limit)
    {
        using var c = database.Open();
        return c.Query<FailedSignIn>("""
            SELECT f.at, u.username, f.client_address AS ClientAddress, f.reason
            FROM failed_signins f LEFT JOIN users u ON u.id = f.user_id
            ORDER BY f.id DESC LIMIT @limit
            """, new { limit }).ToList();
    }
}
