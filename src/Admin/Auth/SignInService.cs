using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Auth;

public enum SignInStatus { Success, Invalid, Throttled, LockedOut }

/// <summary>The outcome; RetryAfter for Throttled and LockedOut, LockedUntil for LockedOut.</summary>
public sealed record SignInResult(SignInStatus Status, UserRow? User, TimeSpan RetryAfter = default, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks a user name and password. Every check hashes once, for an unknown name too (against a dummy hash), so the
/// time taken does not tell whether a name exists. Failures slow the address and the name (SignInThrottle) and are
/// recorded in failed_signins without an unknown name; a success is written to the audit log. An account with
/// LockoutFailures wrong passwords from one address is locked for that address (SignInLockoutRepository): while the
/// lock holds, its password is not even checked from there, so the answer says nothing about it.
/// </summary>
public sealed class SignInService
{
    private readonly UserRepository _users;
    private readonly FailedSignInRepository _failures;
    private readonly SignInLockoutRepository _lockouts;
    private readonly IPasswordHasher<UserRow> _hasher;
    private readonly AuditLog _audit;
    private readonly SignInThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly IOptions<AdminOptions> _options;
    private readonly UserRow _dummy = new() { Username = "-" };
    private readonly string _dummyHash;

    public SignInService(UserRepository users, FailedSignInRepository failures, SignInLockoutRepository lockouts, IPasswordHasher<UserRow> hasher,
        AuditLog audit, SignInThrottle throttle, TimeProvider time, IOptions<AdminOptions> options)
    {
        (_users, _failures, _lockouts, _hasher, _audit, _throttle, _time, _options) = (users, failures, lockouts, hasher, audit, throttle, time, options);
        _dummyHash = hasher.HashPassword(_dummy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    public async Task<SignInResult> VerifyAsync(string? username, string? password, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var address = SignInKeys.Address(client);
        var wait = _throttle.AddressWait(address);
        if (wait > TimeSpan.Zero) return new SignInResult(SignInStatus.Throttled, null, wait);

        var name = (username ?? "").Trim();
        if (name.Length > 100) name = name[..100];
        var nameKey = SignInKeys.Name(name);
        var delay = _throttle.NameDelay(nameKey);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, cancellationToken);

        var user = name.Length == 0 ? null : _users.Find(name);
        if (user is not null && _lockouts.LockedUntil(user.Id, address) is { } lockedUntil)
            return new SignInResult(SignInStatus.LockedOut, null, lockedUntil - _time.GetUtcNow(), lockedUntil);
        var verified = _hasher.VerifyHashedPassword(user ?? _dummy, user?.PasswordHash ?? _dummyHash, password ?? "") != PasswordVerificationResult.Failed;
        if (user is { Active: true } && verified && !string.IsNullOrEmpty(password))
        {
            _throttle.Succeeded(address, nameKey);
            _audit.Write(user.Username, "signin", "user", user.Username, detail: "Logget ind.");
            return new SignInResult(SignInStatus.Success, user);
        }
        _throttle.Failed(address, nameKey);
        var reason = user is null ? FailedSignInReason.UnknownUser : user.Active ? FailedSignInReason.WrongPassword : FailedSignInReason.InactiveUser;
        var settings = _options.Value.SignIn;
        _failures.Record(user?.Id, client?.ToString(), address, reason, TimeSpan.FromDays(settings.FailedSignInRetentionDays));
        // The failure that completes the count is answered like any other; the lock shows from the next attempt.
        if (user is not null && reason == FailedSignInReason.WrongPassword)
            _lockouts.LockIfDue(user.Id, user.Username, address,
                new LockoutPolicy(settings.LockoutFailures, TimeSpan.FromMinutes(settings.LockoutWindowMinutes), TimeSpan.FromMinutes(settings.LockoutMinutes)));
        return new SignInResult(SignInStatus.Invalid, null);
    }
}
