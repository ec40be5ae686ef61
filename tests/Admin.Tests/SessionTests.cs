using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc.Testing;
using Serviceloven.Admin.Auth;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// A session cookie is only good while its session stamp matches the user's row: signing out, a password change,
/// deactivation and a role change end every session of that user, including copies of the cookie kept elsewhere.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SessionTests(AdminServerFactory factory)
{
    [Fact]
    public async Task After_signing_out_the_old_cookie_opens_nothing()
    {
        factory.User("udlogget", Roles.Administrator);
        var (client, cookie) = await SignInAsync("udlogget");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/admin/brugere", cookie)).StatusCode);

        // Sign out through the form in the page header (antiforgery token from a signed-in page).
        using var page = await GetAsync(client, "/admin", cookie);
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/admin/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FormSignIn.Token(await page.Content.ReadAsStringAsync()) }),
        };
        logout.Headers.Add("Cookie", cookie + "; " + antiforgery);
        using var loggedOut = await client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);

        // The cookie value kept from before (a copy, a second tab, a stolen one) opens neither a page nor the circuit hub.
        await AssertEndedAsync(client, cookie);
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_user()
    {
        factory.User("kodeskift", Roles.Editor);
        var (client, first) = await SignInAsync("kodeskift");
        var (_, second) = await SignInAsync("kodeskift");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/admin", first)).StatusCode);
        factory.Get<UserAdministration>().SetPassword(factory.User("kodechef", Roles.Administrator), "kodeskift", "Kode-til-kodeskift-1");
        await AssertEndedAsync(client, first);
        await AssertEndedAsync(client, second);
        // Signing in again gives a new, working session.
        var (_, fresh) = await SignInAsync("kodeskift");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/admin", fresh)).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_every_session_of_the_user()
    {
        factory.User("rolleskift", Roles.Editor, Roles.Approver);
        var (client, cookie) = await SignInAsync("rolleskift");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/admin", cookie)).StatusCode);
        factory.Get<UserAdministration>().SetRoles(factory.User("rollechef", Roles.Administrator), "rolleskift", [Roles.Editor], active: true);
        await AssertEndedAsync(client, cookie);
    }

    [Fact]
    public async Task Deactivation_ends_every_session_of_the_user()
    {
        factory.User("deaktiveret", Roles.Editor);
        var (client, cookie) = await SignInAsync("deaktiveret");
        factory.Get<UserAdministration>().SetRoles(factory.User("deaktchef", Roles.Administrator), "deaktiveret", [Roles.Editor], active: false);
        await AssertEndedAsync(client, cookie);
    }

    [Fact]
    public async Task An_open_circuit_loses_its_user_when_the_session_ends()
    {
        factory.User("kredsloeb", Roles.Editor);
        var (_, cookie) = await SignInAsync("kredsloeb");
        var state = new AuthenticationState(Principal(cookie));
        using var scope = factory.Services.CreateScope();
        // The circuit's provider must revalidate; the framework's default provider never looks again.
        var provider = Assert.IsAssignableFrom<RevalidatingServerAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        var validate = typeof(RevalidatingServerAuthenticationStateProvider).GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Task<bool> Validate() => (Task<bool>)validate.Invoke(provider, [state, CancellationToken.None])!;
        Assert.True(await Validate());
        factory.Get<UserRepository>().EndSessions("kredsloeb");
        Assert.False(await Validate());
    }

    /// <summary>The principal inside a session cookie, read with the server's own data protection.</summary>
    private System.Security.Claims.ClaimsPrincipal Principal(string cookie)
    {
        var value = cookie.Split("; ").Single(c => c.StartsWith(FormSignIn.SessionCookie + "=", StringComparison.Ordinal))[(FormSignIn.SessionCookie.Length + 1)..];
        var options = factory.Get<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        return options.TicketDataFormat.Unprotect(Uri.UnescapeDataString(value))?.Principal ?? throw new InvalidOperationException("Cookien kunne ikke læses.");
    }

    private async Task AssertEndedAsync(HttpClient client, string cookie)
    {
        using var page = await GetAsync(client, "/admin", cookie);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/admin/login", page.Headers.Location!.OriginalString);
        using var users = await GetAsync(client, "/admin/brugere", cookie);
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.DoesNotContain("Brugere og API-nøgler", await users.Content.ReadAsStringAsync());
        using var hub = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        hub.Headers.Add("Cookie", cookie);
        using var negotiated = await client.SendAsync(hub);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiated.StatusCode);
    }

    /// <summary>Signs in through the form; the antiforgery cookie is not needed afterwards, the session cookie is.</summary>
    private async Task<(HttpClient Client, string Cookie)> SignInAsync(string username)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return (client, await FormSignIn.CookieAsync(client, username, "Kode-til-" + username + "-1"));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
