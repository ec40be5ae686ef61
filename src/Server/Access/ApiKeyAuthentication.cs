using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serviceloven.Server.Evaluations;

namespace Serviceloven.Server.Access;

/// <summary>The API's authentication: a scheme reading X-Api-Key and the policy every /api/v1 endpoint requires.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Policy = "ApiClient";
    public const string Header = "X-Api-Key";
    /// <summary>The claim that says the caller came in without a key because configuration allows it (Development).</summary>
    public const string AnonymousClaim = "serviceloven:anonymous";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }
}

/// <summary>
/// A caller with a known X-Api-Key is the API client the key was created for. Without a key, the caller is anonymous
/// when Access:AllowAnonymousEvaluation is on (the Development profile) and refused otherwise; an unknown or revoked key
/// is refused even then. Refusals are problem details naming the header.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyCache keys, IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    private const string InvalidKey = "invalid-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(ApiKeyAuthentication.Header, out var values) && values.ToString() is { Length: > 0 } key)
        {
            return Task.FromResult(keys.ClientFor(key) is { } client
                ? Success(new Claim(ClaimTypes.Name, client))
                : AuthenticateResult.Fail(InvalidKey));
        }
        return Task.FromResult(access.Value.AllowAnonymousEvaluation
            ? Success(new Claim(ClaimTypes.Name, "anonym"), new Claim(ApiKeyAuthentication.AnonymousClaim, "true"))
            : AuthenticateResult.NoResult());
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyAuthentication.Header}\"";
        await TypedResults.Problem(result.Failure?.Message == InvalidKey ? UnknownKey() : MissingKey()).ExecuteAsync(Context);
    }

    public static ProblemDetails MissingKey() =>
        Problems.Create(401, "API-nøgle mangler", "Send en API-nøgle i headeren X-Api-Key. Nøgler oprettes med 'apikey create <navn>'.", "missing-api-key");

    public static ProblemDetails UnknownKey() =>
        Problems.Create(401, "Ugyldig API-nøgle", "API-nøglen i X-Api-Key er ukendt eller tilbagekaldt.", InvalidKey);
}
