using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Auth;

/// <summary>Users and API keys; only administrators may change them (checked here, not only in the UI).</summary>
public sealed class UserAdministration(UserRepository users, ApiClientRepository apiClients, IPasswordHasher<UserRow> hasher,
    FailedSignInRepository failedSignIns, SignInLockoutRepository lockouts, IOptions<AdminOptions> options)
{
    public const int MinPasswordLength = 12;

    public IReadOnlyList<UserRow> Users(AdminUser me) { Require(me); return users.List(); }
    public IReadOnlyList<ApiClientRow> ApiClients(AdminUser me) { Require(me); return apiClients.List(); }

    /// <summary>The latest failed sign-ins; what is older than the retention is deleted first.</summary>
    public IReadOnlyList<FailedSignIn> FailedSignIns(AdminUser me, int limit)
    {
        Require(me);
        failedSignIns.Purge(TimeSpan.FromDays(options.Value.SignIn.FailedSignInRetentionDays));
        return failedSignIns.Recent(limit);
    }

    /// <summary>Accounts locked for a client address now (after repeated wrong passwords from there).</summary>
    public IReadOnlyList<SignInLockout> Lockouts(AdminUser me) { Require(me); return lockouts.Active(); }

    /// <summary>Lifts a lock-out at once (audited); refused when it has already ended or been lifted.</summary>
    public void LiftLockout(AdminUser me, long id)
    {
        Require(me);
        if (!lockouts.Lift(id, me.Username)) throw new RefusedException("Spærringen er allerede udløbet eller ophævet.");
    }

    public UserRow Create(AdminUser me, string username, string displayName, string password, IReadOnlyCollection<string> roles)
    {
        Require(me);
        if (string.IsNullOrWhiteSpace(username) || username.Length > 100) throw new RefusedException("Angiv et brugernavn (højst 100 tegn).");
        if (string.IsNullOrWhiteSpace(displayName)) throw new RefusedException("Angiv brugerens navn.");
        CheckPassword(password);
        if (roles.Count == 0) throw new RefusedException("Vælg mindst én rolle.");
        if (users.Find(username.Trim()) is not null) throw new RefusedException($"Brugernavnet '{username.Trim()}' findes allerede.");
        var row = new UserRow { Username = username.Trim() };
        return users.Create(row.Username, displayName.Trim(), hasher.HashPassword(row, password), roles, me.Username);
    }

    public void SetRoles(AdminUser me, string username, IReadOnlyCollection<string> roles, bool active)
    {
        Require(me);
        if (roles.Count == 0) throw new RefusedException("En bruger skal have mindst én rolle; deaktivér brugeren i stedet.");
        if (username.Equals(me.Username, StringComparison.OrdinalIgnoreCase) && (!active || !roles.Contains(Roles.Administrator)))
            throw new RefusedException("Du kan ikke fjerne din egen administratorrolle eller deaktivere dig selv.");
        users.SetRoles(username, roles, active, me.Username);
    }

    public void SetPassword(AdminUser me, string username, string password)
    {
        Require(me);
        CheckPassword(password);
        var row = users.Find(username) ?? throw new RefusedException("Brugeren findes ikke.");
        users.SetPassword(row.Username, hasher.HashPassword(row, password), me.Username);
    }

    /// <summary>
    /// The signed-in user changes their own password: the current one must be right, the new one long enough and
    /// different. Returns the updated user (with the new session stamp the caller signs in with).
    /// </summary>
    public UserRow ChangeOwnPassword(string username, string? current, string? password, string? repeated)
    {
        var row = users.Find(username) ?? throw new RefusedException("Brugeren findes ikke.");
        if (string.IsNullOrEmpty(current) || hasher.VerifyHashedPassword(row, row.PasswordHash, current) == PasswordVerificationResult.Failed)
            throw new RefusedException("Den nuværende adgangskode er forkert.");
        CheckPassword(password ?? "");
        if (password != repeated) throw new RefusedException("De to nye adgangskoder er ikke ens.");
        if (password == current) throw new RefusedException("Vælg en anden adgangskode end den, du har nu.");
        return users.ChangeOwnPassword(row.Username, hasher.HashPassword(row, password!));
    }

    public (ApiClientRow Client, string Key) CreateApiKey(AdminUser me, string name) { Require(me); return apiClients.Create(name.Trim(), me.Username); }
    public void RevokeApiKey(AdminUser me, long id) { Require(me); apiClients.Revoke(id, me.Username); }

    private static void Require(AdminUser me)
    {
        if (!me.IsAdministrator) throw new AdminForbiddenException("Kun administratorer kan administrere brugere og API-nøgler.");
    }

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            throw new RefusedException($"Adgangskoden skal være mindst {MinPasswordLength} tegn.");
    }

    /// <summary>At first start without users: the configured administrator, or one with a generated password printed once.</summary>
    public static void EnsureInitialAdministrator(UserRepository users, IPasswordHasher<UserRow> hasher, AdminOptions options, ILogger logger)
    {
        if (users.Count() > 0) return;
        var username = string.IsNullOrWhiteSpace(options.InitialAdmin.Username) ? "admin" : options.InitialAdmin.Username.Trim();
        var configured = !string.IsNullOrEmpty(options.InitialAdmin.Password);
        var password = configured ? options.InitialAdmin.Password! : GeneratePassword();
        var row = new UserRow { Username = username };
        // A generated password was printed to a console: the administrator is asked to choose their own at first sign-in.
        users.Create(username, "Administrator", hasher.HashPassword(row, password), [Roles.Administrator, Roles.Editor, Roles.Approver], "system",
            mustChangePassword: !configured);
        if (configured)
            logger.LogWarning("Første administrator oprettet: brugernavn {Username} med adgangskoden fra konfigurationen (Admin:InitialAdmin:Password). Log ind på /admin.", username);
        else
            logger.LogWarning("Første administrator oprettet: brugernavn {Username}, adgangskode {Password}. Log ind på /admin og skift adgangskoden; den vises kun denne ene gang.", username, password);
    }

    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
