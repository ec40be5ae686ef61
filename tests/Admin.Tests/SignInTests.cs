using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

[Collection(ServerCollection.Name)]
public sealed partial class SignInTests(AdminServerFactory factory)
{
    [Fact]
    public async Task The_first_administrator_comes_from_configuration_with_every_role()
    {
        var admin = factory.Get<UserRepository>().Find("admin");
        Assert.NotNull(admin);
        Assert.Equal(Roles.All.Order(), admin.RoleList.Order());
        Assert.Equal(SignInStatus.Success, (await factory.Get<SignInService>().VerifyAsync("admin", AdminServerFactory.AdminPassword, Address())).Status);
    }

    [Fact]
    public async Task Wrong_passwords_slow_the_address_down_but_never_lock_the_account()
    {
        factory.User("laase", Roles.Editor);
        var signIn = factory.Get<SignInService>();
        var attacker = Address();
        for (var i = 0; i < 5; i++) Assert.Equal(SignInStatus.Invalid, (await signIn.VerifyAsync("laase", "forkert", attacker)).Status);
        // The address now waits before anything it sends is checked, the right password too.
        var throttled = await signIn.VerifyAsync("laase", "Kode-til-laase-1", attacker);
        Assert.Equal(SignInStatus.Throttled, throttled.Status);
        Assert.InRange(throttled.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        // The account is not locked: its owner, elsewhere, signs in.
        Assert.Equal(SignInStatus.Success, (await signIn.VerifyAsync("laase", "Kode-til-laase-1", Address())).Status);
        // Failures are not audit events.
        Assert.DoesNotContain(factory.Get<AuditLog>().Query(new AuditFilter(Actor: "laase")), e => e.Action == "signin.failed");
    }

    [Fact]
    public async Task An_unknown_user_fails_like_a_wrong_password_and_is_not_audited()
    {
        var result = await factory.Get<SignInService>().VerifyAsync("findes-ikke", "hvad-som-helst", Address());
        Assert.Equal(SignInStatus.Invalid, result.Status);
        Assert.Empty(factory.Get<AuditLog>().Query(new AuditFilter(Actor: "findes-ikke")));
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in()
    {
        var admin = factory.User("chef", Roles.Administrator);
        factory.User("tidligere", Roles.Editor);
        factory.Get<UserAdministration>().SetRoles(admin, "tidligere", [Roles.Editor], active: false);
        Assert.Equal(SignInStatus.Invalid, (await factory.Get<SignInService>().VerifyAsync("tidligere", "Kode-til-tidligere-1", Address())).Status);
    }

    [Fact]
    public void Only_administrators_manage_users_and_api_keys()
    {
        var editor = factory.User("redaktoer", Roles.Editor, Roles.Approver);
        var users = factory.Get<UserAdministration>();
        Assert.Throws<AdminForbiddenException>(() => users.Create(editor, "ny", "Ny", "En-lang-kode-123", [Roles.Editor]));
        Assert.Throws<AdminForbiddenException>(() => users.CreateApiKey(editor, "system"));
        var admin = factory.User("admin2", Roles.Administrator);
        Assert.Throws<RefusedException>(() => users.Create(admin, "kort", "Kort", "kort", [Roles.Editor]));
        var (client, key) = users.CreateApiKey(admin, "Fagsystem");
        Assert.StartsWith(client.KeyPrefix, key);
    }

    [Fact]
    public async Task Signing_in_through_the_form_sets_the_cookie_and_opens_the_admin()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        var form = await client.GetStringAsync("/admin/login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        using var wrong = await client.PostAsync("/admin/login", Form(token, "admin", "forkert"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Forkert brugernavn eller adgangskode", await wrong.Content.ReadAsStringAsync());

        using var ok = await client.PostAsync("/admin/login", Form(token, "admin", AdminServerFactory.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/admin", ok.Headers.Location!.OriginalString.Replace("https://localhost", ""));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/admin");
        page.Headers.Accept.ParseAdd("text/html");
        using var overview = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("sel-97", await overview.Content.ReadAsStringAsync());
        Assert.Contains(factory.Get<AuditLog>().Query(new AuditFilter(Actor: "admin", Action: "signin")), e => e.Detail == "Logget ind.");
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_session_at_the_next_request()
    {
        factory.User("ingrid", Roles.Editor);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        var token = TokenPattern().Match(await client.GetStringAsync("/admin/login")).Groups[1].Value;
        using var ok = await client.PostAsync("/admin/login", Form(token, "ingrid", "Kode-til-ingrid-1"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetPageAsync(client, "/admin")).StatusCode);
        // An editor is not an administrator: the users page is refused at the endpoint.
        Assert.Equal(HttpStatusCode.Redirect, (await GetPageAsync(client, "/admin/brugere")).StatusCode);

        factory.Get<UserAdministration>().SetRoles(factory.User("chef2", Roles.Administrator), "ingrid", [Roles.Editor], active: false);
        using var after = await GetPageAsync(client, "/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/login", after.Headers.Location!.OriginalString);
    }

    private static System.Net.IPAddress Address() => System.Net.IPAddress.Parse(FormSignIn.RandomAddress());

    private static async Task<HttpResponseMessage> GetPageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("/admin/satser", "/admin/satser")]
    [InlineData("https://example.org/", "/admin")]
    [InlineData("//example.org/admin", "/admin")]
    [InlineData(null, "/admin")]
    public void A_return_url_never_leaves_the_admin(string? given, string expected) =>
        Assert.Equal(expected, LoginPage.SafeReturn(given));

    private static FormUrlEncodedContent Form(string token, string user, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Posted.Username"] = user, ["Posted.Password"] = password,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
