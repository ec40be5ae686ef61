using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Adversarial.Tests.Common;

/// <summary>
/// The real server on a real Kestrel port over a real SQLite file in a temp folder, Production profile, with the
/// shipped rules/ imported at start-up, an API key for the tests and every log line captured.
/// </summary>
public class LiveServer : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Adversarial-admin-kode-1";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly string _rules;

    public string Folder { get; } = Repository.TempFolder("sl-adv");
    public string DatabasePath => Path.Combine(Folder, "rules.db");
    public int Port { get; } = Serviceloven.Tests.Common.LocalPorts.Free();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public CapturedLog Log { get; } = new();
    public string ApiKey { get; }

    /// <param name="smallRules">Four small rulesets instead of all of rules/ (SmallRules): a start takes a second, not ten.</param>
    public LiveServer(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Production", bool smallRules = false)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _environment = environment;
        _rules = smallRules ? SmallRules.CopyTo(Folder) : Repository.RulesFolder;
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
        ApiKey = Get<ApiClientRepository>().Create("adversarial", "test").Key;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DatabasePath"] = DatabasePath,
            ["Rules:Path"] = _rules,
            ["Access:AllowAnonymousEvaluation"] = "false",
            ["Admin:InitialAdmin:Username"] = "admin",
            ["Admin:InitialAdmin:Password"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Information",
        }).AddInMemoryCollection(_settings));
        builder.ConfigureLogging(l => l.AddProvider(Log));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client over real HTTP to the Kestrel port; with the API key unless told otherwise.</summary>
    public HttpClient Http(string? apiKey = "", bool cookies = false)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var key = apiKey == "" ? ApiKey : apiKey;
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Repository.Delete(Folder);
    }
}
