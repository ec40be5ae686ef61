using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Serviceloven.Server.Tests.Nodes;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Server.Tests.Startup;
using Xunit.Abstractions;

namespace Serviceloven.Server.Tests.Simulations;

/// <summary>
/// Two server processes over one PostgreSQL database share a simulation's partitions through Quartz.NET's clustered job
/// store. The node counting a partition is killed (SIGKILL) mid-partition; the other node recovers that partition when
/// the dead one misses its check-in, finishes the job, and the result is the one a single node gives for the same file.
/// </summary>
[Trait("Provider", "postgres")]
[Collection(NodesCollection.Name)]
public sealed class SimulationNodeTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);
    private readonly TestDatabase _database;
    private readonly Serviceloven.Store.Database.StoreDatabase _store;

    public SimulationNodeTests(ITestOutputHelper output) : this()
    {
        _output = output;
    }

    private SimulationNodeTests()
    {
        _database = TestDatabase.Create(TestDatabase.Postgres);
        _store = _database.Open();
    }

    private readonly ITestOutputHelper _output = null!;

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }

    private sealed class PartitionRow
    {
        public string? Node { get; set; }
        public long Number { get; set; }
        public string? State { get; set; }
    }

    // Partitions of 500 rows counted by one worker each: long enough to be caught while counted. Check-in every 500 ms,
    // a node silent for a second more is taken for dead.
    private ServerProcess Node(string name) => NodeProcess.Start(_database, new Dictionary<string, string>
    {
        ["Simulations__InstanceId"] = name,
        ["Simulations__PartitionRows"] = "500",
        ["Simulations__Workers"] = "1",
        ["Simulations__CheckinIntervalMs"] = "500",
        ["Simulations__CheckinMisfireThresholdMs"] = "1000",
        ["Simulations__StartBurst"] = "10",
    });

    private static object Request => new { ruleset = "sel-97", a = new { }, b = new { decisionDate = "2031-01-01" } };

    private static async Task<string> StartAsync(HttpClient http, string caseload)
    {
        using var response = await http.PostAsync("/api/v1/simulations", SimulationUploads.Upload(Request, caseload));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString();
    }

    private PartitionRow? RunningPartition(string jobId)
    {
        using var c = _store.Open();
        return c.QueryFirstOrDefault<PartitionRow>(
            "SELECT node, number, state FROM simulation_partitions WHERE job_id = @jobId AND state = 'running' ORDER BY number LIMIT 1", new { jobId });
    }

    private PartitionRow? Partition(string jobId, long number)
    {
        using var c = _store.Open();
        return c.QueryFirstOrDefault<PartitionRow>("SELECT node, number, state FROM simulation_partitions WHERE job_id = @jobId AND number = @number",
            new { jobId, number = (int)number });
    }

    private int Count(string sql)
    {
        using var c = _store.Open();
        return c.ExecuteScalar<int>(sql);
    }

    private static void Signal(ServerProcess node, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, node.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    [Fact]
    public async Task A_partition_whose_node_is_killed_is_finished_by_the_other_node_and_the_result_equals_the_single_node_result()
    {
        var nodes = new Dictionary<string, ServerProcess>();
        using var a = nodes["node-a"] = Node("node-a");
        await a.WaitReadyAsync(StartTimeout);
        using var b = nodes["node-b"] = Node("node-b");
        await b.WaitReadyAsync(StartTimeout);
        var caseload = SimulationUploads.Sel97Csv(8000, seed: 5);
        using var httpA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
        var location = await StartAsync(httpA, caseload);
        var jobId = location[(location.LastIndexOf('/') + 1)..];

        // Catch a partition while a node counts it: freeze that node, make sure the partition is still unfinished, kill it.
        string? victim = null;
        long lost = -1;
        var deadline = DateTime.UtcNow + JobTimeout;
        while (victim is null && DateTime.UtcNow < deadline)
        {
            if (RunningPartition(jobId) is not { } running)
            {
                Assert.NotEqual(0, Count($"SELECT COUNT(*) FROM simulation_partitions WHERE job_id = '{jobId}' AND state <> 'done'"));
                await Task.Delay(5);
                continue;
            }
            var node = nodes[running.Node!];
            Signal(node, "STOP");
            if (Partition(jobId, running.Number) is { State: "running" } still && still.Node == running.Node)
            {
                node.Dispose(); // SIGKILL
                victim = running.Node;
                lost = running.Number;
            }
            else
            {
                Signal(node, "CONT");
            }
        }
        Assert.NotNull(victim);
        var survivor = nodes.Single(n => n.Key != victim);
        _output.WriteLine($"{victim} dræbt midt i partition {lost}; {survivor.Key} overtager.");

        using var http = new HttpClient { BaseAddress = new Uri(survivor.Value.BaseUrl) };
        var done = await SimulationUploads.WaitEndedAsync(http, location, JobTimeout);
        Assert.Equal("done", done["state"]!.GetValue<string>());
        Assert.Contains($"partition {lost} tælles igen på {survivor.Key}", survivor.Value.Output, StringComparison.Ordinal);
        var clustered = done["result"]!;
        Assert.Equal(8000, clustered["cases"]!.GetValue<long>() + clustered["unboundRows"]!.GetValue<long>());

        // The same file on the survivor alone.
        var single = await SimulationUploads.WaitEndedAsync(http, await StartAsync(http, caseload), JobTimeout);
        Assert.Equal("done", single["state"]!.GetValue<string>());
        Assert.Equal(SimulationUploads.Comparable(single["result"]!).ToJsonString(), SimulationUploads.Comparable(clustered).ToJsonString());
        Assert.True(clustered["outcomeChanged"]!.GetValue<long>() > 0, "B's later decision date changes some outcomes");
        // Nothing of either file is left in the database.
        Assert.Equal(0, Count("SELECT COUNT(*) FROM simulation_partitions"));
        _output.WriteLine($"{clustered["cases"]} sager; {done["progress"]!["partitions"]} partitioner; {clustered["outcomeChanged"]} ændrede udfald.");
    }
}
