using Microsoft.AspNetCore.Http;

namespace Serviceloven.Server.Security;

/// <summary>
/// Bound from "Http": how the server sits behind a TLS-terminating proxy, and the headers and cookie policy it sends.
/// Every value has a safe default outside Development; null means "the environment's default".
/// </summary>
public sealed class HttpSecurityOptions
{
    public const string Section = "Http";

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
    public HstsSettings Hsts { get; set; } = new();
    public HttpsRedirectionSettings HttpsRedirection { get; set; } = new();
    public SessionCookieSettings Cookie { get; set; } = new();
    public SecurityHeadersSettings Headers { get; set; } = new();
}

public sealed class ForwardedHeadersSettings
{
    /// <summary>Honour X-Forwarded-For and X-Forwarded-Proto from the known proxies (loopback is always known).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Addresses of the proxies in front of the server, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Networks of the proxies in CIDR form, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
    /// <summary>How many proxies in the chain are trusted (the framework's default is one).</summary>
    public int ForwardLimit { get; set; } = 1;
}

public sealed class HstsSettings
{
    /// <summary>Strict-Transport-Security on HTTPS answers; null: on outside Development.</summary>
    public bool? Enabled { get; set; }
    public int MaxAgeDays { get; set; } = 365;
    public bool IncludeSubDomains { get; set; }
}

public sealed class HttpsRedirectionSettings
{
    /// <summary>Redirect plain HTTP to HTTPS (307/308); off unless configured, since a TLS proxy usually does it.</summary>
    public bool Enabled { get; set; }
    /// <summary>The public HTTPS port to redirect to; null: the framework finds it from the server's addresses.</summary>
    public int? HttpsPort { get; set; }
}

public sealed class SessionCookieSettings
{
    /// <summary>The admin session cookie's Secure flag; null: Always outside Development, SameAsRequest in Development.</summary>
    public CookieSecurePolicy? SecurePolicy { get; set; }
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Strict;
}

public sealed class SecurityHeadersSettings
{
    /// <summary>The admin's policy: scripts only from the server itself (Blazor Server needs no eval); inline styles are used by the pages.</summary>
    public string AdminContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API answers JSON only: nothing in it may load or run, nor be framed.</summary>
    public string ApiContentSecurityPolicy { get; set; } = "default-src 'none'; frame-ancestors 'none'";

    public string ReferrerPolicy { get; set; } = "no-referrer";
    public string FrameOptions { get; set; } = "DENY";
}
