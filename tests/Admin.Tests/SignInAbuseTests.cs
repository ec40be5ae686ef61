using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// Sign-in under attack: rate limits per client address and per user name (429 with Retry-After), a growing wait for
/// an address that keeps failing instead of an account lock, the same work for unknown names, and failed attempts
/// kept for a while without the typed name, outside the audit log. Client addresses come from X-Forwarded-For, which
/// the server honours from loopback, the address TestServer's requests get here.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SignInAbuseTests(AdminServerFactory factory, Xunit.Abstractions.ITestOutputHelper output)
{
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task Sign_in_posts_from_one_address_are_rate_limited_with_429_and_retry_after()
    {
        // Right passwords, so only the rate limit can refuse them (failures would be slowed by the throttle first).
        factory.User("flittig", Roles.Editor);
        var address = FormSignIn.RandomAddress();
        HttpResponseMessage? refused = null;
        var signedIn = 0;
        for (var i = 0; i < 25 && refused is null; i++)
        {
            var response = await FormSignIn.PostAsync(Client(), "flittig", "Kode-til-flittig-1", address);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else if (response.StatusCode == HttpStatusCode.Redirect) signedIn++;
        }
        Assert.NotNull(refused);
        Assert.InRange(signedIn, 10, 12); // 10 a minute, refilled one every 6 s
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, "Retry-After mangler");
        Assert.Contains("For mange log ind-forsøg", await refused.Content.ReadAsStringAsync());
        // Another address is not affected.
        using var other = await FormSignIn.PostAsync(Client(), "flittig", "Kode-til-flittig-1");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_for_one_user_name_are_rate_limited_across_addresses()
    {
        factory.User("spredt", Roles.Editor);
        HttpResponseMessage? refused = null;
        var signedIn = 0;
        for (var i = 0; i < 80 && refused is null; i++)
        {
            var response = await FormSignIn.PostAsync(Client(), "spredt", "Kode-til-spredt-1");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else if (response.StatusCode == HttpStatusCode.Redirect) signedIn++;
        }
        Assert.NotNull(refused);
        Assert.True(signedIn >= 30, $"kun {signedIn} log ind før 429"); // 30 a minute for one name, refilled one every 2 s
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 });
        // The same addresses may still sign in as someone else.
        using var other = await FormSignIn.PostAsync(Client(), "admin", AdminServerFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task The_owner_signs_in_with_the_right_password_while_an_attacker_at_another_address_is_throttled()
    {
        factory.User("ejer", Roles.Administrator);
        var attacker = FormSignIn.RandomAddress();
        var throttled = 0;
        for (var i = 0; i < 9; i++)
        {
            using var attempt = await FormSignIn.PostAsync(Client(), "ejer", "gaet-" + i, attacker);
            Assert.NotEqual(HttpStatusCode.Redirect, attempt.StatusCode);
            if (attempt.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled++;
                Assert.Contains("Vent", await attempt.Content.ReadAsStringAsync());
            }
        }
        Assert.True(throttled >= 3, $"angriberen blev kun bremset {throttled} gange");
        // Even the right password is refused from the attacker's address while it waits ...
        using var fromAttacker = await FormSignIn.PostAsync(Client(), "ejer", "Kode-til-ejer-1", attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromAttacker.StatusCode);
        // ... but the owner, at their own address, gets in with it at once.
        using var owner = await FormSignIn.PostAsync(Client(), "ejer", "Kode-til-ejer-1");
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.NotNull(FormSignIn.SetCookie(owner, FormSignIn.SessionCookie));
    }

    [Fact]
    public async Task An_unknown_user_name_takes_as_long_as_a_wrong_password()
    {
        for (var i = 0; i < 4; i++) factory.User("tid" + i, Roles.Editor);
        await FormSignIn.PostAsync(Client(), "opvarmning", "x");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < 4; round++)
        {
            known.Add(await TimeAsync("tid" + round));
            unknown.Add(await TimeAsync("findes-ikke-" + Guid.NewGuid().ToString("N")[..8]));
        }
        var (k, u) = (Median(known), Median(unknown));
        output.WriteLine($"median over HTTP: unknown user {u:F0} ms, wrong password {k:F0} ms");
        // Before: 90-160 ms against 3-7 ms. Now both hash a password; allow for a noisy machine.
        Assert.True(u > k * 0.5, $"ukendt bruger {u:F0} ms, forkert adgangskode {k:F0} ms");
    }

    [Fact]
    public async Task Failed_sign_ins_are_kept_without_an_unknown_name_outside_the_audit_log_and_purged_after_the_retention()
    {
        var database = factory.Get<StoreDatabase>();
        using (var c = database.Open())
            c.Execute("INSERT INTO failed_signins (at, user_id, client_address, reason) VALUES ('2001-01-01T00:00:00.0000000Z', NULL, '192.0.2.1', 'unknown-user')");
        const string cpr = "0101901234";
        factory.User("maren", Roles.Editor);
        using (var typo = await FormSignIn.PostAsync(Client(), cpr, "noget", "192.0.2.44")) Assert.Equal(HttpStatusCode.OK, typo.StatusCode);
        using (var wrong = await FormSignIn.PostAsync(Client(), "maren", "forkert", "192.0.2.45")) Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);

        using var connection = database.Open();
        var rows = connection.Query<(string At, long? UserId, string Address, string Reason)>(
            "SELECT at, user_id, client_address, reason FROM failed_signins WHERE client_address IN ('192.0.2.44', '192.0.2.45', '192.0.2.1') ORDER BY client_address").ToList();
        Assert.Equal(2, rows.Count); // the row from 2001 is gone: older than the retention
        Assert.Equal(("192.0.2.44", (long?)null, "unknown-user"), (rows[0].Address, rows[0].UserId, rows[0].Reason));
        Assert.Equal(("192.0.2.45", "wrong-password"), (rows[1].Address, rows[1].Reason));
        Assert.Equal(factory.Get<UserRepository>().Find("maren")!.Id, rows[1].UserId);
        // The typed name is nowhere: not in that table, not in the audit log.
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM failed_signins WHERE instr(at || coalesce(client_address, '') || reason, @cpr) > 0", new { cpr }));
        Assert.Equal(0, connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM audit_log WHERE instr(actor || coalesce(entity_id, '') || coalesce(detail, ''), @cpr) > 0", new { cpr }));
        Assert.DoesNotContain(factory.Get<AuditLog>().Query(new AuditFilter(Actor: "maren")), e => e.Action.StartsWith("signin.", StringComparison.Ordinal));
    }

    private async Task<double> TimeAsync(string username)
    {
        var client = Client();
        var started = Stopwatch.GetTimestamp();
        using var response = await FormSignIn.PostAsync(client, username, "forkert-kode");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return elapsed;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
