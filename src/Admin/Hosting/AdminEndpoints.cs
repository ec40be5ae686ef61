using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Letters;
using Serviceloven.Admin.Layout;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Hosting;

public static class AdminEndpoints
{
    /// <summary>Middleware the admin needs; call before mapping endpoints.</summary>
    public static WebApplication UseServicelovenAdmin(this WebApplication app)
    {
        app.UseSignInRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Maps every admin page and the circuit hub behind sign-in; only the sign-in page is open.</summary>
    public static WebApplication MapServicelovenAdmin(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(AdminPolicies.Signedin);
        app.MapPost(AdminPaths.Logout, async (HttpContext http, AuditLog audit, UserRepository users) =>
        {
            // A new session stamp: this cookie, any copy of it and the user's other sessions stop working everywhere.
            if (http.User.Identity?.Name is { } name) users.EndSessions(name);
            audit.Write(http.User.Identity?.Name ?? "?", "signout", "user", http.User.Identity?.Name);
            await http.SignOutAsync(AdminServiceCollectionExtensions.Scheme);
            return Results.Redirect(AdminPaths.Login);
        }).RequireAuthorization(AdminPolicies.Signedin);
        // A PDF letter made on a page (playground, template preview), for that page's frame and its "open" link.
        app.MapGet(LetterPreviews.Path + "/{id}", (string id, HttpContext http, LetterPreviews previews) =>
            previews.Get(http.User.Identity?.Name ?? "", id) is { } pdf
                ? Results.File(pdf, "application/pdf", enableRangeProcessing: false)
                : Results.NotFound()).RequireAuthorization(AdminPolicies.Signedin);
        return app;
    }
}
