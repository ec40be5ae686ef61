using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Server.Tests.Providers;

namespace Serviceloven.Server.Tests.Nodes;

/// <summary>
/// A node in this test process on a real Kestrel port, over a shared database, in the production profile: its
/// services (the admin's publishing) are at hand for the test, its HTTP API is a real socket like another node's.
/// </summary>
public sealed class KestrelNode : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Node-test-kode-1";

    private readonly TestDatabase _database;

    public KestrelNode(TestDatabase database)
    {
        _database = database;
        Port = Serviceloven.Tests.Common.LocalPorts.Free();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>(_database.Settings)
        {
            ["Rules:Path"] = RulesServerFactory.RulesFolder,
            ["Access:AllowAnonymousEvaluation"] = "true",
            ["Admin:InitialAdmin:Password"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>
/// The tests with several nodes measure how soon a publication is live on another node; they run by themselves, not
/// beside the other test classes of this assembly, so the figure is the nodes' own and not the test runner's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodesCollection
{
    public const string Name = "nodes";
}
