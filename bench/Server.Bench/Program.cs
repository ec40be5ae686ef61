using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Receipts;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server;
using Serviceloven.Server.Evaluations;

// Where the CPU time and the allocations of one HTTP evaluation go, part by part, in process: the shipped rules
// imported into a fresh SQLite file and compiled as the server does, then each part timed by this thread's CPU
// clock in interleaved rounds (the machine is shared; waiting for a core is not counted).
// Usage: dotnet run -c Release --project bench/Server.Bench [-- --rounds 40 --ops 400] [--no-compile]
//        [--loop "(c) 6" --seconds 30]: only that part, in a loop, for dotnet-trace.

var rounds = ArgInt("--rounds", 40);
var ops = ArgInt("--ops", 400);
var root = typeof(Parts).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
    .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
var folder = Directory.CreateTempSubdirectory("sl-server-bench-").FullName;
try
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Store:DatabasePath"] = Path.Combine(folder, "bench.db"),
        ["Rules:Path"] = Path.Combine(root, "rules"),
    }).Build();
    var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
    services.AddRulesServer(configuration);
    await using var sp = services.BuildServiceProvider();
    // The start-up path of a fresh database: import, then the first snapshot (first compilation, with JIT); then the
    // same snapshot compiled again in the warm process, to tell JIT and warm-up from the compilation work itself.
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    ServerSetup.InitializeRules(sp, NullLogger.Instance);
    var initialize = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    var reloads = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        sp.GetRequiredService<SnapshotBuilder>().Reload();
        reloads.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    Console.WriteLine($"start-up: migrate + import rules/ + first snapshot {initialize.TotalMilliseconds:N0} ms; the snapshot again in the warm process (compiled versions come from its cache): {string.Join(", ", reloads.Select(r => $"{r:N0} ms"))}");
    // Every published version compiled once more, one after another, in the warm process: the compilation work itself.
    var current = sp.GetRequiredService<SnapshotHolder>().Current;
    var catalogs = current.CatalogsAsOf(null);
    var rows = sp.GetRequiredService<Serviceloven.Store.Versions.VersionRepository>().Published().ToList();
    for (var pass = 1; pass <= (args.Contains("--no-compile") ? 0 : 2); pass++)
    {
        var timings = new List<(string Id, double Ms)>();
        foreach (var row in rows)
        {
            var model = RulesJson.Deserialize<Serviceloven.Engine.Model.RulesetVersion>(row.ContentJson);
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            Serviceloven.Engine.Compilation.VersionCompiler.Compile(row.RulesetId, model, catalogs.Satser, catalogs.Lookups);
            timings.Add(($"{row.RulesetId} {row.ValidFrom:yyyy-MM-dd}", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
        Console.WriteLine($"compile pass {pass} (warm process, sequential): {rows.Count} versions in {timings.Sum(t => t.Ms):N0} ms; slowest: " +
            string.Join(", ", timings.OrderByDescending(t => t.Ms).Take(4).Select(t => $"{t.Id} {t.Ms:N0} ms")));
    }

    var parts = new Parts(sp, root);
    await parts.CheckAsync();
    var table = parts.All();
    if (ArgString("--loop") is { } loop)
    {
        // One part in a loop for a sampling profiler: dotnet-trace collect -p <pid> while it runs.
        var part = table.First(t => t.Name.StartsWith(loop, StringComparison.Ordinal));
        Console.WriteLine($"pid {Environment.ProcessId}: looping '{part.Name}' for {ArgInt("--seconds", 30)} s");
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + ArgInt("--seconds", 30) * System.Diagnostics.Stopwatch.Frequency;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until) await part.Run();
        return 0;
    }
    var samples = table.Select(_ => (Cpu: new List<double>(), Alloc: new List<double>())).ToArray();
    const int warmup = 8;
    for (var round = 0; round < warmup + rounds; round++)
        for (var p = 0; p < table.Length; p++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = ThreadCpu.Nanoseconds();
            for (var i = 0; i < ops; i++) await table[p].Run();
            var cpu = ThreadCpu.Nanoseconds() - start;
            if (round < warmup) continue;
            samples[p].Cpu.Add((double)cpu / ops);
            samples[p].Alloc.Add((double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / ops);
        }

    Console.WriteLine($"Thread CPU time and allocations per operation, medians of {rounds} interleaved rounds of {ops} operations (after {warmup} warm-up rounds).");
    Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}; .NET {Environment.Version}; {Environment.ProcessorCount} cores; GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    Console.WriteLine();
    Console.WriteLine("| part | CPU µs/op | allocated B/op |");
    Console.WriteLine("|---|---:|---:|");
    for (var p = 0; p < table.Length; p++)
        Console.WriteLine($"| {table[p].Name} | {Median(samples[p].Cpu) / 1000:F1} | {Median(samples[p].Alloc):N0} |");
    Console.WriteLine();
    Console.WriteLine(parts.Sizes());
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
return 0;

string? ArgString(string name) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : null;

int ArgInt(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

/// <summary>The parts of POST /api/v1/evaluations, rebuilt from the server's own services and options.</summary>
sealed class Parts
{
    private readonly EvaluationService _service;
    private readonly BegrundelseService _begrundelser;
    private readonly RulesSnapshot _snapshot;
    // The server's own JSON options (with whatever resolvers it configures), and plain reflection options to compare with.
    private readonly JsonSerializerOptions _json;
    private readonly JsonSerializerOptions _reflectionJson = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;
    private readonly byte[] _plainBody, _begrundelseBody, _amountBody, _batchBody;
    private readonly EvaluationRequest _plain, _withBegrundelse, _amount;
    private readonly BatchRequest _batch;
    private EvaluationResponse _plainResponse = null!, _begrundelseResponse = null!;
    private BatchResponse _batchResponse = null!;

    public Parts(IServiceProvider sp, string root)
    {
        _json = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        _service = sp.GetRequiredService<EvaluationService>();
        _begrundelser = sp.GetRequiredService<BegrundelseService>();
        _snapshot = sp.GetRequiredService<SnapshotHolder>().Current;
        var example = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "docs/examples/sel-97-bevilget.json")))!.AsObject();
        example["begrundelse"] = true;
        _begrundelseBody = JsonSerializer.SerializeToUtf8Bytes(example);
        example["begrundelse"] = false;
        _plainBody = JsonSerializer.SerializeToUtf8Bytes(example);
        var h4 = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "rules/sel-161/tests/cases.json")))!["cases"]!.AsArray()
            .Single(c => c!["id"]!.GetValue<string>() == "H4")!;
        _amountBody = JsonSerializer.SerializeToUtf8Bytes(new { ruleset = "sel-161", decisionDate = h4["decisionDate"], facts = h4["facts"] });
        _batchBody = JsonSerializer.SerializeToUtf8Bytes(new { evaluations = Enumerable.Repeat(example, 100) });
        _plain = Read<EvaluationRequest>(_plainBody);
        _withBegrundelse = Read<EvaluationRequest>(_begrundelseBody);
        _amount = Read<EvaluationRequest>(_amountBody);
        _batch = Read<BatchRequest>(_batchBody);
    }

    private T Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, _json)!;

    private async Task<EvaluationResponse> EvaluateAsync(EvaluationRequest request)
    {
        var outcome = await _service.EvaluateAsync(request, CancellationToken.None);
        return outcome.Response ?? throw new InvalidOperationException($"{request.Ruleset}: {outcome.Failure}");
    }

    public async Task CheckAsync()
    {
        _plainResponse = await EvaluateAsync(_plain);
        _begrundelseResponse = await EvaluateAsync(_withBegrundelse);
        var amount = await EvaluateAsync(_amount);
        if (_plainResponse.Outcome != "bevilget" || _begrundelseResponse.Begrundelse is not { Length: > 500 } || amount.Status != "determined")
            throw new InvalidOperationException("unexpected answers");
        var items = new List<BatchItem>();
        foreach (var r in _batch.Evaluations!) items.Add(new BatchItem(items.Count, 200, await EvaluateAsync(r), null));
        _batchResponse = new BatchResponse(items);
        // The server's options must write exactly what plain reflection writes.
        foreach (var (name, value) in new (string, object)[] { ("(b)", _plainResponse), ("(c)", _begrundelseResponse), ("(d)", _batchResponse) })
            if (!JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), _json).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), _reflectionJson)))
                throw new InvalidOperationException($"{name}: the server's JSON options write other bytes than reflection");
    }

    /// <summary>The engine alone on the shipped sel-97 version (what Engine.Bench measures on its smaller table).</summary>
    private (PublishedVersion Version, RulesetEntry Entry) Sel97()
    {
        var entry = _snapshot.Rulesets["sel-97"];
        var resolution = VersionResolver.ResolveIn("sel-97", entry.LatestTimeline, _plain.DecisionDate!.Value, null);
        return (resolution.Item!, entry);
    }

    public (string Name, Func<ValueTask> Run)[] All()
    {
        var (version, entry) = Sel97();
        var cv = version.Compiled;
        var catalogs = _snapshot.CatalogsAsOf(null);
        var (satser, lookups) = (catalogs.Satser, catalogs.Lookups);
        var date = _plain.DecisionDate!.Value;
        var bound = FactBinder.Bind(cv.Facts, _plain.Facts);
        var result = Evaluator.EvaluateAsync(cv, date, bound, satser, lookups).AsTask().GetAwaiter().GetResult();
        return
        [
            ("(b) 1 read the request JSON (EvaluationRequest, facts as JsonElement)", () => { Read<EvaluationRequest>(_plainBody); return ValueTask.CompletedTask; }),
            ("(b) 2 engine only: FactBinder.Bind + Evaluator.EvaluateAsync, shipped sel-97", async () => await Evaluator.EvaluateAsync(cv, date, FactBinder.Bind(cv.Facts, _plain.Facts), satser, lookups)),
            ("(b) 3 input hash of the receipt (ReceiptHashes.Input: canonical JSON + SHA-256)", () => { ReceiptHashes.Input("sel-97", date, bound); return ValueTask.CompletedTask; }),
            ("(b) 4 EvaluationService.EvaluateAsync (2 + 3 + version resolution, response records)", async () => await EvaluateAsync(_plain)),
            ("(b) 5 write the response JSON", () => { JsonSerializer.SerializeToUtf8Bytes(_plainResponse, _json); return ValueTask.CompletedTask; }),
            ("(c) 6 begrundelse alone: BegrundelseService.Render (Scriban, text)", () => { _begrundelser.Render(entry, version, result, date, _withBegrundelse.Notes, "text", null, CancellationToken.None); return ValueTask.CompletedTask; }),
            ("(c) 6a of 6: the template model alone (BegrundelseModel.Build)", () => { Serviceloven.Engine.Begrundelse.BegrundelseModel.Build(cv, entry.Definition, result, _withBegrundelse.Notes); return ValueTask.CompletedTask; }),
            ("(c) 6b of 6: a Scriban TemplateContext with its default builtins", () => { _ = new Scriban.TemplateContext(); return ValueTask.CompletedTask; }),
            ("(c) 7 EvaluationService.EvaluateAsync with begrundelse", async () => await EvaluateAsync(_withBegrundelse)),
            ("(c) 8 write the response JSON with begrundelse", () => { JsonSerializer.SerializeToUtf8Bytes(_begrundelseResponse, _json); return ValueTask.CompletedTask; }),
            ("(e) 9 sel-161 amount: read + EvaluationService.EvaluateAsync", async () => await EvaluateAsync(Read<EvaluationRequest>(_amountBody))),
            ("(d) 10 batch of 100: read the request JSON", () => { Read<BatchRequest>(_batchBody); return ValueTask.CompletedTask; }),
            ("(d) 11 batch of 100: write the response JSON", () => { JsonSerializer.SerializeToUtf8Bytes(_batchResponse, _json); return ValueTask.CompletedTask; }),
        ];
    }

    public string Sizes() =>
        $"sizes: (b) request {_plainBody.Length:N0} B, response {JsonSerializer.SerializeToUtf8Bytes(_plainResponse, _json).Length:N0} B " +
        $"({_plainResponse.Trace.Count} trace rows); (c) response {JsonSerializer.SerializeToUtf8Bytes(_begrundelseResponse, _json).Length:N0} B " +
        $"(begrundelse {_begrundelseResponse.Begrundelse!.Length:N0} chars); (d) request {_batchBody.Length:N0} B, response {JsonSerializer.SerializeToUtf8Bytes(_batchResponse, _json).Length:N0} B";
}

static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec ts);

    private const int ClockThreadCpuTime = 3;

    public static long Nanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var ts) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }
}
