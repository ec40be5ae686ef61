using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Refusals;

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
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Changes whenever every session of the user must end (sign-out, password, roles, deactivation).</summary>
    public string SecurityStamp { get; set; } = "";
    /// <summary>The password was chosen by someone else (a generated first password): the user is asked to change it.</summary>
    public bool MustChangePassword { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Users of the admin UI. The password hash is computed by the caller (ASP.NET Core's PasswordHasher).</summary>
public sealed class UserRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private const string Columns = """
        id, username, display_name AS DisplayName, password_hash AS PasswordHash, roles,
        active, created_at AS CreatedAt, security_stamp AS SecurityStamp, must_change_password AS MustChangePassword
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

    public UserRow Create(string username, string displayName, string passwordHash, IEnumerable<string> roles, string actor, bool mustChangePassword = false)
    {
        var roleList = roles.ToList();
        if (roleList.Any(r => !Roles.All.Contains(r))) throw new RefusedException("Ukendt rolle.");
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var id = c.ExecuteScalar<long>("""
            INSERT INTO users (username, display_name, password_hash, roles, created_at, security_stamp, must_change_password)
            VALUES (@username, @displayName, @passwordHash, @roles, @at, @stamp, @mustChangePassword) RETURNING id
            """, new { username, displayName, passwordHash, roles = string.Join(",", roleList), at = TypeHandlers.Instant(time.GetUtcNow()), stamp = NewStamp(), mustChangePassword }, tx);
        audit.Write(c, tx, actor, "user.create", "user", username, detail: $"Roller: {string.Join(", ", roleList)}.");
        tx.Commit();
        return Find(username)!;
    }

    public void SetRoles(string username, IEnumerable<string> roles, bool active, string actor)
    {
        var roleList = roles.ToList();
        if (roleList.Any(r => !Roles.All.Contains(r))) throw new RefusedException("Ukendt rolle.");
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE users SET roles = @roles, active = @active, security_stamp = @stamp WHERE username = @username",
            new { username, roles = string.Join(",", roleList), active, stamp = NewStamp() }, tx);
        audit.Write(c, tx, actor, "user.update", "user", username, detail: $"Roller: {string.Join(", ", roleList)}; aktiv: {(active ? "ja" : "nej")}.");
        tx.Commit();
    }

    public void SetPassword(string username, string passwordHash, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE users SET password_hash = @passwordHash, security_stamp = @stamp WHERE username = @username",
            new { username, passwordHash, stamp = NewStamp() }, tx);
        audit.Write(c, tx, actor, "user.password", "user", username);
        tx.Commit();
    }

    /// <summary>The user's own new password: clears the request to change it and ends the user's other sessions.</summary>
    public UserRow ChangeOwnPassword(string username, string passwordHash)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE users SET password_hash = @passwordHash, security_stamp = @stamp, must_change_password = @mustChange WHERE username = @username",
            new { username, passwordHash, stamp = NewStamp(), mustChange = false }, tx);
        audit.Write(c, tx, username, "user.password", "user", username, detail: "Brugeren har selv skiftet sin adgangskode.");
        tx.Commit();
        return Find(username)!;
    }

    /// <summary>Ends every session of the user (on every node: the cookie check reads the stamp from the database).</summary>
    public void EndSessions(string username)
    {
        using var c = database.Open();
        c.Execute("UPDATE users SET security_stamp = @stamp WHERE username = @username", new { username, stamp = NewStamp() });
    }

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
