using System.Diagnostics;
using Dapper;
using Serviceloven.Adversarial.Tests.Common;
using Xunit.Abstractions;

namespace Serviceloven.Adversarial.Tests.Crash;

/// <summary>
/// SIGKILL at randomised moments (CRASH_N times each; 10 in CI, CRASH_N=20 or more in the long mode) during the first import, during a publication and
/// during a sats regulation's approval, each followed by a start on the same database file. After every kill: SQLite's
/// integrity_check passes, what is published is the old state or the new one (never half), the audit log agrees with
/// it, and the next start becomes ready and serves exactly what the database holds. Prints the figure.
/// </summary>
public abstract class CrashTests(ITestOutputHelper output, Figures figures) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _folder = Repository.TempFolder("sl-crash");
    private readonly int _rounds = Repository.Setting("CRASH_N", 10);
    private readonly ulong _seed = Repository.Seed("CRASH_SEED");

    protected async Task KillDuringFirstImportAsync()
    {
        var random = new Random((int)(_seed % int.MaxValue));
        var expectedRulesets = Directory.GetDirectories(Repository.RulesFolder).Count(d => File.Exists(Path.Combine(d, "ruleset.json")));
        // One undisturbed start measures where the import lies: after the migrations, before the import's log line.
        var (migrated, imported) = await CalibrateImportAsync();
        var landed = new Dictionary<string, int> { ["før importen"] = 0, ["under importen"] = 0, ["efter importen"] = 0 };
        var database = NewDatabase(0);
        var started = Stopwatch.GetTimestamp();
        for (var round = 1; round <= _rounds; round++)
        {
            var kill = migrated * 0.8 + (imported * 1.15 - migrated * 0.8) * random.NextDouble();
            using (var server = Server(database))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(kill));
                server.Kill();
                landed[server.Output.Contains("Tom database: importerede") ? "efter importen"
                    : server.Output.Contains("Migrationer kørt") || File.Exists(database) ? "under importen" : "før importen"]++;
            }
            // Killed before the process created the file: nothing was written, so there is nothing half to find.
            if (!File.Exists(database)) continue;
            Assert.Equal("ok", DatabaseFile.IntegrityCheck(database));
            var (rulesets, imports) = DatabaseFile.Read(database, c => DatabaseFile.HasTable(c, "rulesets")
                ? (c.ExecuteScalar<int>("SELECT COUNT(*) FROM rulesets"), c.ExecuteScalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'import'"))
                : (0, 0));
            // Never half: nothing imported and nothing in the audit log, or every ruleset with its one import entry.
            Assert.True((rulesets, imports) == (0, 0) || (rulesets, imports) == (expectedRulesets, 1), $"runde {round}: {rulesets} regelsæt, {imports} import-poster");
            if (rulesets > 0)
            {
                // Whole: the next start on this file must not import again and must serve it.
                await AssertReadyAsync(database, expectedRulesets);
                database = NewDatabase(round);
            }
        }
        // The last killed file: the next start finishes the import and is ready.
        await AssertReadyAsync(database, expectedRulesets);
        figures.Print(output, $"Nedbrud under første import: {_rounds} × SIGKILL (CRASH_SEED={_seed}); " +
                         string.Join(", ", landed.Select(l => $"{l.Key}: {l.Value}")) +
                         $"; integrity_check ok efter alle; tom eller hel database efter alle; klar igen; {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
    }

    protected async Task KillDuringApprovalsAsync(string scenario, string what, Func<string, IReadOnlyList<string>> published)
    {
        var random = new Random((int)(_seed % int.MaxValue) ^ scenario.GetHashCode(StringComparison.Ordinal));
        var rules = SmallRules.CopyTo(_folder);
        var database = Path.Combine(_folder, scenario + ".db");
        var started = Stopwatch.GetTimestamp();
        // Life 0 lets one approval finish, to learn how long one takes on this machine.
        TimeSpan approval;
        using (var host = Host(scenario, database, rules))
        {
            await host.WaitForAsync("READY", StartTimeout);
            await host.WaitForAsync("BEGIN " + scenario, StartTimeout);
            var end = await host.WaitForAsync("END " + scenario, StartTimeout);
            // As the host measured it: when both tests run, this process may read BEGIN and END in the same moment.
            approval = TimeSpan.FromMilliseconds(long.Parse(end.Line[(end.Line.LastIndexOf("ms=", StringComparison.Ordinal) + 3)..], System.Globalization.CultureInfo.InvariantCulture));
            host.Kill();
        }
        // A floor, so a very quick approval still gets kills before, during and after its commit.
        var window = (approval > TimeSpan.FromMilliseconds(20) ? approval : TimeSpan.FromMilliseconds(20)) * 1.3;
        var before = published(database);
        int finished = 0, interrupted = 0;
        for (var round = 1; round <= _rounds + 1; round++)
        {
            using var host = Host(scenario, database, rules);
            // The start after the previous kill: ready, and serving exactly what the database holds.
            var ready = await host.WaitForAsync("READY", StartTimeout);
            AssertServesDatabase(ready.Line);
            if (round > _rounds) break;
            var begin = await host.WaitForAsync("BEGIN " + scenario, StartTimeout);
            var id = begin.Line.Split(' ')[2];
            // Uniform over the whole approval and a little past it: the checks, the commit and the reload after it.
            // (Squared, as before, put 20 of 20 kills before the commit: it comes late in the approval.)
            await Task.Delay(window * random.NextDouble());
            host.Kill();

            Assert.Equal("ok", DatabaseFile.IntegrityCheck(database));
            var after = published(database);
            var added = after.Except(before).ToList();
            Assert.True(added.Count == 0 && after.Count == before.Count || added.Count == 1 && added[0].EndsWith(id, StringComparison.Ordinal) && after.Count == before.Count + 1,
                $"runde {round}: før [{string.Join(", ", before)}], efter [{string.Join(", ", after)}], under godkendelse {id}");
            Assert.Empty(DatabaseFile.AuditDisagreements(database));
            if (added.Count == 1) finished++; else interrupted++;
            before = after;
        }
        figures.Print(output, $"Nedbrud under {what}: {_rounds} × SIGKILL (CRASH_SEED={_seed}; en godkendelse tager {approval.TotalMilliseconds:0} ms, " +
                         $"drab inden for 0-{window.TotalMilliseconds:0} ms); afbrudt før offentliggørelsen: {interrupted}, offentliggjort: {finished}; " +
                         $"integrity_check ok, gammel eller ny tilstand, revisionssporet enigt og klar igen efter alle; {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
    }

    /// <summary>The READY line: "versions db=N snapshot=N sats db=N snapshot=N": the live snapshot holds what the database holds.</summary>
    private static void AssertServesDatabase(string ready)
    {
        var parts = ready.Split(' ').Where(p => p.Contains('=')).Select(p => p.Split('=')[1]).ToList();
        Assert.True(parts.Count == 4 && parts[0] == parts[1] && parts[2] == parts[3], ready);
    }

    private async Task<(double Migrated, double Imported)> CalibrateImportAsync()
    {
        var database = Path.Combine(_folder, "kalibrering.db");
        using var server = Server(database);
        var migrated = await server.WaitForAsync("Migrationer kørt", StartTimeout);
        var imported = await server.WaitForAsync("Tom database: importerede", StartTimeout);
        return (migrated.At.TotalMilliseconds, imported.At.TotalMilliseconds);
    }

    private async Task AssertReadyAsync(string database, int rulesets)
    {
        var port = Serviceloven.Tests.Common.LocalPorts.Free();
        using var server = Server(database, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            Assert.False(server.HasExited, server.Output);
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    Assert.Contains($"\"rulesets\":{rulesets}", await ready.Content.ReadAsStringAsync());
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { /* not listening yet */ }
            Assert.True(DateTime.UtcNow < deadline, "serveren blev ikke klar:\n" + server.Output);
            await Task.Delay(100);
        }
    }

    private string NewDatabase(int round) => Path.Combine(_folder, $"import-{round}.db");

    /// <summary>The real server (Serviceloven.Server.dll), Production, the shipped rules/, information logging for the markers.</summary>
    private static ChildProcess Server(string database, int? port = null) => new("Serviceloven.Server.dll", [], new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port ?? Serviceloven.Tests.Common.LocalPorts.Free()}",
        ["Store__DatabasePath"] = database,
        ["Rules__Path"] = Repository.RulesFolder,
        ["Admin__InitialAdmin__Password"] = "Nedbruds-admin-1234",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__Console__FormatterName"] = "simple",
    });

    private static ChildProcess Host(string scenario, string database, string rules) =>
        new("Serviceloven.Adversarial.Tests.dll", ["crash-host", scenario, database, rules, Serviceloven.Tests.Common.LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture)], new Dictionary<string, string>());

    public void Dispose()
    {
        Repository.Delete(_folder);
        GC.SuppressFinalize(this);
    }
}

public sealed class ImportCrashTests(ITestOutputHelper output, Figures figures) : CrashTests(output, figures), IClassFixture<Figures>
{
    [Fact]
    public Task Killed_during_the_first_import_the_database_is_empty_or_whole_and_the_next_start_serves_it() => KillDuringFirstImportAsync();
}

public sealed class PublicationCrashTests(ITestOutputHelper output, Figures figures) : CrashTests(output, figures), IClassFixture<Figures>
{
    [Fact]
    public Task Killed_during_a_publication_the_timeline_is_old_or_new_and_the_audit_log_agrees() =>
        KillDuringApprovalsAsync("version", "offentliggørelse af en version", db => DatabaseFile.Timeline(db, CrashHost.Ruleset));
}

public sealed class SatsApprovalCrashTests(ITestOutputHelper output, Figures figures) : CrashTests(output, figures), IClassFixture<Figures>
{
    [Fact]
    public Task Killed_during_a_sats_regulation_approval_the_sats_is_old_or_new_and_the_audit_log_agrees() =>
        KillDuringApprovalsAsync("sats", "godkendelse af en satsregulering", db => DatabaseFile.PublishedSats(db, CrashHost.SatsKey));
}
