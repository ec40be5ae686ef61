using System.Diagnostics;
using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// "--peer": our side of bench/peers/compare.mjs, which times GoRules ZEN on the same § 97 table in the same run.
/// One command per line on stdin, one JSON line back on stdout, so the Node driver can interleave rounds of ZEN and
/// of our engine (load bursts on a shared machine then hit both alike):
///   cases                      the verification inputs (one per row) with our decision for each
///   eval {facts}               one evaluation of JSON facts the way the server does it (bind, refuse invalid, evaluate)
///   time seq|par N K clr|json  N evaluations of the granted input, one after another or K in flight;
///                              clr: facts as CLR values (Engine.Bench (a)), json: facts as JsonElements (the server's)
/// </summary>
public static class PeerHost
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync()
    {
        var satser = SatsCatalog.Empty;
        var lookups = Sel97.Lookups();
        var cv = VersionCompiler.Compile(Sel97.RulesetId, Sel97.Version(), satser, lookups);
        Verification.CheckGranted(cv, new RawRulesEngine(), satser, lookups);
        var clrFacts = Sel97.GrantedFacts();
        var jsonFacts = ToJson(clrFacts);

        ValueTask<EvaluationResult> EvaluateClr() => Evaluator.EvaluateAsync(cv, Sel97.DecisionDate, FactBinder.Bind(cv.Facts, clrFacts), satser, lookups);
        ValueTask<EvaluationResult> EvaluateJson() => Evaluator.EvaluateAsync(cv, Sel97.DecisionDate, FactBinder.Bind(cv.Facts, jsonFacts), satser, lookups);

        Console.WriteLine(JsonSerializer.Serialize(new { ready = true, engine = typeof(Evaluator).Assembly.GetName().Version?.ToString(3), dotnet = Environment.Version.ToString() }, Json));
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ', 2);
            object answer = parts[0] switch
            {
                "cases" => await CasesAsync(cv, satser, lookups),
                "eval" => await EvalAsync(cv, satser, lookups, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parts[1])!),
                "time" => await TimeAsync(parts[1].Split(' '), EvaluateClr, EvaluateJson),
                "quit" => new { bye = true },
                _ => new { error = "unknown command " + parts[0] },
            };
            Console.WriteLine(JsonSerializer.Serialize(answer, Json));
            if (parts[0] == "quit") break;
        }
        return 0;
    }

    private static Dictionary<string, JsonElement> ToJson(Dictionary<string, object?> facts) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(facts, Json))!;

    private static async Task<object> CasesAsync(CompiledVersion cv, SatsCatalog satser, LookupCatalog lookups)
    {
        var cases = new List<object>();
        foreach (var (expected, facts) in Verification.Cases())
        {
            var result = await Evaluator.EvaluateAsync(cv, Sel97.DecisionDate, FactBinder.Bind(cv.Facts, facts), satser, lookups);
            cases.Add(new
            {
                expected,
                facts = ToJson(facts),
                decisionDate = Sel97.DecisionDate,
                outcome = result.Outcome,
                hours = result.Outputs.GetValueOrDefault("hoursPerMonth"),
                rule = result.DecisiveRows.Count > 0 ? result.DecisiveRows[0].Rule : null,
                explained = result.Trace.Count(t => !t.Matched && t.Failed is not null),
            });
        }
        return cases;
    }

    /// <summary>As the server: invalid facts are refused (422), missing facts leave the result undetermined where they matter.</summary>
    private static async Task<object> EvalAsync(CompiledVersion cv, SatsCatalog satser, LookupCatalog lookups, Dictionary<string, JsonElement> facts)
    {
        var bound = FactBinder.Bind(cv.Facts, facts);
        if (!bound.IsValid) return new { status = "refused (422)", errors = bound.Errors.Select(e => $"{e.Fact}: {e.Message}") };
        var result = await Evaluator.EvaluateAsync(cv, Sel97.DecisionDate, bound, satser, lookups);
        return new
        {
            status = result.Status.ToString().ToLowerInvariant(),
            outcome = result.Outcome,
            rule = result.DecisiveRows.Count > 0 ? result.DecisiveRows[0].Rule : null,
            missingFacts = result.MissingFacts,
            error = result.Error?.ToString(),
        };
    }

    private static async Task<object> TimeAsync(string[] args, Func<ValueTask<EvaluationResult>> clr, Func<ValueTask<EvaluationResult>> json)
    {
        var mode = args[0];
        var n = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var inFlight = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var evaluate = args[3] == "json" ? json : clr;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var gcStart = GC.CollectionCount(0);
        var allocStart = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();
        string? outcome = null;
        if (mode == "seq")
        {
            for (var i = 0; i < n; i++) outcome = (await evaluate()).Outcome;
        }
        else
        {
            // K independent chains on the thread pool, each evaluating its share one after another.
            var workers = Enumerable.Range(0, inFlight).Select(k => Task.Run(async () =>
            {
                string? last = null;
                for (var i = k; i < n; i += inFlight) last = (await evaluate()).Outcome;
                return last;
            })).ToArray();
            outcome = (await Task.WhenAll(workers))[0];
        }
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new
        {
            n,
            wallNs = wall.TotalNanoseconds,
            cpuNs = (process.TotalProcessorTime - cpuStart).TotalNanoseconds,
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: false) - allocStart,
            gen0 = GC.CollectionCount(0) - gcStart,
            outcome,
        };
    }
}
