using System.Globalization;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Compilation;

// The last step of compilation: the emitted code of a version without errors becomes delegates and workflows.
public static partial class VersionCompiler
{
    /// <summary>One workflow per table; values, defaults and each row's explanation compiled to delegates.</summary>
    private static CompiledVersion Build(string rulesetId, RulesetVersion version, Declarations names, Emitter emitter,
        List<(DerivedValue Definition, Emitted? Code)> derivedCode, List<TableCode> tableCode, List<FactConditions.Code> conditionCode)
    {
        var context = new ContextType(names.Properties);
        var compiler = new ValueCompiler(context);
        var derived = derivedCode
            .Select(x => new CompiledDerived(x.Definition, compiler.Value(x.Code!, x.Definition.Expression, x.Definition.Type, x.Definition.Name)))
            .ToArray();
        var hash = ContentHash.Of(version);
        var workflows = new List<Workflow>();
        var tables = new List<CompiledTable>();
        var wording = new CellWording(version, names.Scope, names.Satser);
        foreach (var tc in tableCode)
        {
            var workflow = Workflow($"{rulesetId}@{version.ValidFrom:yyyy-MM-dd}/{tc.Table.Id}", tc);
            workflows.Add(workflow);
            tables.Add(CompileTable(tc, workflow.WorkflowName, names.Scope, compiler, wording));
        }
        var conditions = conditionCode.Select(c => new CompiledCondition(c.FactIndex, c.Fact,
            compiler.Value(c.Emitted, c.Fact.RequiredWhen!, ValueKind.Bool, c.Fact.Name), c.Checkpoint, c.Reads)).ToArray();
        var engine = new RulesEngine.RulesEngine(workflows.ToArray(), compiler.Settings);
        return new CompiledVersion(rulesetId, version, hash, context, engine, derived, tables.ToArray(),
            emitter.UsedSats, emitter.UsedLookups, conditions);
    }

    /// <summary>A rule per row: the conjunction of its tests ("true" for a row of '-' only).</summary>
    private static Workflow Workflow(string name, TableCode tc) => new()
    {
        WorkflowName = name,
        Rules = tc.Rows.Select(r => new Rule
        {
            RuleName = r.Row.Id,
            Expression = r.Tests.Count == 0 ? "true" : Emitter.Balanced(r.Tests.Select(x => x.Code).ToList(), "&&"),
            RuleExpressionType = RuleExpressionType.LambdaExpression,
        }).ToList(),
    };

    /// <summary>A table's rows with their explanations, its default, input labels and the output priorities.</summary>
    private static CompiledTable CompileTable(TableCode tc, string workflowName, SymbolScope scope, ValueCompiler compiler, CellWording wording)
    {
        var t = tc.Table;
        var labels = t.Inputs.Select(i => i.Label ?? (scope.TryGet(i.Name, out var s) ? s.Label : i.Name)).ToArray();
        var inputs = t.Inputs.Select((i, n) => wording.Name(i.Name, labels[n])).ToArray();
        var rows = tc.Rows.Select(r => new CompiledRow(
            r.Row,
            r.Tests.Select(x => new CompiledTest(x.InputIndex, x.Text)
            {
                FailurePrefix = $"{CellWording.Start(labels[x.InputIndex])} {wording.Requirement(x.Test, inputs[x.InputIndex])}, var ",
                Input = inputs[x.InputIndex],
                Compared =
                [
                    .. x.Others.Where(n => n != t.Inputs[x.InputIndex].Name).Select(n => new ComparedValue(n, wording.Name(n), false)),
                    .. CellWording.SatsKeysIn(x.Test).Select(k => new ComparedValue(k, wording.Sats(k), true)),
                ],
            }).ToArray(),
            compiler.FirstFailing(r.Tests),
            r.Outputs.Select((o, i) => compiler.Value(o, r.Row.Then[i], t.Outputs[i].Type, t.Outputs[i].Name)).ToArray())).ToArray();
        var defaults = tc.Default?.Select((o, i) => compiler.Value(o, t.Default![i], t.Outputs[i].Type, t.Outputs[i].Name)).ToArray();
        var priorities = t.Outputs.Select(o => o.Values is { Count: > 0 } vs
            ? vs.Select((v, i) => (Key: PriorityKey(o.Type, v.Value), i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal)
            : null).ToArray();
        return new CompiledTable(t, workflowName, rows, defaults, labels, priorities, !t.ReturnsList);
    }

    /// <summary>Compiles emitted code over one version's context type.</summary>
    private sealed class ValueCompiler
    {
        private readonly RuleExpressionParser _parser;
        private readonly RuleExpressionParser _traceParser;
        private readonly RuleParameter[] _ruleParams;

        public ValueCompiler(ContextType context)
        {
            Settings = CreateSettings();
            _parser = new RuleExpressionParser(Settings);
            // The first-failing-cell delegates only explain rows RulesEngine already decided; compiling them with
            // FastExpressionCompiler halves start-up. Amounts (outputs, derived values) keep the default compiler, and the
            // evaluator refuses an explanation that disagrees with RulesEngine, so a compiler fault cannot pass silently.
            var traceSettings = CreateSettings();
            traceSettings.UseFastExpressionCompiler = true;
            _traceParser = new RuleExpressionParser(traceSettings);
            _ruleParams = [new RuleParameter(ParameterName, context.Create())];
        }

        public ReSettings Settings { get; }

        public CompiledValue Value(Emitted e, string text, ValueKind kind, string name) => e.IsConstant
            ? new CompiledValue(text, true, e.Constant, null)
            : new CompiledValue(text, false, null, kind == ValueKind.Int ? WholeNumber(Compile(e), name) : Compile(e));

        public Func<object[], int> FirstFailing(List<TestCode> tests) =>
            tests.Count == 0 ? NoFailure : _traceParser.Compile<int>(FirstFailingCode(tests), _ruleParams);

        private Func<object[], object?> Compile(Emitted e) => e.Type switch
        {
            ExprType.Number => Box(_parser.Compile<decimal>(e.Code, _ruleParams)),
            ExprType.Date => Box(_parser.Compile<DateOnly>(e.Code, _ruleParams)),
            ExprType.Bool => Box(_parser.Compile<bool>(e.Code, _ruleParams)),
            ExprType.String => _parser.Compile<string>(e.Code, _ruleParams),
            _ => _ => null,
        };
    }

    private static readonly Func<object[], int> NoFailure = _ => -1;

    /// <summary>
    /// iif(c0, iif(c1, -1, 1), 0): the index of the first cell that does not hold, in cell order. Each cell first
    /// records its index in the evaluation's EvalEnv, so a cell that throws can be named in the error.
    /// </summary>
    private static string FirstFailingCode(List<TestCode> tests)
    {
        var env = $"{ParameterName}.{Emitter.EnvProperty}";
        var code = "-1";
        for (var i = tests.Count - 1; i >= 0; i--) code = $"iif(Fn.Cell({env}, {i}) && {tests[i].Code}, {code}, {i})";
        return code;
    }

    private static Func<object[], object?> Box<T>(Func<object[], T> fn) => args => fn(args);

    /// <summary>An int value computed from an expression must be whole, as facts are and as the overlap check assumes.</summary>
    private static Func<object[], object?> WholeNumber(Func<object[], object?> fn, string name) => args =>
    {
        var value = fn(args);
        return value is decimal d && d != decimal.Truncate(d)
            ? throw new ArgumentException($"'{name}' skal være et heltal, men blev {d.ToString(CultureInfo.InvariantCulture)}.")
            : value;
    };

    /// <summary>Runs every workflow once so RulesEngine compiles its expressions now, not on the first request.</summary>
    private static void WarmUp(CompiledVersion cv)
    {
        var ctx = cv.Context.Create();
        cv.Context.Set(ctx, Emitter.EnvProperty, new EvalEnv(new DateOnly(2000, 1, 1), SatsCatalog.Empty, LookupCatalog.Empty));
        var rp = new RuleParameter(ParameterName, ctx);
        foreach (var t in cv.Tables)
        {
            try { cv.Engine.ExecuteAllRulesAsync(t.WorkflowName, rp).AsTask().GetAwaiter().GetResult(); }
            catch (Exception) { /* default values may make a rule throw (a missing sats); compilation has happened by then */ }
        }
    }
}
