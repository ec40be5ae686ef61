using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Hosting;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>The server on a clock the test moves by hand, so waits and lock-outs end without sleeping.</summary>
public sealed class ClockedAdminServerFactory : AdminServerFactory
{
    public HandClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public sealed class HandClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
        public void Advance(TimeSpan by) => Now += by;
    }
}

/// <summary>
/// Lock-out after repeated wrong passwords, per account and client address: the address that failed is refused even
/// the right password until the lock ends or an administrator lifts it; any other address signs in as before. The lock
/// is in the database (another node or a restarted one sees it) and is an audit event.
/// </summary>
public sealed class SignInLockoutTests(ClockedAdminServerFactory factory) : IClassFixture<ClockedAdminServerFactory>
{
    private const int Failures = 5; // Admin:SignIn:LockoutFailures by default
    private SignInService SignIn => factory.Get<SignInService>();
    private static IPAddress Address() => IPAddress.Parse(FormSignIn.RandomAddress());
    private static string Password(string user) => "Kode-til-" + user + "-1";

    /// <summary>Wrong passwords from the address, stepping past the address's growing wait between them.</summary>
    private async Task FailAsync(string user, IPAddress from, int times)
    {
        for (var i = 0; i < times; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(SignInStatus.Invalid, (await SignIn.VerifyAsync(user, "forkert-" + i, from)).Status);
        }
        factory.Clock.Advance(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task After_n_wrong_passwords_the_account_is_locked_for_that_address_only_even_with_the_right_password()
    {
        factory.User("lise", Roles.Editor);
        var attacker = Address();
        await FailAsync("lise", attacker, Failures - 1);
        // One short of the limit: the right password still works, and the failures before it do not carry a lock.
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("lise", Password("lise"), Address())).Status);
        await FailAsync("lise", attacker, 1);

        var locked = await SignIn.VerifyAsync("lise", Password("lise"), attacker);
        Assert.Equal(SignInStatus.LockedOut, locked.Status);
        Assert.Null(locked.User);
        Assert.Equal(factory.Clock.Now + locked.RetryAfter, locked.LockedUntil);
        Assert.InRange(locked.RetryAfter, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        // A wrong password gets the very same answer: nothing tells whether the password was right.
        var wrong = await SignIn.VerifyAsync("lise", "forkert", attacker);
        Assert.Equal((locked.Status, locked.LockedUntil), (wrong.Status, wrong.LockedUntil));
        // The owner, anywhere else, signs in.
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("lise", Password("lise"), Address())).Status);
        // Another account from the attacker's address is not locked.
        factory.User("lone", Roles.Editor);
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("lone", Password("lone"), attacker)).Status);

        // The lock is an audit event naming the account and the address.
        var entry = Assert.Single(factory.Get<AuditLog>().Query(new AuditFilter(Action: SignInLockoutRepository.LockAction)), e => e.EntityId == "lise");
        Assert.Contains(attacker.ToString(), entry.Detail);
    }

    [Fact]
    public async Task The_lock_ends_after_its_time_and_failures_before_it_do_not_lock_again()
    {
        factory.User("mads", Roles.Editor);
        var attacker = Address();
        await FailAsync("mads", attacker, Failures);
        Assert.Equal(SignInStatus.LockedOut, (await SignIn.VerifyAsync("mads", Password("mads"), attacker)).Status);
        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(SignInStatus.LockedOut, (await SignIn.VerifyAsync("mads", Password("mads"), attacker)).Status);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        // One more wrong password after the lock is one failure, not the sixth.
        Assert.Equal(SignInStatus.Invalid, (await SignIn.VerifyAsync("mads", "forkert", attacker)).Status);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("mads", Password("mads"), attacker)).Status);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_the_window_do_not_lock()
    {
        factory.User("nina", Roles.Editor);
        var from = Address();
        for (var i = 0; i < Failures + 2; i++)
        {
            Assert.Equal(SignInStatus.Invalid, (await SignIn.VerifyAsync("nina", "forkert", from)).Status);
            factory.Clock.Advance(TimeSpan.FromMinutes(4)); // 4 in 15 minutes at most
        }
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("nina", Password("nina"), from)).Status);
    }

    [Fact]
    public async Task An_ipv6_client_counts_as_its_64_and_other_prefixes_are_not_affected()
    {
        factory.User("otto", Roles.Editor);
        for (var i = 0; i < Failures; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.Equal(SignInStatus.Invalid, (await SignIn.VerifyAsync("otto", "forkert", IPAddress.Parse($"2001:db8:5:6::{i + 1:x}"))).Status);
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SignInStatus.LockedOut, (await SignIn.VerifyAsync("otto", Password("otto"), IPAddress.Parse("2001:db8:5:6::ffff"))).Status);
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("otto", Password("otto"), IPAddress.Parse("2001:db8:5:7::1"))).Status);
    }

    [Fact]
    public async Task The_lock_is_in_the_database_so_another_node_or_a_restarted_one_holds_it()
    {
        factory.User("pia", Roles.Editor);
        var attacker = Address();
        await FailAsync("pia", attacker, Failures);
        // A node with nothing in memory: its own throttle, the same database.
        var options = factory.Get<IOptions<AdminOptions>>();
        var otherNode = new SignInService(factory.Get<UserRepository>(), factory.Get<FailedSignInRepository>(), factory.Get<SignInLockoutRepository>(),
            factory.Get<IPasswordHasher<UserRow>>(), factory.Get<AuditLog>(), new SignInThrottle(factory.Clock, options), factory.Clock, options);
        Assert.Equal(SignInStatus.LockedOut, (await otherNode.VerifyAsync("pia", Password("pia"), attacker)).Status);
        Assert.Equal(SignInStatus.Success, (await otherNode.VerifyAsync("pia", Password("pia"), Address())).Status);
    }

    [Fact]
    public async Task An_administrator_lifts_the_lock_and_only_an_administrator_may()
    {
        factory.User("rune", Roles.Editor);
        var attacker = Address();
        await FailAsync("rune", attacker, Failures);
        var users = factory.Get<UserAdministration>();
        var admin = factory.User("chef-laas", Roles.Administrator);
        var lockout = Assert.Single(users.Lockouts(admin), l => l.Username == "rune");
        Assert.Equal(attacker.ToString(), lockout.AddressKey);

        Assert.Throws<AdminForbiddenException>(() => users.Lockouts(factory.User("rune", Roles.Editor)));
        Assert.Throws<AdminForbiddenException>(() => users.LiftLockout(factory.User("godk-laas", Roles.Approver, Roles.Editor), lockout.Id));
        Assert.Equal(SignInStatus.LockedOut, (await SignIn.VerifyAsync("rune", Password("rune"), attacker)).Status);

        users.LiftLockout(admin, lockout.Id);
        Assert.Equal(SignInStatus.Success, (await SignIn.VerifyAsync("rune", Password("rune"), attacker)).Status);
        Assert.DoesNotContain(users.Lockouts(admin), l => l.Username == "rune");
        Assert.Throws<RefusedException>(() => users.LiftLockout(admin, lockout.Id));
        var lifted = Assert.Single(factory.Get<AuditLog>().Query(new AuditFilter(Action: SignInLockoutRepository.LiftAction)), e => e.EntityId == "rune");
        Assert.Equal("chef-laas", lifted.Actor);
    }

    [Fact]
    public async Task The_sign_in_form_answers_a_locked_address_with_429_and_when_to_try_again_right_or_wrong_password()
    {
        factory.User("sofie", Roles.Editor);
        var attacker = FormSignIn.RandomAddress();
        await FailAsync("sofie", IPAddress.Parse(attacker), Failures);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var right = await FormSignIn.PostAsync(client, "sofie", Password("sofie"), attacker);
        using var wrong = await FormSignIn.PostAsync(client, "sofie", "forkert", attacker);
        var until = Assert.Single(factory.Get<SignInLockoutRepository>().Active(), l => l.Username == "sofie").LockedUntil;
        foreach (var response in new[] { right, wrong })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta is { TotalMinutes: > 14 and <= 15 }, "Retry-After mangler");
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains(LoginPage.LockedOutMessage(until), html);
            Assert.Contains("Vent til " + Common.Danish.Instant(until), html);
            Assert.DoesNotContain("Forkert brugernavn eller adgangskode", html);
        }
        using var elsewhere = await FormSignIn.PostAsync(client, "sofie", Password("sofie"));
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }
}
