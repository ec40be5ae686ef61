using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Server.Tests.Startup;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;
using Xunit.Abstractions;

namespace Serviceloven.Server.Tests.Nodes;

/// <summary>
/// Several nodes over one database, each a real Kestrel server: a publication through one node's admin is answered by
/// the others within seconds (PostgreSQL: NOTIFY; SQLite, processes on one machine: the periodic check), nodes that
/// start together import once, and a sign-in on one node holds on the others.
/// </summary>
public abstract partial class MultiNodeTests(string provider, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly DateOnly NewSlot = new(2031, 1, 1);
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_version_published_through_node_A_is_answered_by_node_B_within_five_seconds()
    {
        using var a = new KestrelNode(_database);
        using var b = NodeProcess.Start(_database);
        await b.WaitReadyAsync(StartTimeout);
        using var httpA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
        using var httpB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        Assert.Equal(await PublicationIdAsync(httpA), await PublicationIdAsync(httpB));

        // SERVICELOVEN_PUBLISH_ROUNDS=20 for bench/README.md's figures; the suite publishes three times.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("SERVICELOVEN_PUBLISH_ROUNDS"), out var n) ? n : 3;
        var onA = new List<double>();
        var onB = new List<double>();
        long lastPublished = 0;
        var editor = new AdminUser("anna", "Anna", new HashSet<string> { Roles.Editor });
        var approver = new AdminUser("bo", "Bo", new HashSet<string> { Roles.Approver });
        var versions = a.Get<VersionRepository>();
        var publishing = a.Get<PublishingService>();
        for (var round = 0; round < rounds; round++)
        {
            // Round 0 adds a version from 2031; later rounds correct it, each with new content (so it is compiled anew).
            var from = versions.Published().Where(v => v.RulesetId == "sel-97").OrderBy(v => v.ValidFrom).ThenBy(v => v.PublishedAt).Last();
            var content = RulesJson.Deserialize<RulesetVersion>(from.ContentJson) with { ValidFrom = NewSlot, ValidTo = null, ChangeNote = $"Publiceringsrunde {round}." };
            var json = JsonSerializer.Serialize(content, RulesJson.Canonical);
            var draft = versions.CreateDraft(from, NewSlot, json, ContentHash.OfText(json), editor.Username);
            publishing.Submit(editor, draft.Id);

            var result = await publishing.ApproveAsync(approver, draft.Id, null);
            var liveOnA = DateTimeOffset.UtcNow;
            Assert.True(result.Published, string.Join(" ", result.Reasons));
            var publishedAt = versions.Get(draft.Id)!.PublishedAt!.Value;
            lastPublished = draft.Id;
            var liveOnB = await FirstAnswerWithAsync(httpB, draft.Id, publishedAt + TimeSpan.FromSeconds(5));
            onA.Add((liveOnA - publishedAt).TotalMilliseconds);
            onB.Add((liveOnB - publishedAt).TotalMilliseconds);
            Assert.True(liveOnB - publishedAt < TimeSpan.FromSeconds(5),
                $"Node B svarede med den nye version efter {(liveOnB - publishedAt).TotalMilliseconds:F0} ms. Node B's log:\n" +
                string.Join("\n", b.Output.Split('\n').Where(l => l.Contains("offentligg", StringComparison.Ordinal) || l.Contains("indlæst", StringComparison.Ordinal)).TakeLast(8)));
        }

        var latest = a.Get<PublicationLog>().LatestId();
        Assert.Equal(latest, a.Get<SnapshotHolder>().Current.PublicationId);
        Assert.Equal(latest, await PublicationIdAsync(httpA));
        Assert.Equal(latest, await PublicationIdAsync(httpB));
        // B names the publication it holds: the version published last through A.
        var onNodeB = (await httpB.GetFromJsonAsync<JsonObject>("/health/ready"))!["checks"]!["snapshot"]!["data"]!["publication"]!;
        Assert.Equal(latest, onNodeB["id"]!.GetValue<long>());
        Assert.Equal(PublicationKinds.Version, onNodeB["kind"]!.GetValue<string>());
        Assert.Equal("sel-97", onNodeB["subject"]!.GetValue<string>());
        Assert.Equal(lastPublished, onNodeB["entityId"]!.GetValue<long>());
        output.WriteLine($"{provider}: offentliggørelse til live, {rounds} runder, median på node A (den, der offentliggør) {Median(onA):F0} ms, " +
            $"på node B (anden proces) {Median(onB):F0} ms; node B enkeltvis: {string.Join(", ", onB.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms.");
        Console.WriteLine($"[publish-to-live] {provider}: {rounds} runder, median node A {Median(onA):F0} ms, node B {Median(onB):F0} ms (maks {onB.Max():F0} ms).");

        // A letterhead saved through node A's admin is in node B's next letters too, found by the same watcher.
        var administrator = new AdminUser("alma", "Alma", new HashSet<string> { Roles.Administrator });
        a.Get<Admin.Letters.LetterheadService>().Save(administrator, new Engine.Letters.Letterhead
        {
            Key = "fjordby", Name = "Fjordby Kommune", SigningUnit = "Borgerservice", Address = ["Havnegade 7"], ComplaintAddress = ["Havnegade 7"], IsDefault = true,
        });
        var saved = DateTimeOffset.UtcNow;
        var letter = new { ruleset = "sel-97", decisionDate = "2031-06-01", facts = EvaluationApiTests.FactsOfFirstCase("sel-97"), begrundelse = true, format = "html" };
        string? html = null;
        while (DateTimeOffset.UtcNow - saved < TimeSpan.FromSeconds(10) && html?.Contains("Fjordby Kommune", StringComparison.Ordinal) != true)
        {
            using var response = await httpB.PostAsJsonAsync("/api/v1/evaluations", letter);
            html = (await response.Content.ReadFromJsonAsync<JsonObject>())?["begrundelse"]?.GetValue<string>();
            await Task.Delay(20);
        }
        Assert.Contains("Fjordby Kommune", html);
        output.WriteLine($"{provider}: brevhovedet gemt på node A er i node B's breve efter {(DateTimeOffset.UtcNow - saved).TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task Three_nodes_starting_together_on_an_empty_database_import_once_and_share_one_sign_in()
    {
        var nodes = Enumerable.Range(0, 3).Select(_ => NodeProcess.Start(_database)).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync(StartTimeout)));

            using (var store = _database.Open())
            using (var c = store.Open())
            {
                Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'import'"));
                Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM publications"));
                Assert.Equal(MigrationRunner.Embedded(store.Dialect.Name).Count, c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
                var rulesets = Directory.GetDirectories(RulesServerFactory.RulesFolder).Count(d => File.Exists(Path.Combine(d, "ruleset.json")));
                Assert.Equal(rulesets, c.ExecuteScalar<long>("SELECT COUNT(*) FROM rulesets"));
                Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM users"));
                Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM data_protection_keys"));
            }
            var clients = nodes.Select(n => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(n.BaseUrl) }).ToList();
            foreach (var client in clients) Assert.Equal(1, await PublicationIdAsync(client));

            // The form comes from node 1, the sign-in goes to node 2, the signed-in page is asked of node 3.
            using var form = await clients[0].GetAsync("/admin/login");
            var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value,
                    ["_handler"] = "login", ["Posted.Username"] = "admin", ["Posted.Password"] = "Proces-test-kode-1",
                }),
            };
            post.Headers.Add("Cookie", antiforgery);
            using var signedIn = await clients[1].SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Serviceloven.Admin=", StringComparison.Ordinal)).Split(';')[0];
            using var page = new HttpRequestMessage(HttpMethod.Get, "/admin");
            page.Headers.Accept.ParseAdd("text/html");
            page.Headers.Add("Cookie", session);
            using var overview = await clients[2].SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
            Assert.Contains("sel-97", await overview.Content.ReadAsStringAsync());
            foreach (var client in clients) client.Dispose();
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private static async Task<long> PublicationIdAsync(HttpClient http)
    {
        var ready = await http.GetFromJsonAsync<JsonObject>("/health/ready");
        Assert.Equal("healthy", ready!["status"]!.GetValue<string>());
        return ready["checks"]!["snapshot"]!["data"]!["publicationId"]!.GetValue<long>();
    }

    /// <summary>Asks the node every 20 ms for a decision in the new version's period until it answers with that version.</summary>
    private static async Task<DateTimeOffset> FirstAnswerWithAsync(HttpClient http, long versionId, DateTimeOffset giveUpAt)
    {
        var request = new { ruleset = "sel-97", decisionDate = "2031-06-01", facts = EvaluationApiTests.FactsOfFirstCase("sel-97") };
        long? answered = null;
        while (DateTimeOffset.UtcNow < giveUpAt + TimeSpan.FromSeconds(5))
        {
            using var response = await http.PostAsJsonAsync("/api/v1/evaluations", request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                answered = (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!["id"]!.GetValue<long>();
                if (answered == versionId) return DateTimeOffset.UtcNow;
            }
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"Node B svarede stadig med version {answered?.ToString(CultureInfo.InvariantCulture) ?? "(ingen)"}, ikke {versionId}, ti sekunder efter offentliggørelsen.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

[Collection(NodesCollection.Name)]
public sealed class SqliteMultiNodeTests(ITestOutputHelper output) : MultiNodeTests(TestDatabase.Sqlite, output);

[Trait("Provider", "postgres")]
[Collection(NodesCollection.Name)]
public sealed class PostgresMultiNodeTests(ITestOutputHelper output) : MultiNodeTests(TestDatabase.Postgres, output);
