using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Auth;

public enum SignInStatus { Success, Invalid, Locked }

public sealed record SignInResult(SignInStatus Status, UserRow? User, DateTimeOffset? LockedUntil);

/// <summary>Checks a user name and password, counts failures, locks the account, and writes every attempt to the audit log.</summary>
public sealed class SignInService(UserRepository users, IPasswordHasher<UserRow> hasher, AuditLog audit, TimeProvider time, IOptions<AdminOptions> options)
{
    public SignInResult Verify(string? username, string? password)
    {
        var name = (username ?? "").Trim();
        if (name.Length > 100) name = name[..100];
        var user = name.Length == 0 ? null : users.Find(name);
        var now = time.GetUtcNow();
        if (user is { LockedUntil: { } until } && until > now)
        {
            audit.Write(name, "signin.locked", "user", name, detail: $"Log ind afvist: kontoen er låst til {until:yyyy-MM-dd HH:mm} UTC.");
            return new SignInResult(SignInStatus.Locked, null, until);
        }
        var ok = user is { Active: true } && !string.IsNullOrEmpty(password)
            && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!ok)
        {
            if (user is not null)
                users.RecordFailure(user.Username, options.Value.MaxFailedSignIns, TimeSpan.FromMinutes(options.Value.LockoutMinutes));
            audit.Write(name.Length == 0 ? "(tomt brugernavn)" : name, "signin.failed", "user", name,
                detail: user is null ? "Ukendt brugernavn." : user.Active ? "Forkert adgangskode." : "Brugeren er deaktiveret.");
            var after = user is null ? null : users.Find(user.Username);
            return after is { LockedUntil: { } lockedNow } && lockedNow > now
                ? new SignInResult(SignInStatus.Locked, null, lockedNow)
                : new SignInResult(SignInStatus.Invalid, null, null);
        }
        users.RecordSuccess(user!.Username);
        audit.Write(user.Username, "signin", "user", user.Username, detail: "Logget ind.");
        return new SignInResult(SignInStatus.Success, user, null);
    }
}
