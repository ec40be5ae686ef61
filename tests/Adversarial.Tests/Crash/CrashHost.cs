using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Satser;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Adversarial.Tests.Crash;

/// <summary>
/// The child process of the crash tests: the real server (its own composition root, Kestrel on a given port) over a
/// database file, which then approves publications in a loop exactly as an approver's click does (PublishingService,
/// SatsService), and says on stdout when each approval begins and ends. The test kills it with SIGKILL in between.
/// Usage: crash-host (version|sats) &lt;database&gt; &lt;rules folder&gt; &lt;port&gt;
/// </summary>
public static class CrashHost
{
    public const string Ruleset = "sel-3a";
    public const string SatsKey = "sel-madservice.hovedretMaks";
    public static readonly AdminUser Editor = new("redaktoer", "Redaktør", new HashSet<string> { Roles.Editor });
    public static readonly AdminUser Approver = new("godkender", "Godkender", new HashSet<string> { Roles.Approver });

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var scenario, var database, var rules, var port]) return 2;
        using var server = new Server(database, rules, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
        server.StartServer();
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        using (var ready = await http.GetAsync("/health/ready"))
            if (ready.StatusCode != HttpStatusCode.OK) return 3;
        var services = server.Services;
        EnsureUser(services, Editor);
        EnsureUser(services, Approver);
        Say($"READY {Published(services)}");
        // One approval per life, so a kill interrupts this one and no later one.
        if (scenario == "version") await ApproveVersionAsync(services);
        else ApproveSats(services);
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    /// <summary>Published versions of the ruleset in the database and in the live snapshot: "sel-3a db=N snapshot=N".</summary>
    private static string Published(IServiceProvider services)
    {
        var db = services.GetRequiredService<VersionRepository>().ForRuleset(Ruleset).Count(v => v.Status == Status.Published);
        var snapshot = services.GetRequiredService<SnapshotHolder>().Current.Rulesets[Ruleset].Versions.Count;
        var sats = services.GetRequiredService<RevisionRepository>().PublishedSatser().Count(r => r.Key == SatsKey);
        var snapshotSats = services.GetRequiredService<SnapshotHolder>().Current.SatsRevisions.Count(s => s.Key == SatsKey);
        return $"versions db={db} snapshot={snapshot} sats db={sats} snapshot={snapshotSats}";
    }

    /// <summary>A version in review from an earlier life is approved first (the approver clicks again); else a new one is drafted and submitted.</summary>
    private static async Task ApproveVersionAsync(IServiceProvider services)
    {
        var versions = services.GetRequiredService<VersionRepository>();
        var publishing = services.GetRequiredService<PublishingService>();
        var row = versions.ForRuleset(Ruleset).FirstOrDefault(v => v.Status == Status.InReview);
        if (row is null)
        {
            var all = versions.ForRuleset(Ruleset);
            var latest = all.Where(v => v.Status == Status.Published).MaxBy(v => v.ValidFrom)!;
            var draft = services.GetRequiredService<DraftService>().CreateDraft(Editor, latest.Id, new DateOnly(2030, 1, 1).AddDays(all.Count));
            row = publishing.Submit(Editor, draft.Id);
        }
        Say($"BEGIN version {row.Id}");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await publishing.ApproveAsync(Approver, row.Id, "Godkendt under nedbrudstest.");
        if (!result.Published) throw new InvalidOperationException("Afvist: " + string.Join(" | ", result.Reasons));
        Say($"END version {row.Id} {Published(services)} ms={Elapsed(started)}");
    }

    /// <summary>Next year's value of a sats series, as the regulation wizard makes it, then approved.</summary>
    private static void ApproveSats(IServiceProvider services)
    {
        var revisions = services.GetRequiredService<RevisionRepository>();
        var satser = services.GetRequiredService<SatsService>();
        var id = revisions.SatsWithStatus(Status.InReview).FirstOrDefault(r => r.Key == SatsKey)?.Id;
        if (id is null)
        {
            var latest = revisions.LatestSatser().Single(s => s.Row.Key == SatsKey).Series;
            var last = latest.Values.MaxBy(v => v.ValidFrom)!;
            var next = last with { ValidFrom = last.ValidFrom.AddYears(1), ValidTo = null, Value = Math.Round(last.Value * 1.02m, 2), Source = "Satsregulering (nedbrudstest)" };
            var values = latest.Values.Select(v => v == last ? v with { ValidTo = next.ValidFrom.AddDays(-1) } : v).Append(next).ToList();
            id = satser.CreateDraft(Editor, latest with { Values = values }, "Regulering under nedbrudstest.", submit: true);
        }
        Say($"BEGIN sats {id}");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = satser.Approve(Approver, id.Value);
        if (!result.Published) throw new InvalidOperationException("Afvist: " + string.Join(" | ", result.Reasons));
        Say($"END sats {id} {Published(services)} ms={Elapsed(started)}");
    }

    private static void EnsureUser(IServiceProvider services, AdminUser user)
    {
        var users = services.GetRequiredService<UserRepository>();
        if (users.Find(user.Username) is not null) return;
        var hash = services.GetRequiredService<IPasswordHasher<UserRow>>().HashPassword(new UserRow { Username = user.Username }, "Nedbruds-kode-1234");
        users.Create(user.Username, user.DisplayName, hash, user.Roles, "test");
    }

    /// <summary>The approval's own duration, measured here: the test reads BEGIN and END late when it is busy.</summary>
    private static long Elapsed(long started) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private sealed class Server : WebApplicationFactory<Program>
    {
        private readonly string _database;
        private readonly string _rules;

        public Server(string database, string rules, int port)
        {
            (_database, _rules) = (database, rules);
            UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Store:DatabasePath"] = _database,
                ["Rules:Path"] = _rules,
                ["Admin:InitialAdmin:Password"] = "Nedbruds-admin-1234",
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        }
    }
}
