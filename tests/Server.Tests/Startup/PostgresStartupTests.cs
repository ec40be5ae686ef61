using Serviceloven.Server.Tests.Providers;

namespace Serviceloven.Server.Tests.Startup;

/// <summary>
/// A node configured for PostgreSQL whose server is not there (no cluster needed): the start ends with one message
/// for the operator (where, what, what to do) and exit code 7, never a stack trace.
/// </summary>
public sealed class PostgresStartupTests
{
    [Fact]
    public async Task A_postgres_server_that_does_not_answer_ends_the_start_with_one_message_and_exit_code_7()
    {
        var closedPort = Serviceloven.Tests.Common.LocalPorts.Free();
        using var server = new ServerProcess(Path.Combine(Path.GetTempPath(), "ubrugt.db"), settings: new Dictionary<string, string>
        {
            ["Store__Provider"] = "postgres",
            ["ConnectionStrings__Serviceloven"] = $"Host=127.0.0.1;Port={closedPort};Database=serviceloven;Username=serviceloven;Password=x;Timeout=3",
        });
        var code = await server.WaitExitAsync(TimeSpan.FromMinutes(2));
        var output = server.Errors + server.Output;
        Assert.True(code == 7, $"exitkode {code}, ventet 7; output:\n{output}");
        Assert.Contains($"127.0.0.1:{closedPort}/serviceloven", output);
        Assert.Contains("ConnectionStrings__Serviceloven", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_ends_the_start_with_a_message_naming_the_setting()
    {
        using var server = new ServerProcess(Path.Combine(Path.GetTempPath(), "ubrugt.db"), settings: new Dictionary<string, string>
        {
            ["Store__Provider"] = "postgres",
        });
        var code = await server.WaitExitAsync(TimeSpan.FromMinutes(2));
        var output = server.Errors + server.Output;
        Assert.True(code == 7, $"exitkode {code}, ventet 7; output:\n{output}");
        Assert.Contains("ConnectionStrings:Serviceloven er ikke sat", output);
        Assert.DoesNotContain("   at ", output);
    }
}
