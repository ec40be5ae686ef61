using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>The users page lists the locks in force and lifts one with a click (over the real services).</summary>
[Collection(ServerCollection.Name)]
public sealed class LockoutPageTests : BunitContext
{
    private readonly AdminServerFactory _factory;

    public LockoutPageTests(AdminServerFactory factory)
    {
        _factory = factory;
        Services.AddFallbackServiceProvider(factory.Services);
    }

    [Fact]
    public void An_administrator_sees_the_lock_on_the_users_page_and_lifts_it()
    {
        var user = _factory.User("laast-side", Roles.Editor);
        var row = _factory.Get<UserRepository>().Find(user.Username)!;
        const string address = "192.0.2.77";
        for (var i = 0; i < 5; i++)
            _factory.Get<FailedSignInRepository>().Record(row.Id, address, address, FailedSignInReason.WrongPassword, TimeSpan.FromDays(30));
        var lockout = _factory.Get<SignInLockoutRepository>().LockIfDue(row.Id, row.Username, address,
            new LockoutPolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)))!;

        _factory.User("chef-side", Roles.Administrator);
        var auth = AddAuthorization();
        auth.SetAuthorized("chef-side");
        auth.SetRoles(Roles.Administrator);
        var cut = Render<Serviceloven.Admin.Users.UsersPage>();
        var line = cut.Find($"#lift-{lockout.Id}").Closest("tr")!;
        Assert.Contains("laast-side", line.TextContent);
        Assert.Contains(address, line.TextContent);

        cut.Find($"#lift-{lockout.Id}").Click();
        Assert.Contains("Spærringen er ophævet", cut.Find(".notice.ok").TextContent);
        Assert.Empty(cut.FindAll($"#lift-{lockout.Id}"));
        Assert.DoesNotContain(_factory.Get<SignInLockoutRepository>().Active(), l => l.Id == lockout.Id);
    }
}
