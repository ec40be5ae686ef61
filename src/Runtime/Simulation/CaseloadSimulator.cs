using System.Diagnostics;
using System.Threading.Channels;
using Serviceloven.Engine.Evaluation;

namespace Serviceloven.Runtime.Simulation;

/// <summary>How a simulation runs: workers (default: one per core) and the size of the batches handed to them.</summary>
public sealed record SimulationOptions
{
    public int Workers { get; init; } = Environment.ProcessorCount;
    public int BatchSize { get; init; } = 256;
}

/// <summary>
/// How far a running simulation is, read by whoever shows it while the workers write it: rows read, cases done,
/// rows that did not bind, and the rate so far. The total is known only when the caller knows the file's length.
/// </summary>
public sealed class SimulationProgress
{
    private long _done, _unbound, _bytesRead;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public long Done => Interlocked.Read(ref _done);
    public long Unbound => Interlocked.Read(ref _unbound);
    /// <summary>Bytes of the file read so far (for a percentage of a file of known length).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long? TotalBytes { get; init; }
    public TimeSpan Elapsed => _clock.Elapsed;
    public double Rate => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1, (double)BytesRead / TotalBytes.Value) : null;

    /// <summary>Time left, estimated from the share of the file read so far.</summary>
    public TimeSpan? Remaining => Fraction is { } f && f > 0.001 ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (1 - f) / f) : null;

    internal void AddDone(long n) => Interlocked.Add(ref _done, n);
    internal void AddUnbound() => Interlocked.Increment(ref _unbound);
    internal void SetBytesRead(long n) => Interlocked.Exchange(ref _bytesRead, n);
}

/// <summary>
/// Runs a caseload on two sides. The file is read once, as a stream; batches of cases go through a bounded channel to
/// one worker per core, each evaluating every case on A and on B with the same compiled versions the API uses (no HTTP,
/// no database, nothing compiled per case) and counting into its own tally. Memory stays flat: at most a few batches
/// of cases are alive at once, and the tallies are bounded.
/// </summary>
public static class CaseloadSimulator
{
    public static async Task<SimulationReport> RunAsync(Stream caseload, CaseloadFormat format, string rulesetId, SimulationSide a, SimulationSide b,
        SimulationOptions? options = null, SimulationProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var part = await RunPartAsync(caseload, format, a, b, 0, options, progress, cancellationToken);
        return Report(rulesetId, a, b, part, clock.Elapsed);
    }

    /// <summary>The facts a caseload for these sides may name (every version's, on both sides).</summary>
    public static CaseloadSchema SchemaOf(SimulationSide a, SimulationSide b) =>
        new(a.Rules.Versions.Concat(b.Rules.Versions).SelectMany(v => v.Compiled.Content.Facts));

    /// <summary>
    /// Runs (a part of) a caseload and returns what it counted, for a report or to be merged with other parts.
    /// <paramref name="rowOffset"/> is added to every row number the reader gives, so a partition cut from a larger file
    /// reports the rows as the whole file numbers them.
    /// </summary>
    public static async Task<SimulationPart> RunPartAsync(Stream caseload, CaseloadFormat format, SimulationSide a, SimulationSide b, long rowOffset,
        SimulationOptions? options = null, SimulationProgress? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulationOptions();
        progress ??= new SimulationProgress();
        var schema = SchemaOf(a, b);
        var errors = new List<RowError>();
        var ignored = new List<string>();
        long unbound = 0, lastErrorRow = -1;
        void OnError(RowError e)
        {
            if (rowOffset != 0) e = e with { Row = e.Row + rowOffset };
            if (e.Row != lastErrorRow) { unbound++; lastErrorRow = e.Row; progress.AddUnbound(); }
            if (errors.Count < SimulationTally.MaxRowErrors) errors.Add(e);
        }

        var channel = Channel.CreateBounded<List<CaseloadCase>>(new BoundedChannelOptions(Math.Max(2, options.Workers * 2))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers))
            // No token for Task.Run itself: a worker always runs and returns its tally, even one cancelled before it started.
            .Select(_ => Task.Run(() => WorkAsync(channel.Reader, a, b, progress, stop.Token))).ToArray();

        var cancelled = false;
        await using var counted = new CountingStream(caseload);
        try
        {
            var batch = new List<CaseloadCase>(options.BatchSize);
            await foreach (var read in CaseloadReader.ReadAsync(counted, format, schema, OnError, cols => { ignored.Clear(); ignored.AddRange(cols); }, stop.Token))
            {
                var c = rowOffset == 0 ? read : read with { Row = read.Row + rowOffset };
                var date = DecisionDateProblem(c, a, b);
                if (date is not null) { OnError(new RowError(c.Row, "afgørelsesdato", date)); continue; }
                batch.Add(c);
                if (batch.Count < options.BatchSize) continue;
                await channel.Writer.WriteAsync(batch, stop.Token);
                batch = new List<CaseloadCase>(options.BatchSize);
                progress.SetBytesRead(counted.BytesRead);
            }
            if (batch.Count > 0) await channel.Writer.WriteAsync(batch, stop.Token);
            progress.SetBytesRead(counted.BytesRead);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch
        {
            await stop.CancelAsync(); // a refused file stops the workers; nothing of it is kept
            channel.Writer.TryComplete();
            await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        channel.Writer.TryComplete();

        var tally = new SimulationTally();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        // What every finished worker counted is reported, also when the run was cancelled.
        foreach (var worker in workers.Where(w => w.IsCompletedSuccessfully)) tally.Merge(worker.Result);
        cancelled |= cancellationToken.IsCancellationRequested;
        return new SimulationPart(tally.ToState(), unbound, errors, ignored.ToList(), cancelled);
    }

    private static string? DecisionDateProblem(CaseloadCase c, SimulationSide a, SimulationSide b) =>
        c.DecisionDate is null && (a.DecisionDate is null || b.DecisionDate is null)
            ? "Rækken har ingen afgørelsesdato, og en af siderne bruger rækkens egen dato."
            : null;

    private static async Task<SimulationTally> WorkAsync(ChannelReader<List<CaseloadCase>> reader, SimulationSide a, SimulationSide b,
        SimulationProgress progress, CancellationToken cancellationToken)
    {
        var tally = new SimulationTally();
        try
        {
            await foreach (var batch in reader.ReadAllAsync(cancellationToken))
            {
                foreach (var c in batch)
                {
                    var ra = await EvaluateAsync(a, c, cancellationToken);
                    var rb = await EvaluateAsync(b, c, cancellationToken);
                    tally.Add(c.Row, ra, rb);
                }
                progress.AddDone(batch.Count);
            }
        }
        catch (OperationCanceledException)
        {
            // Cancelled: what was counted so far is reported (marked cancelled); a batch half done is counted as far as it went.
        }
        return tally;
    }

    /// <summary>One case on one side: the version of its decision date, the case's facts bound to that version's schema, evaluated.</summary>
    public static async ValueTask<SideAnswer> EvaluateAsync(SimulationSide side, CaseloadCase c, CancellationToken cancellationToken)
    {
        var date = side.DecisionDate ?? c.DecisionDate!.Value;
        var resolution = side.Rules.Resolve(date);
        if (!resolution.Found) return new SideAnswer(null, resolution.Problem);
        var cv = resolution.Item!.Compiled;
        var bound = FactBinder.Bind(cv.Facts, OnlyKnown(c.Facts, cv.Facts));
        var result = await Evaluator.EvaluateAsync(cv, date, bound, side.Rules.Satser, side.Rules.Lookups, cancellationToken);
        return new SideAnswer(result, null);
    }

    // The caseload's columns are the facts of every version on both sides; a version is given only its own.
    private static Dictionary<string, object?> OnlyKnown<T>(Dictionary<string, object?> facts, IReadOnlyDictionary<string, T> schema)
    {
        foreach (var name in facts.Keys)
            if (!schema.ContainsKey(name))
                return facts.Where(f => schema.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return facts;
    }

    public static SimulationReport Report(string rulesetId, SimulationSide a, SimulationSide b, SimulationPart part, TimeSpan elapsed) =>
        Report(rulesetId, (a.Name, a.Description), (b.Name, b.Description), part, elapsed);

    /// <summary>The report of what was counted (one run, or the merged partitions of a job), with the sides' names and descriptions.</summary>
    public static SimulationReport Report(string rulesetId, (string Name, string Description) a, (string Name, string Description) b,
        SimulationPart part, TimeSpan elapsed)
    {
        var t = SimulationTally.FromState(part.Tally);
        return Report(rulesetId, a, b, t, part.UnboundRows, part.RowErrors, part.IgnoredColumns, elapsed, part.Cancelled);
    }

    private static SimulationReport Report(string rulesetId, (string Name, string Description) a, (string Name, string Description) b, SimulationTally t,
        long unbound, IReadOnlyList<RowError> errors, IReadOnlyList<string> ignored, TimeSpan elapsed, bool cancelled) => new()
    {
        RulesetId = rulesetId,
        A = new SideSummary(a.Name, a.Description, t.OutcomesA.OrderByDescending(o => o.Value).ToDictionary()),
        B = new SideSummary(b.Name, b.Description, t.OutcomesB.OrderByDescending(o => o.Value).ToDictionary()),
        Cases = t.Cases,
        UnboundRows = unbound,
        RowErrors = errors.ToList(),
        IgnoredColumns = ignored.ToList(),
        Transitions = t.Transitions.OrderByDescending(x => x.Value).Select(x => new Transition(x.Key.Item1, x.Key.Item2, x.Value)).ToList(),
        OutcomeChanged = t.OutcomeChanged,
        AmountChanged = t.AmountChanged,
        Amounts = t.Amounts.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => new AmountSummary(x.Key, x.Value.TotalA, x.Value.TotalB,
            x.Value.CountA, x.Value.CountB, x.Value.Increased, x.Value.Decreased, x.Value.Histogram.Bins())).ToList(),
        RowChanges = t.RowPairs.OrderByDescending(x => x.Value).Take(50).Select(x => new Transition(x.Key.Item1, x.Key.Item2, x.Value)).ToList(),
        ChangedCases = t.Changed.ToList(),
        Seconds = elapsed.TotalSeconds,
        Cancelled = cancelled,
    };
}

/// <summary>Counts the bytes read through it, for progress over a stream that cannot tell its position (an upload).</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _read;
    public long BytesRead => Interlocked.Read(ref _read);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    // The caller owns the inner stream.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);

    private int Count(int n)
    {
        Interlocked.Add(ref _read, n);
        return n;
    }
}
