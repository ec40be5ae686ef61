using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Admin.Tests;

/// <summary>Production transport: the session cookie, forwarded headers, HSTS and the security headers of /admin and /api/v1.</summary>
[Collection(ServerCollection.Name)]
public sealed class TransportSecurityTests(AdminServerFactory factory)
{
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task The_production_session_cookie_is_secure_http_only_and_same_site_strict_even_over_plain_http()
    {
        // A TLS-terminating proxy that forwards no scheme: the request reaches the server as http, the cookie is still Secure.
        using var signedIn = await FormSignIn.PostAsync(Client(), "admin", AdminServerFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = FormSignIn.SetCookie(signedIn, FormSignIn.SessionCookie)!.ToLowerInvariant();
        Assert.Contains("; secure", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.Contains("; samesite=strict", cookie);
    }

    [Fact]
    public async Task Behind_the_local_proxy_the_forwarded_scheme_gives_hsts()
    {
        // Not localhost: HSTS is never sent to localhost (the framework's excluded hosts).
        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        plainRequest.Headers.Host = "regler.kommune.example";
        using var plain = await Client().SendAsync(plainRequest);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS hører kun til HTTPS-svar");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        request.Headers.Host = "regler.kommune.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var forwarded = await Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.StartsWith("max-age=31536000", forwarded.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Admin_pages_send_nosniff_referrer_policy_frame_denial_and_a_script_csp_without_eval()
    {
        using var response = await Client().GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        // The circuit hub refuses an anonymous caller, with the same headers.
        using var hub = await Client().PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        Assert.Equal("nosniff", Header(hub, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Api_answers_send_security_headers_and_evaluation_answers_are_never_stored()
    {
        var (_, key) = factory.Get<ApiClientRepository>().Create("Sikkerhedstest", "test");
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var evaluation = await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-97", decisionDate = "2024-03-01", facts = new { } });
        Assert.Equal(HttpStatusCode.OK, evaluation.StatusCode);
        Assert.True(evaluation.Headers.CacheControl?.NoStore, "evalueringssvar må ikke gemmes");
        Assert.Equal("nosniff", Header(evaluation, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(evaluation, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(evaluation, "Content-Security-Policy"));

        // Refusals of evaluations are not stored either, and a batch is an evaluation.
        using var refused = await Client().PostAsJsonAsync("/api/v1/evaluations/batch", new { evaluations = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(refused.Headers.CacheControl?.NoStore);

        using var rulesets = await client.GetAsync("/api/v1/rulesets");
        Assert.Equal(HttpStatusCode.OK, rulesets.StatusCode);
        Assert.Equal("nosniff", Header(rulesets, "X-Content-Type-Options"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"Headeren {name} mangler ({(int)response.StatusCode} {response.RequestMessage?.RequestUri}).");
}

/// <summary>A server behind a proxy at a configured address and network: only those may forward a client's scheme and address.</summary>
public sealed class ConfiguredProxyFactory : AdminServerFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Http:ForwardedHeaders:KnownProxies:0"] = "10.1.2.3",
        ["Http:ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16",
        ["Http:Hsts:MaxAgeDays"] = "30",
    };
}

/// <remarks>In the server collection, so its second server does not start while the collection's tests run.</remarks>
[Collection(ServerCollection.Name)]
public sealed class ConfiguredProxyTests(ConfiguredProxyFactory factory) : IClassFixture<ConfiguredProxyFactory>
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.20.7.8", true)]
    [InlineData("10.9.9.9", false)]
    [InlineData("198.51.100.4", false)]
    public async Task Forwarded_headers_count_only_from_the_configured_proxies(string proxy, bool trusted)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(proxy);
            c.Request.Method = "GET";
            c.Request.Path = "/admin/login";
            c.Request.Host = new HostString("regler.kommune.example");
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.50";
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(trusted ? "https" : "http", context.Request.Scheme);
        Assert.Equal(trusted ? "203.0.113.50" : proxy, context.Connection.RemoteIpAddress!.ToString());
        Assert.Equal(trusted ? "max-age=2592000" : null, context.Response.Headers.StrictTransportSecurity.FirstOrDefault());
    }
}
