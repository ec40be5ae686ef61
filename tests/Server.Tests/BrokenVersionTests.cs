using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server.Tests;

/// <summary>
/// A published version that does not compile never takes the server down (issue 18): here one written straight into
/// the database with SQL, past the publication gate, as a hand-edited row or a newer engine would meet it.
/// </summary>
public class BrokenVersionTests
{
    [Fact]
    public async Task A_database_with_a_version_that_cannot_compile_still_starts_serves_every_other_ruleset_and_reports_it_in_health_ready()
    {
        using var server = new RulesServerFactory();
        // The database as a first start leaves it: migrated, rules/ imported (the store alone, no snapshot).
        using var database = server.TestDatabase.Open();
        new MigrationRunner(database).Apply();
        var audit = new AuditLog(database, TimeProvider.System);
        new RulesTransfer(database, new VersionRepository(database, audit, TimeProvider.System),
            new RevisionRepository(database, audit, TimeProvider.System), audit, TimeProvider.System).Import(RulesServerFactory.RulesFolder);
        long brokenId;
        using (var c = database.Open())
        {
            var row = c.QuerySingle<(string Content, string Tests, string Templates)>(
                "SELECT content_json, tests_json, templates_json FROM versions WHERE ruleset_id = 'sel-3a' AND status = 'published'");
            var content = JsonNode.Parse(row.Content)!;
            content["validFrom"] = "2030-01-01";
            // The 20,000-term expression that overflowed Dynamic LINQ's parser and aborted every start on this database.
            content["derived"]![0]!["expression"] = "14" + string.Concat(Enumerable.Repeat(" + 1", 20_000));
            brokenId = c.ExecuteScalar<long>("""
                INSERT INTO versions (ruleset_id, valid_from, status, content_json, content_hash, tests_json, templates_json,
                                      created_by, created_at, approved_by, approved_at, published_at)
                VALUES ('sel-3a', '2030-01-01', 'published', @content, 'sha256:broken', @tests, @templates,
                        'sql', '2025-01-01T00:00:00Z', 'sql', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')
                RETURNING id
                """, new { content = content.ToJsonString(), tests = row.Tests, templates = row.Templates });
        }

        var client = server.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var health = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        var snapshot = health["checks"]!["snapshot"]!;
        Assert.Equal("degraded", snapshot["status"]!.GetValue<string>());
        var unavailable = Assert.Single(snapshot["data"]!["unavailable"]!.AsArray())!;
        Assert.Equal("sel-3a", unavailable["ruleset"]!.GetValue<string>());
        Assert.Equal(brokenId, unavailable["versionId"]!.GetValue<long>());
        Assert.Equal("2030-01-01", unavailable["validFrom"]!.GetValue<string>());
        Assert.Contains("Udtrykket er for langt", unavailable["reason"]!.GetValue<string>());
        Assert.True(unavailable["reason"]!.GetValue<string>().Length < 1000, "the reason quotes the cell in part, not 80 KB of it");

        var refused = await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-3a", decisionDate = "2024-03-01", facts = new { } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.EndsWith("/ruleset-unavailable", problem["type"]!.GetValue<string>());
        Assert.Contains("versionen fra 2030-01-01 kan ikke oversættes", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/api/v1/rulesets/sel-3a?date=2024-03-01")).StatusCode);

        var served = await client.PostAsJsonAsync("/api/v1/evaluations",
            new { ruleset = "sel-97", decisionDate = "2024-03-01", facts = EvaluationApiTests.FactsOfFirstCase("sel-97") });
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var rulesets = await client.GetFromJsonAsync<JsonArray>("/api/v1/rulesets");
        Assert.Equal(snapshot["data"]!["rulesets"]!.GetValue<int>(), rulesets!.Count);

        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("sel-3a") && e.Message.Contains("2030-01-01"));
    }
}
