using Microsoft.Extensions.Options;

namespace Serviceloven.Server.Security;

/// <summary>
/// Headers by area, set when the answer starts (so an error page written by the exception handler gets them too):
/// the admin gets a script CSP that Blazor Server runs under; the API gets headers for JSON, and evaluation answers,
/// which are about a person, are never stored by a browser or proxy.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<HttpSecurityOptions> options)
{
    private readonly SecurityHeadersSettings _settings = options.Value.Headers;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var admin = path.StartsWithSegments("/admin") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework");
        var api = path.StartsWithSegments("/api/v1");
        // A PDF letter previewed in the admin is shown in a frame of the admin's own page, and only there.
        var letterPreview = path.StartsWithSegments("/admin/breve");
        if (admin || api)
        {
            var evaluation = api && path.StartsWithSegments("/api/v1/evaluations");
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = _settings.ReferrerPolicy;
                headers.XFrameOptions = letterPreview ? "SAMEORIGIN" : _settings.FrameOptions;
                headers.ContentSecurityPolicy = letterPreview ? "frame-ancestors 'self'"
                    : admin ? _settings.AdminContentSecurityPolicy : _settings.ApiContentSecurityPolicy;
                if (evaluation)
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
