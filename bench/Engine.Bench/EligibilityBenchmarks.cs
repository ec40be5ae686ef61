using BenchmarkDotNet.Attributes;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>The three ways to decide § 97 eligibility for one input granted at R97-11 (every row evaluated).</summary>
[Config(typeof(BenchConfig))]
public class EligibilityBenchmarks
{
    private CompiledVersion _cv = null!;
    private SatsCatalog _satser = null!;
    private LookupCatalog _lookups = null!;
    private Dictionary<string, object?> _facts = null!;
    private RawRulesEngine _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _satser = SatsCatalog.Empty;
        _lookups = Sel97.Lookups();
        _cv = VersionCompiler.Compile(Sel97.RulesetId, Sel97.Version(), _satser, _lookups);
        _facts = Sel97.GrantedFacts();
        _raw = new RawRulesEngine();
        // Refuse to time three implementations that do not agree on the timed input.
        Verification.CheckGranted(_cv, _raw, _satser, _lookups);
    }

    [Benchmark(Baseline = true, Description = "(a) engine: Bind + EvaluateAsync with explanation")]
    public async ValueTask<string?> Engine()
    {
        var bound = FactBinder.Bind(_cv.Facts, _facts);
        var result = await Evaluator.EvaluateAsync(_cv, Sel97.DecisionDate, bound, _satser, _lookups);
        return result.Outcome;
    }

    [Benchmark(Description = "(b) raw RulesEngine, typed input")]
    public async ValueTask<string> RawRulesEngine()
    {
        var input = Sel97Input.From(_facts, Sel97.DecisionDate).Derive(_lookups);
        return (await _raw.DecideAsync(input)).Outcome;
    }

    [Benchmark(Description = "(c) hand-written C#")]
    public string HandWrittenCSharp()
    {
        var input = Sel97Input.From(_facts, Sel97.DecisionDate).Derive(_lookups);
        return HandWritten.Decide(input).Outcome;
    }
}
