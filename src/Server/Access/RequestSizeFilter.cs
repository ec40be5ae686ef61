using Microsoft.Extensions.Options;
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
        var max = options.Value.MaxRequestBodyBytes;
        if (context.HttpContext.Request.ContentLength is { } length && length > max)
            return TypedResults.Problem(Problems.Create(413, "Anmodningen er for stor",
                $"Anmodningen fylder {length:N0} byte; grænsen er {max:N0} byte.", "payload-too-large"));
        return await next(context);
    }
}
