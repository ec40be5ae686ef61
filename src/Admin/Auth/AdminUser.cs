using System.Security.Claims;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Auth;

/// <summary>The signed-in person as the services see them; built from the cookie's claims, never from user input.</summary>
public sealed record AdminUser(string Username, string DisplayName, IReadOnlySet<string> Roles, string? Session = null)
{
    public bool IsEditor => Roles.Contains(Store.Users.Roles.Editor) || Roles.Contains(Store.Users.Roles.Administrator);
    public bool IsApprover => Roles.Contains(Store.Users.Roles.Approver);
    public bool IsAdministrator => Roles.Contains(Store.Users.Roles.Administrator);

    public static AdminUser From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? throw new InvalidOperationException("Ikke logget ind."),
        principal.FindFirstValue(ClaimTypes.GivenName) ?? principal.Identity.Name,
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        principal.FindFirstValue(AdminSessions.StampClaim));

    public static ClaimsPrincipal Principal(UserRow user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username), new(ClaimTypes.GivenName, user.DisplayName), new(AdminSessions.StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>Thrown by the services when the signed-in user's role does not allow an action.</summary>
public sealed class AdminForbiddenException(string message) : Store.Refusals.RefusedException(message);
