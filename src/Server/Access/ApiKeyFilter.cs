using Microsoft.Extensions.Options;
using Serviceloven.Server.Evaluations;

namespace Serviceloven.Server.Access;

/// <summary>External systems authenticate with X-Api-Key, unless configuration allows anonymous evaluation.</summary>
public sealed class ApiKeyFilter(ApiKeyCache keys, IOptions<AccessOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.TryGetValue(Header, out var values) && values.ToString() is { Length: > 0 } key)
        {
            if (keys.ClientFor(key) is null)
                return TypedResults.Problem(Problems.Create(401, "Ugyldig API-nøgle", "API-nøglen i X-Api-Key er ukendt eller tilbagekaldt.", "invalid-api-key"));
            return await next(context);
        }
        if (options.Value.AllowAnonymousEvaluation) return await next(context);
        http.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return TypedResults.Problem(Problems.Create(401, "API-nøgle mangler", "Send en API-nøgle i headeren X-Api-Key. Nøgler oprettes med 'apikey create <navn>'.", "missing-api-key"));
    }
}
