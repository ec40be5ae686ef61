using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Serviceloven.Admin.Auth;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>The real server (in memory) over a temp SQLite file with the shipped rules/ imported.</summary>
public class AdminServerFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-tests-kode-1";
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "sl-admin-" + Guid.NewGuid().ToString("N")[..12]);

    public static string RepositoryRoot => typeof(AdminServerFactory).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DatabasePath"] = Path.Combine(Folder, "rules.db"),
            ["Rules:Path"] = Path.Combine(RepositoryRoot, "rules"),
            ["Access:AllowAnonymousEvaluation"] = "false",
            ["Admin:InitialAdmin:Password"] = AdminPassword,
        }).AddInMemoryCollection(Settings));
        // TestServer gives no client address; requests then come as from a proxy on this host (loopback), which is
        // what X-Forwarded-For is honoured from by default. A test may still set its own address (Server.SendAsync).
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackClient>());
    }

    /// <summary>Configuration a derived factory adds on top of the above.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    private sealed class LoopbackClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
                return nextStep(context);
            });
            next(app);
        };
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A user with the given roles, created directly in the store, and the AdminUser the services see.</summary>
    public AdminUser User(string username, params string[] roles)
    {
        var users = Get<UserRepository>();
        if (users.Find(username) is null)
            users.Create(username, username, Get<IPasswordHasher<UserRow>>().HashPassword(new UserRow { Username = username }, "Kode-til-" + username + "-1"), roles, "test");
        return new AdminUser(username, username, roles.ToHashSet());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* the temp cleaner takes it */ }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<AdminServerFactory>
{
    public const string Name = "admin server";
}
