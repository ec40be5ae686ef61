using Dapper;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Simulations;

/// <summary>The states of a simulation job, as stored.</summary>
public static class SimulationJobStates
{
    /// <summary>The upload is being cut into partitions; not yet claimable.</summary>
    public const string Receiving = "receiving";
    public const string Running = "running";
    /// <summary>Every partition is counted; one node is merging the tallies into the report.</summary>
    public const string Merging = "merging";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static bool IsActive(string state) => state is Receiving or Running or Merging;
}

public sealed class SimulationJobRow
{
    public string Id { get; set; } = "";
    public string Client { get; set; } = "";
    public string RulesetId { get; set; } = "";
    public string RequestJson { get; set; } = "";
    public string Format { get; set; } = "";
    public string State { get; set; } = "";
    public long Partitions { get; set; }
    public long Rows { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ReportJson { get; set; }
    public string? Problem { get; set; }
}

/// <summary>A partition's rows as a node claimed them.</summary>
public sealed record ClaimedPartition(string JobId, int Number, long FirstRow, string Input, int Attempts);

/// <summary>How far a job is: partitions and rows counted, and the cases evaluated in them.</summary>
public sealed class SimulationJobCount
{
    public long PartitionsDone { get; set; }
    public long RowsDone { get; set; }
    public long CasesDone { get; set; }
}

/// <summary>
/// Simulation jobs and their partitions. A partition's input (rows of the caseload) is written when the upload is cut,
/// cleared when the partition is counted, and every partition row is deleted when the job ends, fails or is cancelled:
/// only the aggregate report stays.
/// </summary>
public sealed class SimulationJobRepository(StoreDatabase database, TimeProvider time)
{
    private const string Columns = """
        id, client, ruleset_id AS RulesetId, request_json AS RequestJson, format, state, partitions, rows,
        created_at AS CreatedAt, finished_at AS FinishedAt, report_json AS ReportJson, problem
        """;

    public SimulationJobRow Create(string id, string client, string rulesetId, string requestJson, string format)
    {
        using var c = database.Open();
        c.Execute("""
            INSERT INTO simulation_jobs (id, client, ruleset_id, request_json, format, state, partitions, rows, created_at)
            VALUES (@id, @client, @rulesetId, @requestJson, @format, @state, 0, 0, @at)
            """, new { id, client, rulesetId, requestJson, format, state = SimulationJobStates.Receiving, at = TypeHandlers.Instant(time.GetUtcNow()) });
        return Get(id)!;
    }

    public void AddPartition(string jobId, int number, long firstRow, long rows, string input)
    {
        using var c = database.Open();
        c.Execute("""
            INSERT INTO simulation_partitions (job_id, number, first_row, rows, input, state)
            VALUES (@jobId, @number, @firstRow, @rows, @input, 'waiting')
            """, new { jobId, number, firstRow, rows, input });
    }

    /// <summary>The upload is in: the partitions become claimable. False if the job was cancelled meanwhile.</summary>
    public bool Start(string jobId, int partitions, long rows)
    {
        using var c = database.Open();
        return c.Execute("UPDATE simulation_jobs SET state = @running, partitions = @partitions, rows = @rows WHERE id = @jobId AND state = @receiving",
            new { jobId, partitions, rows, running = SimulationJobStates.Running, receiving = SimulationJobStates.Receiving }) == 1;
    }

    public SimulationJobRow? Get(string id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<SimulationJobRow>($"SELECT {Columns} FROM simulation_jobs WHERE id = @id", new { id });
    }

    public string? StateOf(string id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<string>("SELECT state FROM simulation_jobs WHERE id = @id", new { id });
    }

    /// <summary>
    /// A node takes a partition of a running job: its rows, marked running on <paramref name="node"/>. Null when the job
    /// no longer runs or the partition is already counted (a trigger fired twice, or recovered after it finished).
    /// </summary>
    public ClaimedPartition? Claim(string jobId, int number, string node)
    {
        using var c = database.Open();
        using var tx = database.Dialect.BeginWrite(c);
        var row = c.QuerySingleOrDefault<PartitionInput>("""
            SELECT p.first_row AS FirstRow, p.input AS Input, p.attempts AS Attempts FROM simulation_partitions p JOIN simulation_jobs j ON j.id = p.job_id
            WHERE p.job_id = @jobId AND p.number = @number AND p.state <> 'done' AND j.state = @running
            """, new { jobId, number, running = SimulationJobStates.Running }, tx);
        if (row?.Input is null) return null;
        c.Execute("UPDATE simulation_partitions SET state = 'running', node = @node, attempts = attempts + 1 WHERE job_id = @jobId AND number = @number",
            new { jobId, number, node }, tx);
        tx.Commit();
        return new ClaimedPartition(jobId, number, row.FirstRow, row.Input, (int)row.Attempts + 1);
    }

    private sealed class PartitionInput
    {
        public long FirstRow { get; set; }
        public string? Input { get; set; }
        public long Attempts { get; set; }
    }

    /// <summary>
    /// A partition is counted: its tally kept, its rows deleted. True when this was the last one of a running job and
    /// this caller is the one to merge (the job moves to merging in the same transaction, so only one node merges).
    /// </summary>
    public bool Finish(string jobId, int number, long cases, string partJson)
    {
        using var c = database.Open();
        using var tx = database.Dialect.BeginWrite(c);
        var updated = c.Execute("""
            UPDATE simulation_partitions SET state = 'done', input = NULL, cases = @cases, part_json = @partJson
            WHERE job_id = @jobId AND number = @number AND state <> 'done'
            """, new { jobId, number, cases, partJson }, tx);
        var merge = updated == 1 && c.Execute("""
            UPDATE simulation_jobs SET state = @merging WHERE id = @jobId AND state = @running
            AND NOT EXISTS (SELECT 1 FROM simulation_partitions WHERE job_id = @jobId AND state <> 'done')
            """, new { jobId, merging = SimulationJobStates.Merging, running = SimulationJobStates.Running }, tx) == 1;
        tx.Commit();
        return merge;
    }

    /// <summary>The partitions' tallies in partition order (for the merge).</summary>
    public IReadOnlyList<string> Parts(string jobId)
    {
        using var c = database.Open();
        return c.Query<string>("SELECT part_json FROM simulation_partitions WHERE job_id = @jobId AND state = 'done' ORDER BY number", new { jobId }).ToList();
    }

    public SimulationJobCount Count(string jobId)
    {
        using var c = database.Open();
        return c.QuerySingle<SimulationJobCount>("""
            SELECT CAST(COUNT(*) AS BIGINT) AS PartitionsDone, CAST(COALESCE(SUM(rows), 0) AS BIGINT) AS RowsDone, CAST(COALESCE(SUM(cases), 0) AS BIGINT) AS CasesDone
            FROM simulation_partitions WHERE job_id = @jobId AND state = 'done'
            """, new { jobId });
    }

    /// <summary>The merged report is kept; the partitions (tallies, and any input left) are deleted.</summary>
    public void Complete(string jobId, string reportJson) =>
        End(jobId, SimulationJobStates.Done, reportJson, null, [SimulationJobStates.Merging]);

    public bool Fail(string jobId, string problem) =>
        End(jobId, SimulationJobStates.Failed, null, problem, [SimulationJobStates.Receiving, SimulationJobStates.Running, SimulationJobStates.Merging]);

    /// <summary>Cancels a job that has not ended: its partitions and their rows are deleted at once. False if it had ended.</summary>
    public bool Cancel(string jobId) =>
        End(jobId, SimulationJobStates.Cancelled, null, null, [SimulationJobStates.Receiving, SimulationJobStates.Running, SimulationJobStates.Merging]);

    private bool End(string jobId, string state, string? reportJson, string? problem, string[] from)
    {
        using var c = database.Open();
        using var tx = database.Dialect.BeginWrite(c);
        var ended = c.Execute($"""
            UPDATE simulation_jobs SET state = @state, report_json = @reportJson, problem = @problem, finished_at = @at
            WHERE id = @jobId AND state IN ({string.Join(", ", from.Select(s => "'" + s + "'"))})
            """, new { jobId, state, reportJson, problem, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx) == 1;
        if (ended) c.Execute("DELETE FROM simulation_partitions WHERE job_id = @jobId", new { jobId }, tx);
        tx.Commit();
        return ended;
    }

    /// <summary>A job refused while its upload was read: it and any rows already written are deleted.</summary>
    public void Delete(string jobId)
    {
        using var c = database.Open();
        using var tx = database.Dialect.BeginWrite(c);
        c.Execute("DELETE FROM simulation_partitions WHERE job_id = @jobId", new { jobId }, tx);
        c.Execute("DELETE FROM simulation_jobs WHERE id = @jobId", new { jobId }, tx);
        tx.Commit();
    }

    /// <summary>Partitions of running jobs not yet counted (to schedule again where the scheduler does not keep them across a restart).</summary>
    public IReadOnlyList<(string JobId, int Number)> Unfinished()
    {
        using var c = database.Open();
        return c.Query<(string, long)>("""
            SELECT p.job_id, p.number FROM simulation_partitions p JOIN simulation_jobs j ON j.id = p.job_id
            WHERE j.state = @running AND p.state <> 'done' ORDER BY p.job_id, p.number
            """, new { running = SimulationJobStates.Running }).Select(x => (x.Item1, (int)x.Item2)).ToList();
    }

    /// <summary>Uploads that never finished (the node receiving them stopped): their partial rows are deleted.</summary>
    public int FailAbandonedUploads(DateTimeOffset before)
    {
        using var c = database.Open();
        var ids = c.Query<string>("SELECT id FROM simulation_jobs WHERE state = @receiving AND created_at < @before",
            new { receiving = SimulationJobStates.Receiving, before = TypeHandlers.Instant(before) }).ToList();
        return ids.Count(id => Fail(id, "Overførslen af sagsbestanden blev afbrudt."));
    }

    /// <summary>Whether any rows of a caseload are left in the database for this job (for tests and the operator).</summary>
    public long InputBytes(string jobId)
    {
        using var c = database.Open();
        return c.ExecuteScalar<long>("SELECT CAST(COALESCE(SUM(LENGTH(input)), 0) AS BIGINT) FROM simulation_partitions WHERE job_id = @jobId", new { jobId });
    }
}
