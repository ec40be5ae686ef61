using BenchmarkDotNet.Attributes;
using RulesEngine.Models;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// The parts of (a) timed on their own, each rebuilt from the engine's public pieces the way Evaluator uses them,
/// to say where the time of a full evaluation goes. Same input as EligibilityBenchmarks (granted at R97-11).
/// </summary>
[Config(typeof(BenchConfig))]
public class ComponentBenchmarks
{
    private CompiledVersion _cv = null!;
    private SatsCatalog _satser = null!;
    private LookupCatalog _lookups = null!;
    private Dictionary<string, object?> _facts = null!;
    private BoundFacts _bound = null!;
    private object _filled = null!;
    private object[] _args = null!;
    private RuleParameter _parameter = null!;
    private Dictionary<string, object?> _values = null!;
    private RulesEngine.RulesEngine _oneRule = null!;
    private RuleParameter _rawParameter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _satser = SatsCatalog.Empty;
        _lookups = Sel97.Lookups();
        _cv = VersionCompiler.Compile(Sel97.RulesetId, Sel97.Version(), _satser, _lookups);
        _facts = Sel97.GrantedFacts();
        _bound = FactBinder.Bind(_cv.Facts, _facts);
        _values = new Dictionary<string, object?>(StringComparer.Ordinal);
        _filled = Fill(_values);
        _args = [_filled];
        Derive(_filled, _values);
        _parameter = new RuleParameter(VersionCompiler.ParameterName, _filled);
        // RulesEngine's fixed cost per call, apart from the cost per rule: the same input, one rule.
        _oneRule = new RulesEngine.RulesEngine(
            [new Workflow { WorkflowName = "one", Rules = [new Rule { RuleName = "R", Expression = "x.Age >= 18", RuleExpressionType = RuleExpressionType.LambdaExpression }] }],
            VersionCompiler.CreateSettings());
        _rawParameter = new RuleParameter("x", Sel97Input.From(_facts, Sel97.DecisionDate).Derive(_lookups));
    }

    /// <summary>What Evaluator does before the derived values: a context with decisionDate, env and every fact.</summary>
    private object Fill(Dictionary<string, object?> values)
    {
        var ctx = _cv.Context.Create();
        _cv.EnvSlot.Set(ctx, new EvalEnv(Sel97.DecisionDate, _satser, _lookups));
        _cv.DecisionDateSlot.Set(ctx, Sel97.DecisionDate);
        values[VersionCompiler.DecisionDate] = Sel97.DecisionDate;
        var defs = _cv.Content.Facts;
        for (var i = 0; i < defs.Count; i++)
        {
            var def = defs[i];
            var present = _bound.Values.TryGetValue(def.Name, out var value);
            if (present)
            {
                values[def.Name] = value;
                _cv.FactSlots[i]!.Set(ctx, value);
                if (!def.Required) _cv.FactSlots[i]!.SetHas!(ctx, true);
            }
            else if (!def.Required) _cv.FactSlots[i]!.SetHas!(ctx, false);
        }
        return ctx;
    }

    private void Derive(object ctx, Dictionary<string, object?> values)
    {
        var args = new[] { ctx };
        for (var i = 0; i < _cv.Derived.Length; i++)
        {
            var v = _cv.Derived[i].Value.Evaluate(args);
            values[_cv.Derived[i].Definition.Name] = v;
            _cv.DerivedSlots[i]!.Set(ctx, v);
        }
    }

    [Benchmark(Description = "1 FactBinder.Bind (CLR values)")]
    public BoundFacts Bind() => FactBinder.Bind(_cv.Facts, _facts);

    [Benchmark(Description = "2 EvaluateAsync alone (facts bound in setup)")]
    public async ValueTask<string?> EvaluateOnly() =>
        (await Evaluator.EvaluateAsync(_cv, Sel97.DecisionDate, _bound, _satser, _lookups)).Outcome;

    [Benchmark(Description = "3 context: create, env, decisionDate, 12 facts")]
    public object ContextFill() => Fill(new Dictionary<string, object?>(_cv.ValueCount, StringComparer.Ordinal));

    [Benchmark(Description = "4 derived values (4 delegates incl. lookup)")]
    public object DerivedValues()
    {
        Derive(_filled, _values);
        return _filled;
    }

    [Benchmark(Description = "5 RulesEngine ExecuteAllRulesAsync (engine's workflow)")]
    public async ValueTask<int> RulesEngineExecute() =>
        (await _cv.Engine.ExecuteAllRulesAsync(_cv.Tables[0].WorkflowName, _parameter)).Count;

    [Benchmark(Description = "5b RulesEngine Execute, new RuleParameter per call")]
    public async ValueTask<int> RulesEngineExecuteNewParameter() =>
        (await _cv.Engine.ExecuteAllRulesAsync(_cv.Tables[0].WorkflowName, new RuleParameter(VersionCompiler.ParameterName, _filled))).Count;

    [Benchmark(Description = "5c RulesEngine Execute, typed input, workflow of 1 rule")]
    public async ValueTask<int> RulesEngineOneRule() =>
        (await _oneRule.ExecuteAllRulesAsync("one", _rawParameter)).Count;

    [Benchmark(Description = "6 failed-cell tests only (13 rows)")]
    public int FailedCellTests()
    {
        var n = 0;
        var table = _cv.Tables[0];
        foreach (var row in table.Rows)
            if (row.FirstFailing(_args) >= 0) n++;
        return n;
    }

    [Benchmark(Description = "7 failed-cell tests + trace strings (13 rows)")]
    public int FailedCellStrings()
    {
        var n = 0;
        var table = _cv.Tables[0];
        foreach (var row in table.Rows)
        {
            var index = row.FirstFailing(_args);
            if (index < 0) continue;
            var test = row.Tests[index];
            var actual = _values.GetValueOrDefault(table.Table.Inputs[test.InputIndex].Name);
            n += string.Concat(test.FailurePrefix, DanishFormat.Value(actual)).Length;
        }
        return n;
    }
}
