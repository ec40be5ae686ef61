using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;

namespace Serviceloven.Server.Security;

/// <summary>Forwarded headers, HSTS, HTTPS redirection, the session cookie policy and the security headers, from "Http".</summary>
public static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<HttpSecurityOptions>().Bind(configuration.GetSection(HttpSecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpSecurityOptions>, HttpSecurityOptionsValidator>();
        // Each framework option is filled from HttpSecurityOptions when first used, so every configuration source counts.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpSecurityOptions>>((o, http) =>
        {
            var settings = http.Value.ForwardedHeaders;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = settings.ForwardLimit;
            // Loopback stays known (the framework's default), so a proxy on the same host works without configuration.
            // The addresses parse: HttpSecurityOptionsValidator stopped the start otherwise.
            foreach (var proxy in settings.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpSecurityOptions>>((o, http) =>
        {
            o.MaxAge = TimeSpan.FromDays(http.Value.Hsts.MaxAgeDays);
            o.IncludeSubDomains = http.Value.Hsts.IncludeSubDomains;
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpSecurityOptions>>((o, http) =>
        {
            if (http.Value.HttpsRedirection.HttpsPort is { } port) o.HttpsPort = port;
        });
        services.AddOptions<CookieAuthenticationOptions>(AdminServiceCollectionExtensions.Scheme).PostConfigure<IOptions<HttpSecurityOptions>>((o, http) =>
        {
            var cookie = http.Value.Cookie;
            o.Cookie.SecurePolicy = cookie.SecurePolicy ?? (environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
            o.Cookie.SameSite = cookie.SameSite;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>First in the pipeline: every later step sees the client's address and scheme, and every answer gets its headers.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<HttpSecurityOptions>>().Value;
        if (settings.ForwardedHeaders.Enabled) app.UseForwardedHeaders();
        if (settings.Hsts.Enabled ?? !app.Environment.IsDevelopment()) app.UseHsts();
        if (settings.HttpsRedirection.Enabled) app.UseHttpsRedirection();
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
