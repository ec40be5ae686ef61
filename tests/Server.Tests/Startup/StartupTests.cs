using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;

namespace Serviceloven.Server.Tests.Startup;

/// <summary>
/// Start-up as an operator meets it, with real processes: two servers on one fresh database file, a database file
/// that is not a database or is cut short, and a data folder the server's user cannot write. A broken start ends
/// with one message (which file, what is wrong, what to do) and a documented exit code, never a stack trace.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sl-start-" + Guid.NewGuid().ToString("N")[..12]);

    public StartupTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Two_servers_started_together_on_one_fresh_database_both_start_and_import_once()
    {
        for (var round = 0; round < 2; round++)
        {
            var database = Path.Combine(_folder, $"delt-{round}.db");
            using var first = new ServerProcess(database);
            using var second = new ServerProcess(database);
            await Task.WhenAll(first.WaitReadyAsync(StartTimeout), second.WaitReadyAsync(StartTimeout));

            using var c = Open(database);
            Assert.Equal(MigrationRunner.Embedded(SqlDialect.Sqlite.Name).Count, c.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations"));
            var rulesets = Directory.GetDirectories(RulesServerFactory.RulesFolder).Count(d => File.Exists(Path.Combine(d, "ruleset.json")));
            Assert.Equal(rulesets, c.ExecuteScalar<int>("SELECT COUNT(*) FROM rulesets"));
            Assert.Equal(0, c.ExecuteScalar<int>("SELECT COUNT(*) FROM (SELECT 1 FROM versions GROUP BY ruleset_id, valid_from HAVING COUNT(*) > 1)"));
            Assert.Equal(1, c.ExecuteScalar<int>("SELECT COUNT(*) FROM users"));
            Assert.Equal(1, c.ExecuteScalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'import'"));
        }
    }

    [Fact]
    public async Task A_server_waits_while_another_process_holds_the_start_up_lock_then_starts_normally()
    {
        var database = Path.Combine(_folder, "venter.db");
        var held = new FileStream(database + ".startup-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var server = new ServerProcess(database, settings: new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!server.Output.Contains("Venter på, at en anden proces gør databasen") && !server.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Contains("Venter på, at en anden proces gør databasen " + database, server.Output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(server.HasExited, server.Errors);
        Assert.False(await server.IsListeningAsync(), "serveren startede uden start-låsen");
        await held.DisposeAsync();
        await server.WaitReadyAsync(StartTimeout);
    }

    [Fact]
    public async Task A_start_up_lock_held_too_long_ends_the_start_with_one_message_and_exit_code_6()
    {
        var database = Path.Combine(_folder, "optaget.db");
        using var held = new FileStream(database + ".startup-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var server = new ServerProcess(database, settings: new Dictionary<string, string> { ["Store__StartupLockTimeoutSeconds"] = "2" });
        var code = await server.WaitExitAsync(StartTimeout);
        AssertOperatorMessage(code, 6, server.Errors + server.Output, database + ".startup-lock", "StartupLockTimeoutSeconds");
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_ends_the_start_with_one_message_and_exit_code_4()
    {
        var database = Path.Combine(_folder, "ikke-en-database.db");
        await File.WriteAllTextAsync(database, string.Concat(Enumerable.Repeat("Dette er et regneark, ikke en database. ", 200)));
        var (code, errors) = await RunToEndAsync(database);
        AssertOperatorMessage(code, 4, errors, database, "ikke en SQLite-database");
    }

    [Fact]
    public async Task A_database_cut_short_ends_the_start_with_one_message_and_exit_code_4()
    {
        var database = Path.Combine(_folder, "afkortet.db");
        CreateImportedDatabase(database);
        var length = new FileInfo(database).Length;
        using (var file = new FileStream(database, FileMode.Open, FileAccess.Write)) file.SetLength(length / 2);
        var (code, errors) = await RunToEndAsync(database);
        AssertOperatorMessage(code, 4, errors, database, "beskadiget");
    }

    [Fact]
    public async Task A_data_folder_the_server_cannot_write_ends_the_start_with_one_message_and_exit_code_5()
    {
        // Root may write anywhere: the server runs as 'nobody' then. As another user, a folder without write permission.
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        string? runAs = null, home = null;
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" || IsRoot())
        {
            runAs = "nobody";
            home = Path.Combine(_folder, "home");
            Directory.CreateDirectory(home);
            File.SetUnixFileMode(home, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // root's, read-only for nobody
            Assert.True(await CanRunAsAsync(runAs), "Testen kan ikke køre serveren som 'nobody' (setpriv); scenariet er ikke afprøvet.");
        }
        else
        {
            File.SetUnixFileMode(data, (UnixFileMode)0b101_101_101);
            var probe = Path.Combine(data, "probe");
            var writable = true;
            try { File.WriteAllText(probe, ""); } catch (UnauthorizedAccessException) { writable = false; }
            Assert.False(writable, "Denne bruger kan skrive i en skrivebeskyttet mappe; scenariet kan ikke afprøves her.");
        }
        var database = Path.Combine(data, "serviceloven.db");
        using var server = new ServerProcess(database, runAs, home);
        var code = await server.WaitExitAsync(StartTimeout);
        AssertOperatorMessage(code, 5, server.Errors + server.Output, data, "kan ikke skrive");
    }

    [Fact]
    public async Task Settings_that_are_not_valid_end_the_start_with_one_line_each_and_exit_code_8()
    {
        var database = Path.Combine(_folder, "konfiguration.db");
        using var server = new ServerProcess(database, settings: new Dictionary<string, string>
        {
            ["Http__ForwardedHeaders__KnownProxies__0"] = "10.0.0.300",
            ["Http__ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0",
            ["Store__Provider"] = "oracle",
            ["Admin__SessionRevalidationSeconds"] = "0",
            ["Admin__SignIn__LockoutMinutes"] = "0",
        });
        var code = await server.WaitExitAsync(StartTimeout);
        var output = server.Errors + server.Output;
        AssertOperatorMessage(code, 8, output, "Http:ForwardedHeaders:KnownProxies:0: '10.0.0.300' er ikke en IP-adresse", "Konfigurationen er ikke gyldig");
        Assert.Contains("Http:ForwardedHeaders:KnownNetworks:0: '10.0.0.0' er ikke et netværk", output);
        Assert.Contains("Store:Provider skal være 'sqlite'", output);
        Assert.Contains("Admin:SessionRevalidationSeconds skal være mindst 1", output);
        Assert.Contains("Admin:SignIn:LockoutFailures, LockoutWindowMinutes og LockoutMinutes skal være mindst 1", output);
        Assert.False(File.Exists(database), "serveren rørte databasen, før konfigurationen var kontrolleret");
    }

    private static void AssertOperatorMessage(int code, int expectedCode, string output, string file, string what)
    {
        Assert.True(code == expectedCode, $"exitkode {code}, ventet {expectedCode}; output:\n{output}");
        Assert.Contains(file, output);
        Assert.Contains(what, output);
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("Exception:", output);
    }

    private static async Task<(int Code, string Errors)> RunToEndAsync(string database)
    {
        using var server = new ServerProcess(database);
        var code = await server.WaitExitAsync(StartTimeout);
        return (code, server.Errors + server.Output);
    }

    /// <summary>A database as a first start leaves it, checkpointed into the one file.</summary>
    private static void CreateImportedDatabase(string path)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Store:DatabasePath"] = path }).Build();
        using (var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddStore(configuration).BuildServiceProvider())
        {
            services.GetRequiredService<MigrationRunner>().Apply();
            services.GetRequiredService<Store.Transfer.RulesTransfer>().Import(RulesServerFactory.RulesFolder);
        }
        var db = new SqliteDatabase(new StoreOptions { DatabasePath = path });
        using (var c = db.Open()) c.Execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
        SqliteConnection.ClearAllPools();
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static bool IsRoot() => File.ReadAllText("/proc/self/status").Split('\n').First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";

    private static async Task<bool> CanRunAsAsync(string user)
    {
        using var probe = Process.Start(new ProcessStartInfo("setpriv") { ArgumentList = { "--reuid=" + user, "--regid=" + ServerProcess.PrimaryGroup(user), "--clear-groups", "--", "dotnet", "--list-runtimes" }, RedirectStandardOutput = true, RedirectStandardError = true })!;
        await probe.WaitForExitAsync();
        return probe.ExitCode == 0;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* the temp cleaner takes it */ } catch (UnauthorizedAccessException) { /* idem */ }
    }
}
