using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Users;

public static class Roles
{
    public const string Editor = "editor";
    public const string Approver = "approver";
    public const string Administrator = "administrator";
    public static readonly string[] All = [Editor, Approver, Administrator];
}

public sealed class UserRow
{
    public long Id { get; set; }
    public string Username { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Roles { get; set; } = "";
    public long FailedAttempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Users of the admin UI. The password hash is computed by the caller (ASP.NET Core's PasswordHasher).</summary>
public sealed class UserRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private const string Columns = """
        id, username, display_name AS DisplayName, password_hash AS PasswordHash, roles, failed_attempts AS FailedAttempts,
        locked_until AS LockedUntil, active, created_at AS CreatedAt
        """;

    public int Count()
    {
        using var c = database.Open();
        return c.ExecuteScalar<int>("SELECT COUNT(*) FROM users");
    }

    public UserRow? Find(string username)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<UserRow>($"SELECT {Columns} FROM users WHERE username = @username", new { username });
    }

    public IReadOnlyList<UserRow> List()
    {
        using var c = database.Open();
        return c.Query<UserRow>($"SELECT {Columns} FROM users ORDER BY username").ToList();
    }

    public UserRow Create(string username, string displayName, string passwordHash, IEnumerable<string> roles, string actor)
    {
        var roleList = roles.ToList();
        if (roleList.Any(r => !Roles.All.Contains(r))) throw new ArgumentException("Ukendt rolle.");
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var id = c.ExecuteScalar<long>("""
            INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES (@username, @displayName, @passwordHash, @roles, @at) RETURNING id
            """, new { username, displayName, passwordHash, roles = string.Join(",", roleList), at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);
        audit.Write(c, tx, actor, "user.create", "user", username, detail: $"Roller: {string.Join(", ", roleList)}.");
        tx.Commit();
        return Find(username)!;
    }

    public void SetRoles(string username, IEnumerable<string> roles, bool active, string actor)
    {
        var roleList = roles.ToList();
        if (roleList.Any(r => !Roles.All.Contains(r))) throw new ArgumentException("Ukendt rolle.");
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE users SET roles = @roles, active = @active WHERE username = @username",
            new { username, roles = string.Join(",", roleList), active }, tx);
        audit.Write(c, tx, actor, "user.update", "user", username, detail: $"Roller: {string.Join(", ", roleList)}; aktiv: {(active ? "ja" : "nej")}.");
        tx.Commit();
    }

    public void SetPassword(string username, string passwordHash, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE users SET password_hash = @passwordHash, failed_attempts = 0, locked_until = NULL WHERE username = @username", new { username, passwordHash }, tx);
        audit.Write(c, tx, actor, "user.password", "user", username);
        tx.Commit();
    }

    /// <summary>Counts a failed sign-in; locks the account for <paramref name="lockFor"/> after <paramref name="maxAttempts"/> failures.</summary>
    public void RecordFailure(string username, int maxAttempts, TimeSpan lockFor)
    {
        using var c = database.Open();
        c.Execute("""
            UPDATE users SET failed_attempts = failed_attempts + 1,
                locked_until = CASE WHEN failed_attempts + 1 >= @maxAttempts THEN @until ELSE locked_until END
            WHERE username = @username
            """, new { username, maxAttempts, until = TypeHandlers.Instant(time.GetUtcNow() + lockFor) });
    }

    public void RecordSuccess(string username)
    {
        using var c = database.Open();
        c.Execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = @username", new { username });
    }
}
