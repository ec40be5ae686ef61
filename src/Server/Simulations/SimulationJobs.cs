using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Quartz;
using Serviceloven.Admin.Simulation;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Store.Simulations;

namespace Serviceloven.Server.Simulations;

/// <summary>
/// Simulation jobs: an upload is cut into partitions kept in the database while the job runs, each partition is a
/// Quartz.NET job that any node may fire (clustered over PostgreSQL; in memory on SQLite's one node), its tally is
/// stored when it is counted, and the node that counts the last one merges the tallies into the report. The sides are
/// resolved on each node from its own compiled snapshot, by the admin's <see cref="SimulationService"/>.
/// </summary>
public sealed class SimulationJobs(
    SimulationJobRepository jobs,
    SimulationService simulations,
    ISchedulerFactory schedulers,
    IOptions<SimulationJobOptions> options,
    TimeProvider time,
    ILogger<SimulationJobs> logger)
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private readonly ConcurrentDictionary<(string Job, int Partition), RunningPartition> _running = new();
    private readonly ConcurrentDictionary<string, Lazy<(SimulationSide A, SimulationSide B)>> _sides = new();

    private sealed record RunningPartition(CancellationTokenSource Stop, SimulationProgress Progress);

    /// <summary>The sides of a request as this node resolves them (throws ArgumentException naming what is wrong).</summary>
    public (SimulationSide A, SimulationSide B) Sides(SimulationRequest request) => simulations.Sides(Choice(request));

    /// <summary>What the request asks for, as the admin's simulation (and the CLI) chooses it.</summary>
    public static SimulationChoice Choice(SimulationRequest r) => SimulationChoice.Of(r.Ruleset!, Side(r.A), Side(r.B));

    private static SideChoice Side(SimulationSideRequest? s) => new(s?.DraftId, s?.SatsRevisionId, s?.DecisionDate, s?.AsOf);

    /// <summary>
    /// Takes in the upload: the job is created, the caseload cut into partitions (each checked for refusals as it is
    /// cut), then the partitions are scheduled. A refused or broken upload leaves nothing: the job and its rows are deleted.
    /// </summary>
    public async Task<SimulationJobRow> StartAsync(SimulationRequest request, SimulationSide a, SimulationSide b, Stream caseload,
        CaseloadFormat format, string client, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        jobs.FailAbandonedUploads(time.GetUtcNow().AddMinutes(-options.Value.AbandonedUploadMinutes));
        var job = jobs.Create(id, client, request.Ruleset!, JsonSerializer.Serialize(request, Json), format == CaseloadFormat.Csv ? Csv : JsonLines);
        var partitions = 0;
        long rows = 0;
        try
        {
            await foreach (var slice in CaseloadSplitter.SplitAsync(caseload, format, CaseloadSimulator.SchemaOf(a, b), options.Value.PartitionRows, cancellationToken))
            {
                jobs.AddPartition(id, slice.Number, slice.FirstRow, slice.Rows, slice.Text);
                partitions++;
                rows += slice.Rows;
            }
        }
        catch
        {
            jobs.Delete(id);
            throw;
        }
        _sides[id] = new Lazy<(SimulationSide, SimulationSide)>((a, b));
        if (!jobs.Start(id, partitions, rows)) return jobs.Get(id)!;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var map = Enumerable.Range(0, partitions).Select(n => PartitionJob(id, n))
            .ToDictionary(j => j.Detail, j => (IReadOnlyCollection<ITrigger>)[j.Trigger]);
        await scheduler.ScheduleJobs(map, new ScheduleJobOptions { Replace = true }, cancellationToken);
        logger.LogInformation("Simulering {Job} af {Ruleset} startet af {Client}: {Rows} rækker i {Partitions} partitioner.", id, request.Ruleset, client, rows, partitions);
        return jobs.Get(id)!;
    }

    public static JobKey PartitionKey(string jobId, int number) => new(number.ToString(CultureInfo.InvariantCulture), jobId);

    /// <summary>The Quartz job of one partition and the trigger that fires it now.</summary>
    private static (IJobDetail Detail, ITrigger Trigger) PartitionJob(string jobId, int number)
    {
        var detail = JobBuilder.Create<SimulationPartitionJob>()
            .WithIdentity(PartitionKey(jobId, number))
            .UsingJobData(SimulationPartitionJob.JobId, jobId)
            .UsingJobData(SimulationPartitionJob.Partition, number.ToString(CultureInfo.InvariantCulture))
            // A node that dies while counting it: another node fires it again (cluster check-in).
            .RequestRecovery()
            .Build();
        return (detail, TriggerBuilder.Create().WithIdentity(number.ToString(CultureInfo.InvariantCulture), jobId).ForJob(detail).StartNow().Build());
    }

    public SimulationJobRow? Get(string id) => jobs.Get(id);

    /// <summary>How far the job is: partitions finished anywhere, plus what this node is counting now.</summary>
    public SimulationJobProgress Progress(SimulationJobRow job, SimulationReport? report = null)
    {
        var count = jobs.Count(job.Id);
        long liveCases = 0, liveRows = 0;
        foreach (var (key, running) in _running)
            if (key.Job == job.Id)
            {
                liveCases += running.Progress.Done;
                liveRows += running.Progress.Done + running.Progress.Unbound;
            }
        var done = job.State == SimulationJobStates.Done;
        var rowsDone = done ? job.Rows : Math.Min(job.Rows, count.RowsDone + liveRows);
        var cases = count.CasesDone + liveCases;
        var elapsed = ((job.FinishedAt ?? time.GetUtcNow()) - job.CreatedAt).TotalSeconds;
        var fraction = job.Rows == 0 ? (done ? 1 : 0) : (double)rowsDone / job.Rows;
        if (done && (report ?? Report(job)) is { } finished) cases = finished.Cases;
        double? left = SimulationJobStates.IsActive(job.State) && fraction > 0.001 ? elapsed * (1 - fraction) / fraction : null;
        return new SimulationJobProgress(job.Rows, rowsDone, cases, job.Partitions, done ? job.Partitions : count.PartitionsDone, Math.Round(fraction, 4),
            elapsed > 0 ? Math.Round(cases / elapsed, 1) : 0, left is { } l ? Math.Round(l, 1) : null);
    }

    public static SimulationReport? Report(SimulationJobRow job) =>
        job.ReportJson is { } json ? JsonSerializer.Deserialize<SimulationReport>(json, Json) : null;

    /// <summary>Cancels a job that has not ended: its rows are deleted, its partitions unscheduled, any counted here stopped.</summary>
    public async Task<bool> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var cancelled = jobs.Cancel(id);
        if (!cancelled) return false;
        StopLocal(id);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(id), cancellationToken);
        logger.LogInformation("Simulering {Job} annulleret; sagsbestandens rækker er slettet.", id);
        return true;
    }

    private void StopLocal(string id)
    {
        foreach (var (key, running) in _running)
            if (key.Job == id) running.Stop.Cancel();
        _sides.TryRemove(id, out _);
    }

    /// <summary>
    /// Counts one partition on this node (fired by Quartz): claims its rows, evaluates them on both sides, stores the
    /// tally and clears the rows; the node that counts the last partition merges the report.
    /// </summary>
    public async Task RunPartitionAsync(string jobId, int number, string node, bool recovering, CancellationToken cancellationToken)
    {
        var claimed = jobs.Claim(jobId, number, node);
        if (claimed is null) return; // cancelled, failed, or counted already
        if (recovering || claimed.Attempts > 1)
            logger.LogWarning("Simulering {Job}: partition {Partition} tælles igen på {Node} (forsøg {Attempt}); den node, der talte den, svarer ikke.",
                jobId, number, node, claimed.Attempts);
        var job = jobs.Get(jobId)!;
        var format = job.Format == Csv ? CaseloadFormat.Csv : CaseloadFormat.JsonLines;
        var running = new RunningPartition(CancellationTokenSource.CreateLinkedTokenSource(cancellationToken), new SimulationProgress());
        _running[(jobId, number)] = running;
        try
        {
            var (a, b) = SidesOf(job);
            using var watch = WatchForCancel(jobId, running.Stop);
            await using var input = new MemoryStream(Encoding.UTF8.GetBytes(claimed.Input), writable: false);
            var workers = options.Value.Workers > 0 ? options.Value.Workers : Environment.ProcessorCount;
            var part = await CaseloadSimulator.RunPartAsync(input, format, a, b, CaseloadSlice.RowOffset(format, claimed.FirstRow),
                new SimulationOptions { Workers = workers }, running.Progress, running.Stop.Token);
            if (part.Cancelled)
            {
                // Cancelled (the job's rows are already deleted), or this node is stopping: the partition stays unfinished for recovery.
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }
            if (jobs.Finish(jobId, number, part.Tally.Cases, JsonSerializer.Serialize(part, Json)))
                Merge(job, a, b);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Simulering {Job}: partition {Partition} fejlede; jobbet stoppes, og sagsbestandens rækker slettes.", jobId, number);
            if (jobs.Fail(jobId, Message(ex))) StopLocal(jobId);
        }
        finally
        {
            _running.TryRemove((jobId, number), out _);
            running.Stop.Dispose();
        }
    }

    private static string Message(Exception ex) => ex is ArgumentException or CaseloadRefusedException ? ex.Message : "Simuleringen fejlede på serveren: " + ex.GetType().Name;

    private void Merge(SimulationJobRow job, SimulationSide a, SimulationSide b)
    {
        var parts = jobs.Parts(job.Id).Select(p => JsonSerializer.Deserialize<SimulationPart>(p, Json)!).ToList();
        var report = CaseloadSimulator.Report(job.RulesetId, (a.Name, a.Description), (b.Name, b.Description), SimulationPart.Merge(parts),
            time.GetUtcNow() - job.CreatedAt);
        jobs.Complete(job.Id, JsonSerializer.Serialize(report, Json));
        _sides.TryRemove(job.Id, out _);
        logger.LogInformation("Simulering {Job} færdig: {Cases} sager i {Partitions} partitioner på {Seconds:F1} s.", job.Id, report.Cases, parts.Count, report.Seconds);
    }

    // Resolved once per job on this node (a draft is compiled once); the job's request pins A's asOf, so every node resolves the same rules.
    private (SimulationSide A, SimulationSide B) SidesOf(SimulationJobRow job)
    {
        if (_sides.Count > 64) _sides.Clear();
        var request = JsonSerializer.Deserialize<SimulationRequest>(job.RequestJson, Json)!;
        return _sides.GetOrAdd(job.Id, _ => new Lazy<(SimulationSide, SimulationSide)>(() => Sides(request))).Value;
    }

    // A job cancelled through another node is seen here within CancelCheckMs.
    private Timer WatchForCancel(string jobId, CancellationTokenSource stop) =>
        new Timer(_ =>
        {
            try
            {
                if (jobs.StateOf(jobId) != SimulationJobStates.Running) stop.Cancel();
            }
            catch (ObjectDisposedException) { /* the partition ended meanwhile */ }
            catch (Exception ex) { logger.LogDebug(ex, "Kunne ikke se simuleringens tilstand."); }
        }, null, options.Value.CancelCheckMs, options.Value.CancelCheckMs);

    /// <summary>
    /// At start: uploads abandoned by a node that stopped are deleted; where the scheduler keeps nothing across a
    /// restart (in memory, SQLite), the unfinished partitions of running jobs are scheduled again.
    /// </summary>
    public async Task ResumeAsync(bool schedulerIsPersistent, CancellationToken cancellationToken)
    {
        // By age only, also on SQLite: another process on the machine may be receiving an upload right now.
        var abandoned = jobs.FailAbandonedUploads(time.GetUtcNow().AddMinutes(-options.Value.AbandonedUploadMinutes));
        if (abandoned > 0) logger.LogWarning("{Count} afbrudte overførsler af sagsbestande er slettet.", abandoned);
        if (schedulerIsPersistent) return;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (jobId, number) in jobs.Unfinished())
        {
            var (detail, trigger) = PartitionJob(jobId, number);
            await scheduler.ScheduleJob(detail, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
    }
}

/// <summary>One partition of a simulation job, as Quartz fires it on whichever node acquires it.</summary>
public sealed class SimulationPartitionJob(SimulationJobs jobs) : IJob
{
    public const string JobId = "job";
    public const string Partition = "partition";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await jobs.RunPartitionAsync(context.MergedJobDataMap.GetString(JobId)!, int.Parse(context.MergedJobDataMap.GetString(Partition)!, CultureInfo.InvariantCulture),
            context.Scheduler.SchedulerInstanceId, context.Recovering, cancellationToken);
}
