using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Health;
using Serviceloven.Store.Database;
using Serviceloven.Store.Publishing;

namespace Serviceloven.Server.Tests;

/// <summary>/health/live and /health/ready as ASP.NET Core health checks: one entry per concern, with its data.</summary>
public class HealthTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    [Fact]
    public async Task Live_answers_with_the_process_check_only()
    {
        var response = await factory.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal(["process"], body["checks"]!.AsObject().Select(c => c.Key));
    }

    [Fact]
    public async Task Ready_names_the_database_and_the_publication_the_snapshot_holds()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        var checks = body["checks"]!.AsObject();
        Assert.Equal("healthy", checks["database"]!["status"]!.GetValue<string>());
        Assert.Equal("sqlite", checks["database"]!["data"]!["provider"]!.GetValue<string>());

        var snapshot = checks["snapshot"]!;
        Assert.Equal("healthy", snapshot["status"]!.GetValue<string>());
        var current = factory.Snapshots.Current;
        Assert.Equal(current.Rulesets.Count, snapshot["data"]!["rulesets"]!.GetValue<int>());
        // The latest row of the database's publications: on a fresh database the import of rules/.
        var latest = factory.Services.GetRequiredService<PublicationLog>().Latest()!;
        Assert.Equal(latest.Id, snapshot["data"]!["publicationId"]!.GetValue<long>());
        var publication = snapshot["data"]!["publication"]!;
        Assert.Equal(latest.Id, publication["id"]!.GetValue<long>());
        Assert.Equal(PublicationKinds.Import, publication["kind"]!.GetValue<string>());
        Assert.Equal(PublicationKinds.ImportSubject, publication["subject"]!.GetValue<string>());
        Assert.Equal(latest.PublishedAt, publication["publishedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(current.PublicationId, latest.Id);
    }

    [Fact]
    public async Task A_failing_ready_check_makes_ready_503_while_live_stays_200()
    {
        using var failing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddHealthChecks().AddCheck("extra", () => HealthCheckResult.Unhealthy("Prøvefejl."), tags: [HealthTags.Ready])));
        var client = failing.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("unhealthy", body["status"]!.GetValue<string>());
        Assert.Equal("Prøvefejl.", body["checks"]!["extra"]!["description"]!.GetValue<string>());
        Assert.Equal("healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_snapshot_check_is_unhealthy_until_the_rules_are_loaded()
    {
        var result = await new SnapshotHealthCheck(new SnapshotHolder()).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Reglerne er ikke indlæst endnu.", result.Description);
    }

    [Fact]
    public async Task The_database_check_is_unhealthy_when_the_file_is_no_longer_a_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sl-health-" + Guid.NewGuid().ToString("N")[..8]);
        var path = Path.Combine(folder, "db.sqlite");
        try
        {
            var database = new SqliteDatabase(new StoreOptions { DatabasePath = path });
            var check = new DatabaseHealthCheck(database);
            Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in Directory.GetFiles(folder)) File.Delete(f);
            await File.WriteAllTextAsync(path, new string('x', 8192));
            var broken = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, broken.Status);
            Assert.StartsWith("Databasen svarer ikke", broken.Description);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
