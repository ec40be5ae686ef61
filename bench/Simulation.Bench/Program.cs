using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

// Caseload simulation benchmark (#19): generates a synthetic caseload file (in /tmp, never committed), runs it on two
// sides, prints cases/s, RSS at start and end and the peak, and the cost per case against one in-process evaluation.
//   dotnet run -c Release --project bench/Simulation.Bench -- [--ruleset sel-97] [--n 1000000] [--workers 2] [--seed 7]
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
var rulesetId = options.GetValueOrDefault("ruleset", "sel-97");
var n = int.Parse(options.GetValueOrDefault("n", "1000000"), CultureInfo.InvariantCulture);
var workers = int.Parse(options.GetValueOrDefault("workers", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var seed = int.Parse(options.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture);
var root = FindRoot();

static string FindRoot()
{
    var dir = new DirectoryInfo(Environment.CurrentDirectory); // run from the repository (dotnet run --project does)
    while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "rules"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("rules/ not found above the build output");
}

static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
Console.WriteLine($"RSS at start: {Mb(Process.GetCurrentProcess().WorkingSet64):F0} MB");

// The shipped rules in a throwaway SQLite file, compiled into a snapshot as the server does.
var folder = Directory.CreateTempSubdirectory("sl-simbench-").FullName;
var database = new SqliteDatabase(new StoreOptions { DatabasePath = Path.Combine(folder, "rules.db") });
new MigrationRunner(database).Apply();
var audit = new AuditLog(database, TimeProvider.System);
var versions = new VersionRepository(database, audit, TimeProvider.System);
var revisions = new RevisionRepository(database, audit, TimeProvider.System);
new RulesTransfer(database, versions, revisions, audit, TimeProvider.System).Import(Path.Combine(root, "rules"));
var holder = new SnapshotHolder();
new SnapshotBuilder(versions, revisions, new PublicationLog(database, TimeProvider.System), new CompiledVersions(), holder, TimeProvider.System,
    NullLogger<SnapshotBuilder>.Instance).Reload();
var snapshot = holder.Current;

var published = snapshot.Timeline(rulesetId)[^1].Item;
var date = published.ValidFrom.AddMonths(4);
var examples = Directory.GetFiles(Path.Combine(root, "rules", rulesetId, "tests"), "*.json")
    .SelectMany(f => RulesJson.Deserialize<TestSuite>(File.ReadAllText(f)).Cases).ToList();
var file = Path.Combine(folder, $"{rulesetId}-{n}.csv");
var clock = Stopwatch.StartNew();
using (var writer = new StreamWriter(file))
    CaseloadGenerator.WriteCsv(writer, published.Compiled.Content.Facts, examples, n, seed, date);
Console.WriteLine($"generated {n:N0} cases of {rulesetId} in {clock.Elapsed.TotalSeconds:F1} s: {Mb(new FileInfo(file).Length):F0} MB");

// B: the published version with every "< 18" cell raised to "< 19" (sel-97's age limit), else the published rules again.
var content = published.Compiled.Content with
{
    Tables = published.Compiled.Content.Tables.Select(t => t with { Rows = t.Rows.Select(r => r with { When = r.When.Select(c => c == "< 18" ? "< 19" : c).ToList() }).ToList() }).ToList(),
};
var a = new SimulationSide(SimulationSides.Published(snapshot, rulesetId, null), null, "Offentliggjort");
var b = new SimulationSide(SimulationSides.WithDraft(snapshot, new CompiledVersions(), rulesetId, content, null), null, "Kladde");

var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var peak = 0L;
using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 100);
var progress = new SimulationProgress();
SimulationReport report;
await using (var stream = File.OpenRead(file))
    report = await CaseloadSimulator.RunAsync(stream, CaseloadFormat.Csv, rulesetId, a, b, new SimulationOptions { Workers = workers }, progress);
Console.WriteLine($"simulated {report.Cases:N0} cases ({report.UnboundRows:N0} unbound) on two sides with {workers} workers in {report.Seconds:F1} s: {report.CasesPerSecond:N0} cases/s");
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
Console.WriteLine($"CPU time of the process meanwhile: {cpu:F1} s = {report.Cases / cpu:N0} cases per CPU-second (the wall-clock rate depends on what else runs on the machine; load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
Console.WriteLine($"outcome changed: {report.OutcomeChanged:N0}; amount changed: {report.AmountChanged:N0}; transitions: {string.Join(", ", report.Transitions.Take(6).Select(t => $"{t.From}->{t.To} {t.Count:N0}"))}");
foreach (var amount in report.Amounts)
    Console.WriteLine($"  {amount.Output}: A {amount.TotalA:N2}, B {amount.TotalB:N2}, difference {amount.TotalDifference:N2}");
Console.WriteLine($"RSS at end: {Mb(Process.GetCurrentProcess().WorkingSet64):F0} MB, peak sampled every 100 ms: {Mb(peak):F0} MB; GC heap now {Mb(GC.GetTotalMemory(false)):F0} MB");

// One in-process evaluation per case, on side A only, one thread, over the first 100,000 cases held in memory: the
// unit the simulation's cost per case is measured against (goal: at most 2.6 evaluations' worth per case both sides).
var cases = new List<CaseloadCase>();
var schema = new CaseloadSchema(published.Compiled.Content.Facts);
await using (var stream = File.OpenRead(file))
    await foreach (var c in CaseloadReader.ReadAsync(stream, CaseloadFormat.Csv, schema, _ => { }))
        if (cases.Count < 100_000) cases.Add(c); else break;
foreach (var c in cases.Take(5000)) await CaseloadSimulator.EvaluateAsync(a, c, default); // warm
var threadCpu = ThreadCpu();
foreach (var c in cases) await CaseloadSimulator.EvaluateAsync(a, c, default);
var single = (ThreadCpu() - threadCpu) / cases.Count;
await using (var stream = File.OpenRead(file))
{
    var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
    var one = await CaseloadSimulator.RunAsync(new LimitedLines(stream, cases.Count), CaseloadFormat.Csv, rulesetId, a, b, new SimulationOptions { Workers = 1 });
    var perCase = (Process.GetCurrentProcess().TotalProcessorTime - cpu1).TotalSeconds / one.Cases;
    Console.WriteLine($"CPU per case: one evaluation in process {single * 1e6:F1} µs; the simulation with 1 worker (read, parse, bind, both sides, tally) {perCase * 1e6:F1} µs = {perCase / single:F2}x one evaluation");
}
Directory.Delete(folder, recursive: true);

/// <summary>This thread's CPU time in seconds (CLOCK_THREAD_CPUTIME_ID), so other load on the machine does not count.</summary>
static double ThreadCpu()
{
    if (Clock.Gettime(3, out var ts) != 0) throw new InvalidOperationException("clock_gettime failed");
    return ts.Seconds + ts.Nanoseconds / 1e9;
}

static class Clock
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    public struct Timespec { public long Seconds; public long Nanoseconds; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    public static extern int Gettime(int clock, out Timespec ts);
}

/// <summary>The first <c>lines</c> data rows of a CSV stream (and its header), for the single-worker comparison.</summary>
sealed class LimitedLines(Stream inner, int lines) : Stream
{
    private int _newlines = -1;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_newlines >= lines) return 0;
        var n = inner.Read(buffer, offset, count);
        for (var i = 0; i < n; i++)
            if (buffer[offset + i] == '\n' && ++_newlines >= lines) return i + 1;
        return n;
    }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
