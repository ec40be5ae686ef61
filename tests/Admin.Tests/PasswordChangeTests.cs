using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>The first administrator's generated password is changed at first sign-in; anyone can change their own.</summary>
[Collection(ServerCollection.Name)]
public sealed class PasswordChangeTests(AdminServerFactory factory)
{
    [Fact]
    public void A_generated_first_password_must_be_changed_and_a_configured_one_need_not()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sl-pw-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var (password, expected) in new[] { ((string?)null, true), ("Konfigureret-kode-1", false) })
            {
                var db = new SqliteDatabase(new Serviceloven.Store.Database.StoreOptions { DatabasePath = Path.Combine(folder, $"{expected}.db") });
                new MigrationRunner(db).Apply();
                var users = new UserRepository(db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
                UserAdministration.EnsureInitialAdministrator(users, new PasswordHasher<UserRow>(),
                    new AdminOptions { InitialAdmin = new InitialAdminOptions { Username = "admin", Password = password } }, NullLogger.Instance);
                Assert.Equal(expected, users.Find("admin")!.MustChangePassword);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* the temp cleaner takes it */ }
        }
    }

    [Fact]
    public async Task Signing_in_with_a_password_to_change_leads_to_the_change_page_and_the_change_clears_it()
    {
        var users = factory.Get<UserRepository>();
        users.Create("foerste", "Første", factory.Get<IPasswordHasher<UserRow>>().HashPassword(new UserRow(), "Dannet-kode-123"), [Roles.Administrator], "system", mustChangePassword: true);
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var signedIn = await FormSignIn.PostAsync(client, "foerste", "Dannet-kode-123");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(AdminPaths.ChangePassword, Local(signedIn));
        var cookie = FormSignIn.SetCookie(signedIn, FormSignIn.SessionCookie)!.Split(';')[0];

        using var get = new HttpRequestMessage(HttpMethod.Get, AdminPaths.ChangePassword);
        get.Headers.Add("Cookie", cookie);
        using var page = await client.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("must-change-password", html);
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        async Task<HttpResponseMessage> PostAsync(string current, string password, string repeated)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, AdminPaths.ChangePassword)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = FormSignIn.Token(html), ["_handler"] = "password",
                    ["Posted.Current"] = current, ["Posted.Password"] = password, ["Posted.Repeated"] = repeated,
                }),
            };
            post.Headers.Add("Cookie", cookie + "; " + antiforgery);
            return await client.SendAsync(post);
        }

        using var wrong = await PostAsync("forkert", "Min-egen-kode-2026", "Min-egen-kode-2026");
        Assert.Contains("nuværende adgangskode er forkert", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        using var mismatch = await PostAsync("Dannet-kode-123", "Min-egen-kode-2026", "Min-egen-kode-2027");
        Assert.Contains("ikke ens", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()));
        Assert.True(users.Find("foerste")!.MustChangePassword);

        using var changed = await PostAsync("Dannet-kode-123", "Min-egen-kode-2026", "Min-egen-kode-2026");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/admin", Local(changed));
        Assert.NotNull(FormSignIn.SetCookie(changed, FormSignIn.SessionCookie));
        Assert.False(users.Find("foerste")!.MustChangePassword);
        Assert.Equal(SignInStatus.Invalid, (await factory.Get<SignInService>().VerifyAsync("foerste", "Dannet-kode-123", IPAddress.Parse(FormSignIn.RandomAddress()))).Status);
        using var again = await FormSignIn.PostAsync(client, "foerste", "Min-egen-kode-2026");
        Assert.Equal("/admin", Local(again));
        Assert.Contains(factory.Get<AuditLog>().Query(new AuditFilter(Actor: "foerste")), e => e.Action == "user.password");
    }

    private static string Local(HttpResponseMessage response) =>
        response.Headers.Location!.OriginalString.Replace("https://localhost", "").Replace("http://localhost", "");
}
