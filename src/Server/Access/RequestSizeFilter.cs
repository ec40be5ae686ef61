using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serviceloven.Engine.Formatting;
using Serviceloven.Server.Evaluations;

namespace Serviceloven.Server.Access;

/// <summary>
/// Refuses a request body over the configured size before it is read. Kestrel enforces the same limit for bodies
/// without a Content-Length; this filter gives the same problem details whatever server runs the app.
/// </summary>
public sealed class RequestSizeFilter(IOptions<AccessOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // An endpoint with its own limit (the caseload upload) is held to that one.
        var max = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                  ?? options.Value.MaxRequestBodyBytes;
        if (context.HttpContext.Request.ContentLength is { } length && length > max)
            return TypedResults.Problem(TooLarge(length, max));
        return await next(context);
    }

    public static ProblemDetails TooLarge(long length, long max) => Problems.Create(413, "Anmodningen er for stor",
        $"Anmodningen fylder {length.ToString("N0", DanishFormat.Culture)} byte; grænsen er {max.ToString("N0", DanishFormat.Culture)} byte.", "payload-too-large");
}
