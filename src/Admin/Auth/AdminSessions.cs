using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Auth;

/// <summary>
/// A session is good while its user is active and the cookie's session stamp equals the stamp in the database.
/// Sign-out, a password change, deactivation and a role change write a new stamp (UserRepository), so every copy of
/// every cookie of that user stops working on every node at its next request or circuit revalidation.
/// </summary>
public sealed class AdminSessions(UserRepository users)
{
    public const string StampClaim = "serviceloven:session";

    /// <summary>The user behind a principal, or null when the session has ended.</summary>
    public UserRow? CurrentUser(ClaimsPrincipal? principal)
    {
        var name = principal?.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        var stamp = principal?.FindFirstValue(StampClaim);
        if (name is null || string.IsNullOrEmpty(stamp)) return null;
        var user = users.Find(name);
        return user is { Active: true } && user.SecurityStamp.Length > 0
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(user.SecurityStamp), System.Text.Encoding.ASCII.GetBytes(stamp))
            ? user : null;
    }
}

/// <summary>
/// A Blazor circuit outlives the request that opened it: the circuit's user is checked again at a fixed interval, and
/// an ended session turns the circuit anonymous (the page then sends the browser to the sign-in page).
/// </summary>
internal sealed class AdminSessionRevalidation(ILoggerFactory loggers, AdminSessions sessions, IOptions<AdminOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.SessionRevalidationSeconds));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(sessions.CurrentUser(authenticationState.User) is not null);
}
