using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Simulation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Simulations;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server.Tests.Simulations;

/// <summary>The server with small partitions, so a caseload of a few hundred rows is cut into several.</summary>
public class SimulationServerFactory : RulesServerFactory
{
    protected virtual IReadOnlyDictionary<string, string?> Simulations => new Dictionary<string, string?>
    {
        ["Simulations:PartitionRows"] = "40",
        ["Simulations:StartBurst"] = "50",
        ["Simulations:Workers"] = "2",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(Simulations));
    }

    /// <summary>A new API key of its own (each test's jobs are its own).</summary>
    public HttpClient KeyedClient(string name)
    {
        var (_, key) = Services.GetRequiredService<ApiClientRepository>().Create(name + "-" + Guid.NewGuid().ToString("N")[..6], "test");
        // The key cache looks for new keys at most every few seconds; this one is to work at once.
        Services.GetRequiredService<Serviceloven.Server.Access.ApiKeyCache>().Invalidate();
        var http = CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>One start per minute per key: the second is 429.</summary>
public sealed class OneStartPerMinuteFactory : SimulationServerFactory
{
    protected override IReadOnlyDictionary<string, string?> Simulations => new Dictionary<string, string?>
    {
        ["Simulations:StartBurst"] = "1",
        ["Simulations:StartsPerMinute"] = "1",
    };
}

/// <summary>POST /api/v1/simulations over a real SQLite file: the job, its progress and result, cancel, the limit, the refusals, and nothing left of the file.</summary>
public sealed class SimulationApiTests(SimulationServerFactory factory) : IClassFixture<SimulationServerFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private long Draft()
    {
        var published = factory.Snapshots.Current.Timeline("sel-97")[^1].Item.Compiled.Content;
        var json = SimulationUploads.RaisedAgeLimitJson(published);
        return factory.Get<VersionRepository>().CreateDraft("sel-97", published.ValidFrom, published.ValidTo, json, ContentHash.OfText(json), "[]", "[]", null, "test").Id;
    }

    private async Task<SimulationReport> DirectAsync(string caseload, long draft)
    {
        var (a, b) = factory.Get<SimulationService>().Sides(SimulationChoice.Of("sel-97", SideChoice.Published(), new SideChoice(draft, null, SimulationUploads.DecisionDate)));
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(caseload));
        return await CaseloadSimulator.RunAsync(file, CaseloadFormat.Csv, "sel-97", a, b);
    }

    private int Count(string sql, object? args = null)
    {
        using var c = factory.Database.Open();
        return c.ExecuteScalar<int>(sql, args);
    }

    [Fact]
    public async Task A_started_simulation_answers_202_with_Location_and_polled_to_done_equals_a_direct_run_on_the_same_file()
    {
        var draft = Draft();
        // 300 generated cases and two that do not bind (an unknown enum value, a date that is none), in partitions of 40.
        var lines = SimulationUploads.Sel97Csv(300).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var cause = Array.IndexOf(lines[0].Split(';'), "Årsag til den nedsatte funktionsevne");
        lines.Insert(50, string.Join(';', lines[1].Split(';').Select((cell, i) => i == cause ? "ukendt" : cell)));
        lines.Insert(170, "31-02-2026" + lines[1][lines[1].IndexOf(';', StringComparison.Ordinal)..]);
        var caseload = string.Join("\r\n", lines) + "\r\n";
        using var http = factory.KeyedClient("fagsystem");

        using var response = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(
            new { ruleset = "sel-97", a = new { }, b = new { draftId = draft, decisionDate = "2026-06-01" } }, caseload));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/api/v1/simulations/{accepted["id"]}", location);
        Assert.Equal(302, accepted["progress"]!["rows"]!.GetValue<long>());
        Assert.Equal(8, accepted["progress"]!["partitions"]!.GetValue<long>());

        var done = await SimulationUploads.WaitEndedAsync(http, location, Patience);
        Assert.Equal("done", done["state"]!.GetValue<string>());
        Assert.Equal(1.0, done["progress"]!["fraction"]!.GetValue<double>());
        Assert.Equal(8, done["progress"]!["partitionsDone"]!.GetValue<long>());
        var result = done["result"]!;
        var direct = await DirectAsync(caseload, draft);
        Assert.True(direct.Cases > 250 && direct.OutcomeChanged > 0, $"{direct.Cases} sager, {direct.OutcomeChanged} ændrede");
        Assert.Equal(SimulationUploads.Comparable(direct).ToJsonString(), SimulationUploads.Comparable(result).ToJsonString());
        // The two rows that did not bind, by the whole file's row numbers, across partitions.
        Assert.Equal([51L, 171L], result["rowErrors"]!.AsArray().Select(e => e!["row"]!.GetValue<long>()).ToArray());
        Assert.Equal(done["progress"]!["casesDone"]!.GetValue<long>(), direct.Cases);

        // The documents behind the links.
        using var html = await http.GetAsync(done["links"]!["html"]!.GetValue<string>());
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var csv = await http.GetAsync(done["links"]!["csv"]!.GetValue<string>());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"sager;;;{direct.Cases};", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing of the file is left: no partition, no rows; only the aggregate report.
        var id = accepted["id"]!.GetValue<string>();
        Assert.Equal(0, Count("SELECT COUNT(*) FROM simulation_partitions WHERE job_id = @id", new { id }));
        Assert.Equal(0, factory.Get<SimulationJobRepository>().InputBytes(id));

        // Another key does not see the job.
        using var other = factory.KeyedClient("andet-fagsystem");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Json_lines_are_read_like_csv_and_give_the_same_counts()
    {
        var rows = new[]
        {
            """{"facts":{"birthDate":"2000-05-10","hasBpaOrHelpSchemeSection96":false,"hasDeafblindContactPersonSection98":false,"impairmentCause":"physical","cannotGetAroundAloneOutsideHome":true,"impairmentSignificantAndPermanent":true,"canRequestIndividualEscortWithoutSocialPedagogicalContent":true,"canExpressWishToParticipate":true,"awareOfActivityContent":true,"canTakePartInActivityWithoutEscortHelp":true,"needsSocialPedagogicalSupport":"none","existingEquivalentIndividualEscortHoursPerMonth":0},"decisionDate":"2018-06-01"}""",
            """{"facts":{"birthDate":"1988-01-01","hasBpaOrHelpSchemeSection96":false,"hasDeafblindContactPersonSection98":false,"impairmentCause":"physical","cannotGetAroundAloneOutsideHome":true,"impairmentSignificantAndPermanent":true,"canRequestIndividualEscortWithoutSocialPedagogicalContent":true,"canExpressWishToParticipate":true,"awareOfActivityContent":true,"canTakePartInActivityWithoutEscortHelp":true,"needsSocialPedagogicalSupport":"none","existingEquivalentIndividualEscortHoursPerMonth":0},"decisionDate":"2018-06-01"}""",
            """{"facts":{"birthDate":"1988-01-01","impairmentCause":"ukendt"},"decisionDate":"2018-06-01"}""",
        };
        using var http = factory.KeyedClient("jsonl");
        using var response = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(
            new { ruleset = "sel-97", a = new { }, b = new { decisionDate = "2018-06-01" } }, string.Join("\n", rows) + "\n", "sager.jsonl", "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await SimulationUploads.WaitEndedAsync(http, response.Headers.Location!.ToString(), Patience);
        var result = done["result"]!;
        Assert.Equal(2, result["cases"]!.GetValue<long>());
        Assert.Equal(2, result["a"]!["outcomes"]!["bevilget"]!.GetValue<long>());
        Assert.Equal(3, result["rowErrors"]![0]!["row"]!.GetValue<long>());
        Assert.Equal("facts.impairmentCause", result["rowErrors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_cancels_a_running_simulation_and_deletes_its_rows_at_once()
    {
        using var http = factory.KeyedClient("annullering");
        // 4,000 cases in 100 partitions: far from done when the cancel comes straight after the answer.
        using var response = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(
            new { ruleset = "sel-97", a = new { }, b = new { decisionDate = "2027-01-01" } }, SimulationUploads.Sel97Csv(4000, seed: 11)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var id = location[(location.LastIndexOf('/') + 1)..];

        using var cancel = await http.DeleteAsync(location);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = (await cancel.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("cancelled", cancelled["state"]!.GetValue<string>());
        Assert.Null(cancelled["result"]);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM simulation_partitions WHERE job_id = @id", new { id }));
        var ended = await SimulationUploads.WaitEndedAsync(http, location, Patience);
        Assert.Equal("cancelled", ended["state"]!.GetValue<string>());
        Assert.True(ended["progress"]!["partitionsDone"]!.GetValue<long>() < 100);
        // Cancelled stays cancelled: a partition running when the cancel came finds nothing to store, and a second cancel is refused.
        using var again = await http.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.GetAsync(location + "/report.html")).StatusCode);
        Assert.Equal("cancelled", factory.Get<SimulationJobRepository>().StateOf(id));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "unknown ruleset", """{"ruleset":"sel-999","a":{},"b":{}}""", "request.ruleset" },
        { "unknown draft", """{"ruleset":"sel-97","a":{},"b":{"draftId":999999}}""", "request.b.draftId" },
        { "unknown draft on side A", """{"ruleset":"sel-97","a":{"draftId":999998},"b":{}}""", "request.a.draftId" },
        { "unknown sats revision", """{"ruleset":"sel-97","a":{"satsRevisionId":999997},"b":{}}""", "request.a.satsRevisionId" },
        { "no ruleset", """{"a":{},"b":{}}""", "request.ruleset" },
        { "bad date", """{"ruleset":"sel-97","a":{"decisionDate":"01-06-2026"},"b":{}}""", "request.a.decisionDate" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_request_part_is_refused_with_problem_details_naming_the_field_and_nothing_is_kept(string why, string request, string field)
    {
        using var http = factory.KeyedClient("afvist");
        var jobs = Count("SELECT COUNT(*) FROM simulation_jobs");
        using var response = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(request, SimulationUploads.Sel97Csv(5)));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{why}: {problem.ToJsonString()}");
        Assert.Equal(jobs, Count("SELECT COUNT(*) FROM simulation_jobs"));
    }

    [Fact]
    public async Task A_CPR_like_column_refuses_the_file_naming_the_column_and_leaves_no_row_in_the_database()
    {
        var lines = SimulationUploads.Sel97Csv(120).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        // The CPR-like values first appear in the third partition: the two before it were written and must be gone.
        var withId = lines.Select((l, i) => l + ";" + (i == 0 ? "id" : i < 100 ? "sag-" + i : "010203-1234")).ToList();
        using var http = factory.KeyedClient("cpr");
        var jobs = Count("SELECT COUNT(*) FROM simulation_jobs");

        using var response = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(
            new { ruleset = "sel-97", a = new { }, b = new { } }, string.Join("\r\n", withId) + "\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("\"id\"", problem["errors"]!["caseload"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("id", problem["column"]!.GetValue<string>());
        Assert.Equal(jobs, Count("SELECT COUNT(*) FROM simulation_jobs"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM simulation_partitions WHERE state <> 'done'"));
    }

    [Fact]
    public async Task The_parts_in_the_wrong_order_a_missing_caseload_and_a_body_that_is_no_form_are_refused_naming_what_is_wrong()
    {
        using var http = factory.KeyedClient("form");
        var request = new { ruleset = "sel-97", a = new { }, b = new { } };

        using var reversed = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(request, SimulationUploads.Sel97Csv(5), caseloadFirst: true));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.True((await reversed.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("request"));

        var onlyRequest = new MultipartFormDataContent { { new StringContent("""{"ruleset":"sel-97"}""", Encoding.UTF8, "application/json"), "request" } };
        using var missing = await http.PostAsync("/api/v1/simulations", onlyRequest);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("caseload"));

        using var json = await http.PostAsJsonAsync("/api/v1/simulations", request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.True((await json.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("Content-Type"));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/simulations/findes-ikke")).StatusCode);
    }
}

/// <summary>The start limit per key, on a server of its own (one start per minute).</summary>
public sealed class SimulationStartLimitTests(OneStartPerMinuteFactory factory) : IClassFixture<OneStartPerMinuteFactory>
{
    [Fact]
    public async Task A_second_start_within_the_minute_is_429_with_Retry_After_and_another_key_may_still_start()
    {
        var request = new { ruleset = "sel-97", a = new { }, b = new { } };
        using var http = factory.KeyedClient("travl");
        using var first = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(request, SimulationUploads.Sel97Csv(5)));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(request, SimulationUploads.Sel97Csv(5)));

        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        var wait = second.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait.TotalSeconds, 1, 60);
        var problem = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.EndsWith("too-many-simulations", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("X-Api-Key"));
        // Polling is not starting: the job's GET is not held back by the start limit.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(first.Headers.Location)).StatusCode);

        using var other = factory.KeyedClient("anden");
        using var third = await other.PostAsync("/api/v1/simulations", SimulationUploads.Upload(request, SimulationUploads.Sel97Csv(5)));
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
    }
}
