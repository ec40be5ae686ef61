using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// Every admin route and endpoint, enumerated from the app's own EndpointDataSource (so a new one cannot be
/// forgotten), refuses a caller who has not signed in. Only the sign-in page is open.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class UnauthenticatedAccessTests(AdminServerFactory factory)
{
    private static readonly string[] OpenPaths = ["/admin/login"];

    private List<(string Pattern, string Method, Endpoint Endpoint)> AdminEndpoints()
    {
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => IsAdmin(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m, (Endpoint)e)))
            .ToList();
    }

    /// <summary>Admin = under /admin, the Blazor circuit hub, or any Razor component page (wherever it is mounted).</summary>
    private static bool IsAdmin(RouteEndpoint e)
    {
        var raw = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
        return raw.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("/_blazor", StringComparison.OrdinalIgnoreCase)
            || e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
    }

    [Fact]
    public void The_admin_has_its_pages_hub_and_sign_out_endpoints()
    {
        var patterns = AdminEndpoints().Select(e => e.Pattern).ToHashSet();
        foreach (var expected in new[] { "/admin", "/admin/login", "/admin/logout", "/admin/versioner/{Id:long}", "/admin/forskelle", "/admin/satser",
                     "/admin/satsregulering", "/admin/revisionsspor", "/admin/afproevning", "/admin/brugere", "/_blazor" })
            Assert.Contains(expected, patterns);
    }

    [Fact]
    public void Only_the_sign_in_page_allows_anonymous_callers()
    {
        var open = AdminEndpoints().Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.Pattern).Distinct().Order().ToList();
        Assert.Equal(OpenPaths.Order(), open);
        foreach (var (pattern, _, endpoint) in AdminEndpoints().Where(e => !OpenPaths.Contains(e.Pattern)))
            Assert.True(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0, $"{pattern} kræver ikke log ind");
    }

    [Fact]
    public async Task Every_admin_endpoint_refuses_an_anonymous_caller()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var checkedCount = 0;
        foreach (var (pattern, method, _) in AdminEndpoints().Where(e => !OpenPaths.Contains(e.Pattern)))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\*\*)?([A-Za-z]+)(:long)?[^}]*\}", m => m.Groups[3].Success ? "1" : "x");
            foreach (var accept in new[] { "text/html", "application/json" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.Accept.ParseAdd(accept);
                if (method != "GET") request.Content = new FormUrlEncodedContent([]);
                using var response = await client.SendAsync(request);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/admin/login"));
                Assert.True(refused, $"{method} {path} ({accept}) svarede {(int)response.StatusCode} uden log ind");
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("sel-97", body);
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 20, $"kun {checkedCount} kald");
    }

    [Fact]
    public async Task A_browser_without_a_cookie_is_sent_to_the_sign_in_page()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/satser");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/login?ReturnUrl=%2Fadmin%2Fsatser", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Posted.Username"] = "admin", ["Posted.Password"] = AdminServerFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".Serviceloven.Admin", StringComparison.Ordinal)));
    }
}
