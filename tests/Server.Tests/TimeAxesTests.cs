using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server.Tests;

/// <summary>Valid time (decision date) and knowledge time (asOf): a retroactive correction and replay.</summary>
public abstract class TimeAxesTests(string provider)
{
    [Fact]
    public async Task AsOf_replays_a_decision_made_before_a_retroactive_correction()
    {
        using var factory = RulesServerFactory.For(provider);
        var client = factory.CreateClient();
        var facts = EvaluationApiTests.FactsOfFirstCase("sel-97");
        var request = new { ruleset = "sel-97", decisionDate = "2024-03-01", facts };

        var before = await (await client.PostAsJsonAsync("/api/v1/evaluations", request)).Content.ReadFromJsonAsync<JsonObject>();
        var decidedAt = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        // Legal staff publish a correction of the 2018-02-01 version, retroactively, with a change note.
        var versions = factory.Services.GetRequiredService<VersionRepository>();
        var original = versions.ForRuleset("sel-97").Single(v => v.Status == Status.Published && v.ValidFrom == new DateOnly(2018, 2, 1));
        var content = RulesJson.Deserialize<RulesetVersion>(original.ContentJson) with { ChangeNote = "Rettelse med tilbagevirkende kraft." };
        var draft = versions.CreateDraft(original, original.ValidFrom, JsonSerializer.Serialize(content, RulesJson.Canonical), ContentHash.Of(content), "jurist");
        versions.Transition(draft.Id, Status.Draft, Status.InReview, "jurist", "submit");
        versions.Publish(draft.Id, factory.Snapshots.Current.Rulesets["sel-97"].Versions.Count, "godkender");
        factory.Services.GetRequiredService<SnapshotBuilder>().Reload();

        var now = await (await client.PostAsJsonAsync("/api/v1/evaluations", request)).Content.ReadFromJsonAsync<JsonObject>();
        var replay = await (await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-97", decisionDate = "2024-03-01", asOf = decidedAt, facts }))
            .Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(draft.Id, now!["version"]!["id"]!.GetValue<long>());
        Assert.Equal(original.Id, replay!["version"]!["id"]!.GetValue<long>());
        Assert.Equal(before!["version"]!["hash"]!.GetValue<string>(), replay["version"]!["hash"]!.GetValue<string>());
        Assert.NotEqual(replay["receipt"]!["versionSetHash"]!.GetValue<string>(), now["receipt"]!["versionSetHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_in_flight_finishes_on_the_snapshot_it_started_with()
    {
        using var factory = RulesServerFactory.For(provider);
        var holder = factory.Services.GetRequiredService<SnapshotHolder>();
        var taken = holder.Current;
        factory.Services.GetRequiredService<SnapshotBuilder>().Reload();
        Assert.NotSame(taken, holder.Current);
        // The old snapshot still answers on its own compiled versions.
        Assert.True(taken.Rulesets.ContainsKey("sel-97"));
        Assert.NotEmpty(taken.Rulesets["sel-97"].Versions);
        await Task.CompletedTask;
    }
}

public sealed class TimeAxesSqliteTests() : TimeAxesTests(TestDatabase.Sqlite);

[Trait("Provider", "postgres")]
public sealed class TimeAxesPostgresTests() : TimeAxesTests(TestDatabase.Postgres);
