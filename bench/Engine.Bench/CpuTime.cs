using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// "--cputime": the three eligibility variants timed by this thread's CPU time, in interleaved rounds. On a shared
/// machine other processes take the cores away in bursts; wall-clock time (BenchmarkDotNet) counts those waits, the
/// thread's CPU time does not. A cross-check for BenchmarkDotNet's numbers under load, not a replacement.
/// </summary>
public static class CpuTime
{
    public static async Task<int> RunAsync(int rounds = 60, int opsPerRound = 4000)
    {
        var satser = SatsCatalog.Empty;
        var lookups = Sel97.Lookups();
        var cv = VersionCompiler.Compile(Sel97.RulesetId, Sel97.Version(), satser, lookups);
        var facts = Sel97.GrantedFacts();
        var raw = new RawRulesEngine();
        Verification.CheckGranted(cv, raw, satser, lookups);

        var variants = new (string Name, Func<ValueTask<string?>> Run)[]
        {
            ("(a) engine: Bind + EvaluateAsync", async () =>
                (await Evaluator.EvaluateAsync(cv, Sel97.DecisionDate, FactBinder.Bind(cv.Facts, facts), satser, lookups)).Outcome),
            ("(b) raw RulesEngine", async () =>
                (await raw.DecideAsync(Sel97Input.From(facts, Sel97.DecisionDate).Derive(lookups))).Outcome),
            ("(c) hand-written C#", () =>
                ValueTask.FromResult<string?>(HandWritten.Decide(Sel97Input.From(facts, Sel97.DecisionDate).Derive(lookups)).Outcome)),
        };
        var samples = variants.Select(_ => new List<double>()).ToArray();
        // The first rounds are warm-up (tiered JIT), not recorded.
        const int warmupRounds = 10;
        for (var round = 0; round < warmupRounds + rounds; round++)
            for (var v = 0; v < variants.Length; v++)
            {
                var start = ThreadCpuClock.Nanoseconds();
                for (var i = 0; i < opsPerRound; i++) await variants[v].Run();
                var perOp = (double)(ThreadCpuClock.Nanoseconds() - start) / opsPerRound;
                if (round >= warmupRounds) samples[v].Add(perOp);
            }

        static double Median(List<double> xs)
        {
            var s = xs.Order().ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }
        Console.WriteLine($"Thread CPU time per operation, {rounds} interleaved rounds of {opsPerRound} operations each:");
        for (var v = 0; v < variants.Length; v++)
            Console.WriteLine($"  {variants[v].Name,-36} median {Median(samples[v]),9:F1} ns   min {samples[v].Min(),9:F1} ns");
        Console.WriteLine($"  a/b median {Median(samples[0]) / Median(samples[1]):F2}   a/c median {Median(samples[0]) / Median(samples[2]):F1}");
        Console.WriteLine($"  load average: {File.ReadAllText("/proc/loadavg").Trim()}; .NET {Environment.Version}; {Environment.ProcessorCount} cores");
        return 0;
    }
}
