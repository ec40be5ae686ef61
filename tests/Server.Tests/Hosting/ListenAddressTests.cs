using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Serviceloven.Server.Hosting;

namespace Serviceloven.Server.Tests.Hosting;

/// <summary>ASPNETCORE_URLS and --urls win over the default port; launchSettings.json sets no address that would override them.</summary>
public class ListenAddressTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_any_address_the_server_listens_on_localhost_5080() =>
        Assert.Equal("http://localhost:5080", ListenAddress.DefaultUnlessConfigured(Config()));

    [Theory]
    [InlineData("urls", "http://127.0.0.1:21001")] // ASPNETCORE_URLS, URLS and --urls all arrive as "urls"
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:21002")]
    public void An_address_from_the_environment_or_the_command_line_is_left_alone(string key, string value) =>
        Assert.Null(ListenAddress.DefaultUnlessConfigured(Config((key, value))));

    [Fact]
    public void The_environment_variable_reaches_the_host_as_urls()
    {
        Environment.SetEnvironmentVariable("SLTEST_URLS", "http://127.0.0.1:21003");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("SLTEST_").Build();
            Assert.Null(ListenAddress.DefaultUnlessConfigured(configuration));
        }
        finally { Environment.SetEnvironmentVariable("SLTEST_URLS", null); }
    }

    [Fact]
    public void Launch_settings_set_no_address_so_dotnet_run_keeps_ASPNETCORE_URLS()
    {
        var path = Path.Combine(RulesServerFactory.RepositoryRoot, "src", "Server", "Properties", "launchSettings.json");
        var profiles = JsonNode.Parse(File.ReadAllText(path))!["profiles"]!.AsObject();
        Assert.NotEmpty(profiles);
        foreach (var (name, profile) in profiles)
        {
            Assert.Null(profile!["applicationUrl"]);
            Assert.Null(profile["environmentVariables"]?["ASPNETCORE_URLS"]);
            Assert.Null(profile["commandLineArgs"]);
        }
    }
}
