using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Overview;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Satser;
using Serviceloven.Runtime;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Hosting;

public static class AdminServiceCollectionExtensions
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Cookie sign-in, roles, antiforgery, the Blazor components and the admin's services.</summary>
    public static IServiceCollection AddServicelovenAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated before anything reads them (the web host's configuration check ends the start with exit code 8).
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.InitialAdmin.Username), "Admin:InitialAdmin:Username må ikke være tom.")
            .Validate(o => o.SessionRevalidationSeconds >= 1, "Admin:SessionRevalidationSeconds skal være mindst 1 (sekunder).")
            .Validate(o => o.SignIn.PerAddressPerMinute >= 1 && o.SignIn.PerUserNamePerMinute >= o.SignIn.PerAddressPerMinute,
                "Admin:SignIn:PerAddressPerMinute skal være mindst 1, og PerUserNamePerMinute mindst lige så stor.")
            .Validate(o => o.SignIn.FreeFailures >= 0 && o.SignIn.WindowMinutes >= 1 && o.SignIn.FailedSignInRetentionDays >= 1,
                "Admin:SignIn:FreeFailures skal være 0 eller mere, WindowMinutes og FailedSignInRetentionDays mindst 1.")
            .Validate(o => o.SignIn.FirstAddressWaitSeconds >= 0 && o.SignIn.MaxAddressWaitSeconds >= o.SignIn.FirstAddressWaitSeconds
                    && o.SignIn.FirstNameDelayMilliseconds >= 0 && o.SignIn.MaxNameDelayMilliseconds >= o.SignIn.FirstNameDelayMilliseconds,
                "Admin:SignIn: ventetider skal være 0 eller mere, og hvert maksimum mindst lige så stort som den første ventetid.")
            .Validate(o => o.SignIn.LockoutFailures >= 1 && o.SignIn.LockoutWindowMinutes >= 1 && o.SignIn.LockoutMinutes >= 1
                    && o.SignIn.LockoutWindowMinutes <= o.SignIn.FailedSignInRetentionDays * 24 * 60,
                "Admin:SignIn:LockoutFailures, LockoutWindowMinutes og LockoutMinutes skal være mindst 1, og vinduet højst FailedSignInRetentionDays.")
            .ValidateOnStart();
        services.AddAdminKeyRing(configuration);
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = ".Serviceloven.Admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure by default; the host relaxes it only in Development (Http:Cookie:SecurePolicy).
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.LoginPath = AdminPaths.Login;
            o.LogoutPath = AdminPaths.Logout;
            o.AccessDeniedPath = AdminPaths.AccessDenied;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Pages redirect to the sign-in page; everything else (the circuit hub, posts) is simply refused.
            o.Events.OnRedirectToLogin = ctx => Refuse(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Refuse(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = RevalidateAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Signedin, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(AdminPolicies.Editor, p => p.RequireRole(Roles.Editor, Roles.Administrator))
            .AddPolicy(AdminPolicies.Approver, p => p.RequireRole(Roles.Approver))
            .AddPolicy(AdminPolicies.Administrator, p => p.RequireRole(Roles.Administrator));
        services.AddAntiforgery();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AdminSessionRevalidation>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHttpContextAccessor();

        // Publishing reloads the runtime's snapshot; the playground evaluates with its EvaluationService.
        services.AddRulesRuntime();
        services.AddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<FailedSignInRepository>();
        services.AddSingleton<SignInLockoutRepository>();
        services.AddSignInRateLimiting();
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<PublishedRules>();
        services.AddSingleton<PublicationGate>();
        services.AddSingleton<DraftService>();
        services.AddSingleton<PublishingService>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<SatsCoverage>();
        services.AddSingleton<SatsService>();
        services.AddSingleton<TestRunService>();
        services.AddSingleton<Serviceloven.Admin.Simulation.SimulationService>();
        services.AddSingleton<ImpactPreviewService>();
        services.AddSingleton<TemplatePreview>();
        services.AddSingleton<Letters.LetterheadService>();
        services.AddSingleton<Letters.LetterPreviews>();
        services.AddSingleton<Rulesets.RulesetService>();
        services.AddSingleton<Diff.OutcomeComparer>();
        return services;
    }

    /// <summary>
    /// A cookie is only as good as the session behind it: a deactivated or deleted user, or a session ended by sign-out,
    /// a password change or a role change (a new session stamp), is refused at the next request (one indexed lookup).
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext ctx)
    {
        if (ctx.HttpContext.RequestServices.GetRequiredService<AdminSessions>().CurrentUser(ctx.Principal) is not null) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(Scheme);
    }

    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        var request = ctx.Request;
        var isPage = HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(AdminPaths.Root)
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (isPage) ctx.Response.Redirect(ctx.RedirectUri);
        else ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

public static class AdminPolicies
{
    public const string Signedin = "admin.signedin";
    public const string Editor = "admin.editor";
    public const string Approver = "admin.approver";
    public const string Administrator = "admin.administrator";
}

public static class AdminPaths
{
    public const string Root = "/admin";
    public const string Login = "/admin/login";
    public const string Logout = "/admin/logout";
    public const string AccessDenied = "/admin/ingen-adgang";
    /// <summary>The signed-in user's own password; like the sign-in page it sets the cookie, so it renders statically.</summary>
    public const string ChangePassword = "/admin/adgangskode";
}
