using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Users;

/// <summary>How many failures within which window lock an account for one address, and for how long.</summary>
public sealed record LockoutPolicy(int Failures, TimeSpan Window, TimeSpan Duration);

/// <summary>An account locked for one client address (an IPv4 address or an IPv6 /64) until a time.</summary>
public sealed class SignInLockout
{
    public long Id { get; set; }
    public string Username { get; set; } = "";
    public string AddressKey { get; set; } = "";
    public DateTimeOffset LockedAt { get; set; }
    public DateTimeOffset LockedUntil { get; set; }
}

/// <summary>
/// Lock-outs per account and client address (table signin_lockouts), counted from failed_signins. Both are in the
/// database, so a lock holds across a restart and on every node. Locking and lifting are audit events.
/// </summary>
public sealed class SignInLockoutRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    public const string LockAction = "signin.lockout";
    public const string LiftAction = "signin.lockout.lift";

    /// <summary>When the account's lock for this address ends; null when it is not locked from there.</summary>
    public DateTimeOffset? LockedUntil(long userId, string addressKey)
    {
        using var c = database.Open();
        var until = c.ExecuteScalar<string?>("""
            SELECT MAX(locked_until) FROM signin_lockouts
            WHERE user_id = @userId AND address_key = @addressKey AND lifted_at IS NULL AND locked_until > @now
            """, new { userId, addressKey, now = TypeHandlers.Instant(time.GetUtcNow()) });
        return until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Counts the account's failures from this address within the window, since its last lock began (a lock is not
    /// renewed by the failures that caused it), and locks it when they reach the policy's number. Returns the new lock.
    /// </summary>
    public SignInLockout? LockIfDue(long userId, string username, string addressKey, LockoutPolicy policy)
    {
        var now = time.GetUtcNow();
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var lastLock = c.ExecuteScalar<string?>("SELECT MAX(locked_at) FROM signin_lockouts WHERE user_id = @userId AND address_key = @addressKey",
            new { userId, addressKey }, tx);
        var since = TypeHandlers.Instant(now - policy.Window);
        if (lastLock is not null && string.CompareOrdinal(lastLock, since) > 0) since = lastLock;
        var failures = c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM failed_signins
            WHERE user_id = @userId AND address_key = @addressKey AND reason = 'wrong-password' AND at > @since AND at <= @now
            """, new { userId, addressKey, since, now = TypeHandlers.Instant(now) }, tx);
        if (failures < policy.Failures) return null;
        var until = now + policy.Duration;
        var id = c.ExecuteScalar<long>("""
            INSERT INTO signin_lockouts (user_id, address_key, locked_at, locked_until) VALUES (@userId, @addressKey, @at, @until) RETURNING id
            """, new { userId, addressKey, at = TypeHandlers.Instant(now), until = TypeHandlers.Instant(until) }, tx);
        audit.Write(c, tx, username, LockAction, "user", username,
            detail: $"Log ind spærret fra {addressKey} til {TypeHandlers.Instant(until)} efter {failures} forkerte adgangskoder på {policy.Window.TotalMinutes:0} minutter.");
        tx.Commit();
        return new SignInLockout { Id = id, Username = username, AddressKey = addressKey, LockedAt = now, LockedUntil = until };
    }

    /// <summary>The locks in force now, newest first.</summary>
    public IReadOnlyList<SignInLockout> Active()
    {
        using var c = database.Open();
        return c.Query<SignInLockout>("""
            SELECT l.id, u.username, l.address_key AS AddressKey, l.locked_at AS LockedAt, l.locked_until AS LockedUntil
            FROM signin_lockouts l JOIN users u ON u.id = l.user_id
            WHERE l.lifted_at IS NULL AND l.locked_until > @now
            ORDER BY l.locked_at DESC
            """, new { now = TypeHandlers.Instant(time.GetUtcNow()) }).ToList();
    }

    /// <summary>Lifts the lock (and any other in force for the same account and address); false when none was in force.</summary>
    public bool Lift(long id, string actor)
    {
        var now = TypeHandlers.Instant(time.GetUtcNow());
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var lockout = c.QuerySingleOrDefault<SignInLockout>("""
            SELECT l.id, u.username, l.address_key AS AddressKey, l.locked_at AS LockedAt, l.locked_until AS LockedUntil
            FROM signin_lockouts l JOIN users u ON u.id = l.user_id
            WHERE l.id = @id AND l.lifted_at IS NULL AND l.locked_until > @now
            """, new { id, now }, tx);
        if (lockout is null) return false;
        c.Execute("""
            UPDATE signin_lockouts SET lifted_at = @now, lifted_by = @actor
            WHERE user_id = (SELECT user_id FROM signin_lockouts WHERE id = @id) AND address_key = @addressKey
              AND lifted_at IS NULL AND locked_until > @now
            """, new { id, now, actor, addressKey = lockout.AddressKey }, tx);
        audit.Write(c, tx, actor, LiftAction, "user", lockout.Username, detail: $"Spærring af log ind fra {lockout.AddressKey} ophævet.");
        tx.Commit();
        return true;
    }
}
