using System.Globalization;
using System.Text.RegularExpressions;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Compilation;

/// <summary>A version whose cells or schema do not compile; every error found, not only the first.</summary>
public sealed class VersionCompilationException(IReadOnlyList<CellError> errors)
    : Exception("Versionen kan ikke oversættes:\n" + string.Join("\n", errors.Select(e => "- " + e)))
{
    public IReadOnlyList<CellError> Errors { get; } = errors;
}

/// <summary>Compiles a version's tables into one immutable Microsoft RulesEngine instance.</summary>
public static partial class VersionCompiler
{
    public const string ParameterName = "f";
    public const string DecisionDate = "decisionDate";

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>Names Dynamic LINQ or the cell language reserve; a fact cannot be called this.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "parent", "root", "new", "iif", "np", "is", "as", "true", "false", "null", "and", "or", "not", "in",
        "cast", "oftype", "decisiondate", "fn", "f", "math", "convert", "dateonly", "datetime", "string",
        "date", "min", "max", "round", "floor", "ceil", "abs", "if", "known", "sats", "satssum", "lookup",
    };

    /// <summary>True when <paramref name="name"/> can name a fact, derived value or output (camelCase, not reserved).</summary>
    public static bool IsUsableName(string name) => IdentifierPattern().IsMatch(name) && !Reserved.Contains(name);

    /// <summary>The key an output value ranks by under PRIORITY and OUTPUT ORDER; numbers by value, so 1.50 ranks as "1.5".</summary>
    internal static string PriorityKey(object? value) => value switch
    {
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value as string ?? "",
    };

    private static string PriorityKey(ValueKind kind, string declared) =>
        kind.IsNumeric() && decimal.TryParse(declared, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            ? PriorityKey(d)
            : declared;

    /// <summary>Settings from the research note, section 0: exceptions are errors, never "rule did not match".</summary>
    public static ReSettings CreateSettings() => new()
    {
        EnableExceptionAsErrorMessage = false,
        IgnoreException = false,
        UseFastExpressionCompiler = false,
        IsExpressionCaseSensitive = true,
        EnableScopedParams = false,
        AutoExecuteActions = false,
        CustomTypes = [typeof(Fn)],
    };

    public static CompiledVersion Compile(string rulesetId, RulesetVersion version, SatsCatalog? satser = null, LookupCatalog? lookups = null)
    {
        var errors = new List<CellError>();
        var scope = new SymbolScope(satser?.Keys, lookups?.Keys);
        var props = new List<(string, Type)> { (Emitter.EnvProperty, typeof(EvalEnv)), (DecisionDate, typeof(DateOnly)) };
        scope.Add(new Symbol(DecisionDate, ValueKind.Date, "afgørelsesdato", null, false));

        void Declare(string kind, string name, ValueKind type, string label, IReadOnlyList<string>? values, bool mayBeMissing, string table, string row)
        {
            if (!IdentifierPattern().IsMatch(name) || Reserved.Contains(name))
            {
                errors.Add(new CellError(table, row, name, 0, $"'{name}' kan ikke bruges som navn på {kind}: brug camelCase med bogstaver og tal, og ikke et reserveret ord.", name));
                return;
            }
            if (scope.Contains(name))
            {
                errors.Add(new CellError(table, row, name, 0, $"Navnet '{name}' er brugt mere end én gang.", name));
                return;
            }
            scope.Add(new Symbol(name, type, label, values, mayBeMissing));
            props.Add((name, type.ClrType()));
            if (mayBeMissing) props.Add((Emitter.HasProperty(name), typeof(bool)));
        }

        foreach (var f in version.Facts)
        {
            if (f.Type == ValueKind.Enum && f.Values is not { Count: > 0 })
                errors.Add(new CellError("(fakta)", f.Name, "values", 0, $"Faktum '{f.Name}' er en valgmulighed, men har ingen tilladte værdier.", f.Name));
            Declare("et faktum", f.Name, f.Type, f.Label, f.Values?.Select(v => v.Value).ToList(), !f.Required, "(fakta)", f.Name);
        }

        var emitter = new Emitter(scope, ParameterName);
        // Derived values are emitted in declared order, so each may use the ones before it.
        var derivedCode = new List<(DerivedValue, Emitted?)>();
        foreach (var d in version.Derived)
        {
            Emitted? e = null;
            try { e = emitter.EmitValue(CellParser.ParseExpression(d.Expression), d.Type, null, $"'{d.Name}'"); }
            catch (CellException ex) { errors.Add(new CellError("(afledte værdier)", d.Name, d.Name, ex.Position, ex.Message, d.Expression)); }
            derivedCode.Add((d, e));
            Declare("en afledt værdi", d.Name, d.Type, d.Label, null, false, "(afledte værdier)", d.Name);
        }

        var tableCode = new List<TableCode>();
        var tableIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in version.Tables)
        {
            if (!tableIds.Add(t.Id))
                errors.Add(new CellError(t.Id, "", "", 0, $"Tabel-id '{t.Id}' er brugt mere end én gang.", t.Id));
            tableCode.Add(EmitTable(t, scope, emitter, errors));
            // Later tables may read this table's outputs when they are single values.
            if (!t.ReturnsList)
                foreach (var o in t.Outputs)
                    Declare("et resultat", o.Name, o.Type, o.Label ?? o.Name, o.Values?.Select(v => v.Value).ToList(), true, t.Id, "(output)");
        }

        // Conditions on facts see the whole scope; each is checked as soon as the values it reads are known.
        var conditionCode = FactConditions.Emit(version, scope, emitter, errors);

        // An empty outcome means the version decides no outcome code (an imported DMN model deciding only amounts or lists).
        if (version.Outcome.Length > 0)
        {
            if (!scope.TryGet(version.Outcome, out var outcomeSymbol) || version.Facts.Any(f => f.Name == version.Outcome))
                errors.Add(new CellError("(version)", "", "outcome", 0, $"Udfaldet '{version.Outcome}' er ikke et resultat af nogen tabel.", version.Outcome));
            else if (!outcomeSymbol.Kind.IsString())
                errors.Add(new CellError("(version)", "", "outcome", 0, $"Udfaldet '{version.Outcome}' skal være en valgmulighed eller tekst.", version.Outcome));
        }

        if (errors.Count > 0) throw new VersionCompilationException(errors);

        var context = new ContextType(props);
        var settings = CreateSettings();
        var parser = new RuleExpressionParser(settings);
        // The first-failing-cell delegates only explain rows RulesEngine already decided; compiling them with
        // FastExpressionCompiler halves start-up. Amounts (outputs, derived values) keep the default compiler, and the
        // evaluator refuses an explanation that disagrees with RulesEngine, so a compiler fault cannot pass silently.
        var traceSettings = CreateSettings();
        traceSettings.UseFastExpressionCompiler = true;
        var traceParser = new RuleExpressionParser(traceSettings);
        var sample = context.Create();
        var ruleParams = new[] { new RuleParameter(ParameterName, sample) };

        CompiledValue Value(Emitted e, string text, ValueKind kind = ValueKind.Decimal, string name = "") => e.IsConstant
            ? new CompiledValue(text, true, e.Constant, null)
            : new CompiledValue(text, false, null, kind == ValueKind.Int
                ? WholeNumber(CompileValue(parser, e, ruleParams), name)
                : CompileValue(parser, e, ruleParams));

        var derived = derivedCode.Select(x => new CompiledDerived(x.Item1, Value(x.Item2!, x.Item1.Expression, x.Item1.Type, x.Item1.Name))).ToArray();
        var workflows = new List<Workflow>();
        var tables = new List<CompiledTable>();
        var hash = ContentHash.Of(version);
        foreach (var tc in tableCode)
        {
            var t = tc.Table;
            var wfName = $"{rulesetId}@{version.ValidFrom:yyyy-MM-dd}/{t.Id}";
            workflows.Add(new Workflow
            {
                WorkflowName = wfName,
                Rules = tc.Rows.Select(r => new Rule
                {
                    RuleName = r.Row.Id,
                    Expression = r.Tests.Count == 0 ? "true" : string.Join(" && ", r.Tests.Select(x => x.Code)),
                    RuleExpressionType = RuleExpressionType.LambdaExpression,
                }).ToList(),
            });
            var labels = t.Inputs.Select(i => i.Label ?? (scope.TryGet(i.Name, out var s) ? s.Label : i.Name)).ToArray();
            var rows = tc.Rows.Select(r => new CompiledRow(
                r.Row,
                r.Tests.Select(x => new CompiledTest(x.InputIndex, x.Text)
                {
                    FailurePrefix = $"{labels[x.InputIndex]} {x.Text}, {labels[x.InputIndex]} var ",
                    Compared = x.Others.Select(n => (n, scope.TryGet(n, out var sym) ? sym.Label : n)).ToArray(),
                }).ToArray(),
                r.Tests.Count == 0 ? NoFailure : traceParser.Compile<int>(FirstFailingCode(r.Tests), ruleParams),
                r.Outputs.Select((o, i) => Value(o, r.Row.Then[i], t.Outputs[i].Type, t.Outputs[i].Name)).ToArray())).ToArray();
            var defaults = tc.Default?.Select((o, i) => Value(o, t.Default![i], t.Outputs[i].Type, t.Outputs[i].Name)).ToArray();
            var priorities = t.Outputs.Select(o => o.Values is { Count: > 0 } vs
                ? vs.Select((v, i) => (Key: PriorityKey(o.Type, v.Value), i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal)
                : null).ToArray();
            tables.Add(new CompiledTable(t, wfName, rows, defaults, labels, priorities, !t.ReturnsList));
        }

        var conditions = conditionCode.Select(c => new CompiledCondition(c.FactIndex, c.Fact,
            Value(c.Emitted, c.Fact.RequiredWhen!, ValueKind.Bool), c.Checkpoint, c.Reads)).ToArray();
        var engine = new RulesEngine.RulesEngine(workflows.ToArray(), settings);
        var compiled = new CompiledVersion(rulesetId, version, hash, context, engine, derived, tables.ToArray(),
            emitter.UsedSats, emitter.UsedLookups, conditions);
        WarmUp(compiled);
        return compiled;
    }

    private static Func<object[], object?> CompileValue(RuleExpressionParser parser, Emitted e, RuleParameter[] ruleParams) => e.Type switch
    {
        ExprType.Number => Box(parser.Compile<decimal>(e.Code, ruleParams)),
        ExprType.Date => Box(parser.Compile<DateOnly>(e.Code, ruleParams)),
        ExprType.Bool => Box(parser.Compile<bool>(e.Code, ruleParams)),
        ExprType.String => parser.Compile<string>(e.Code, ruleParams),
        _ => _ => null,
    };

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

    private sealed record TestCode(int InputIndex, string Text, string Code, IReadOnlyList<string> Others);

    /// <summary>Names a test compares with (">= upperAgeLimitDate"), so the trace can show their values too.</summary>
    private static List<string> NamesIn(Test test)
    {
        var names = new List<string>();
        void Walk(Expr e)
        {
            switch (e)
            {
                case Ident id when !names.Contains(id.Name): names.Add(id.Name); break;
                case Unary u: Walk(u.Operand); break;
                case Binary b: Walk(b.Left); Walk(b.Right); break;
                case Call c: foreach (var a in c.Args) Walk(a); break;
            }
        }
        void Visit(Test t)
        {
            switch (t)
            {
                case CompareTest c: Walk(c.Value); break;
                case RangeTest r: Walk(r.Low); Walk(r.High); break;
                case AnyOfTest any: foreach (var x in any.Tests) Visit(x); break;
                case NotTest n: Visit(n.Inner); break;
            }
        }
        Visit(test);
        return names;
    }
    private sealed record RowCode(TableRow Row, List<TestCode> Tests, List<Emitted> Outputs);
    private sealed record TableCode(DecisionTable Table, List<RowCode> Rows, List<Emitted>? Default);

    private static TableCode EmitTable(DecisionTable t, SymbolScope scope, Emitter emitter, List<CellError> errors)
    {
        var inputs = new Symbol?[t.Inputs.Count];
        for (var i = 0; i < t.Inputs.Count; i++)
        {
            if (scope.TryGet(t.Inputs[i].Name, out var s)) inputs[i] = s;
            else errors.Add(new CellError(t.Id, "(input)", t.Inputs[i].Name, 0,
                $"Input '{t.Inputs[i].Name}' er hverken et faktum, en afledt værdi eller et resultat af en tidligere tabel.", t.Inputs[i].Name));
        }
        if (t.Outputs.Count == 0)
            errors.Add(new CellError(t.Id, "(output)", "", 0, "Tabellen har ingen outputs.", ""));
        // RulesEngine refuses a workflow without rules; say so here instead of failing outside the compile errors.
        if (t.Rows.Count == 0)
            errors.Add(new CellError(t.Id, "(rows)", "", 0, "Tabellen har ingen rækker.", ""));
        if (t.Aggregation is not null && t.HitPolicy != HitPolicy.Collect)
            errors.Add(new CellError(t.Id, "(hitPolicy)", "", 0, "Aggregering (SUM, MIN, MAX, COUNT) kræver hit policy COLLECT.", ""));
        if (t.Aggregation is not null && t.Outputs.Count != 1)
            errors.Add(new CellError(t.Id, "(hitPolicy)", "", 0, "Aggregering kræver præcis ét output.", ""));
        if (t.Aggregation is Aggregation.Sum or Aggregation.Min or Aggregation.Max && t.Outputs.Count == 1 && !t.Outputs[0].Type.IsNumeric())
            errors.Add(new CellError(t.Id, "(hitPolicy)", t.Outputs[0].Name, 0, "SUM, MIN og MAX kræver et talresultat.", ""));
        if (t.Aggregation is Aggregation.Count && t.Outputs.Count == 1 && !t.Outputs[0].Type.IsNumeric())
            errors.Add(new CellError(t.Id, "(hitPolicy)", t.Outputs[0].Name, 0, "COUNT giver et tal; outputtet skal være et tal.", ""));
        if (t.HitPolicy is HitPolicy.Priority or HitPolicy.OutputOrder && t.Outputs.All(o => o.Values is not { Count: > 0 }))
            errors.Add(new CellError(t.Id, "(hitPolicy)", "", 0, "PRIORITY og OUTPUT ORDER kræver at mindst ét output har en ordnet liste af værdier.", ""));

        var rows = new List<RowCode>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in t.Rows)
        {
            if (!ids.Add(row.Id))
                errors.Add(new CellError(t.Id, row.Id, "", 0, $"Række-id '{row.Id}' er brugt mere end én gang.", row.Id));
            if (row.When.Count != t.Inputs.Count || row.Then.Count != t.Outputs.Count)
            {
                errors.Add(new CellError(t.Id, row.Id, "", 0,
                    $"Rækken har {row.When.Count} input- og {row.Then.Count} outputceller, men tabellen har {t.Inputs.Count} inputs og {t.Outputs.Count} outputs.", ""));
                continue;
            }
            var tests = new List<TestCode>();
            for (var i = 0; i < row.When.Count; i++)
            {
                if (inputs[i] is not { } input) continue;
                try
                {
                    var test = CellParser.ParseInput(row.When[i]);
                    if (test is AnyTest) continue;
                    tests.Add(new TestCode(i, row.When[i], emitter.EmitTest(test, input), NamesIn(test)));
                }
                catch (CellException ex) { errors.Add(new CellError(t.Id, row.Id, t.Inputs[i].Name, ex.Position, ex.Message, row.When[i])); }
            }
            rows.Add(new RowCode(row, tests, EmitOutputs(t, row.Id, row.Then, emitter, errors)));
        }
        var defaults = t.Default is null ? null
            : t.Default.Count != t.Outputs.Count
                ? Fail(errors, new CellError(t.Id, "(default)", "", 0, "Standardresultatet skal have én celle pr. output.", ""))
                : EmitOutputs(t, "(default)", t.Default, emitter, errors);
        return new TableCode(t, rows, defaults);
    }

    private static List<Emitted>? Fail(List<CellError> errors, CellError error)
    {
        errors.Add(error);
        return null;
    }

    private static List<Emitted> EmitOutputs(DecisionTable t, string rowId, IReadOnlyList<string> cells, Emitter emitter, List<CellError> errors)
    {
        var result = new List<Emitted>();
        for (var i = 0; i < cells.Count; i++)
        {
            var output = t.Outputs[i];
            try
            {
                result.Add(emitter.EmitValue(CellParser.ParseExpression(cells[i]), output.Type,
                    output.Values?.Select(v => v.Value).ToList(), $"'{output.Name}'"));
            }
            catch (CellException ex)
            {
                errors.Add(new CellError(t.Id, rowId, output.Name, ex.Position, ex.Message, cells[i]));
                result.Add(new Emitted(ExprType.Null, "null", null, true));
            }
        }
        return result;
    }
}
