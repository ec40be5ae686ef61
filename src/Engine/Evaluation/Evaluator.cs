using System.Reflection;
using RulesEngine.Exceptions;
using RulesEngine.Models;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Evaluation;

/// <summary>
/// Evaluates a compiled version for one set of facts: derived values, then each table through its RulesEngine
/// workflow, hit policy, and an explanation of every row. Reads nothing but the compiled version and the catalogs.
/// </summary>
public static class Evaluator
{
    public static async ValueTask<EvaluationResult> EvaluateAsync(
        CompiledVersion cv, DateOnly decisionDate, BoundFacts facts, SatsCatalog satser, LookupCatalog lookups,
        CancellationToken cancellationToken = default)
    {
        if (!facts.IsValid)
            return new EvaluationResult { Status = EvaluationStatus.InvalidInput, FactErrors = facts.Errors };
        if (facts.Missing.Count > 0 && cv.Conditions.Length == 0)
            return new EvaluationResult { Status = EvaluationStatus.Undetermined, MissingFacts = facts.Missing };

        var env = new EvalEnv(decisionDate, satser, lookups);
        var run = new Run(cv, env);
        run.Set(VersionCompiler.DecisionDate, cv.DecisionDateSlot, decisionDate, hasFlag: false);
        var defs = cv.Content.Facts;
        for (var i = 0; i < defs.Count; i++)
        {
            var def = defs[i];
            var present = facts.Values.TryGetValue(def.Name, out var value);
            if (cv.FactSlots[i] is { } slot)
            {
                if (present) run.Set(def.Name, slot, value, hasFlag: !def.Required);
                else if (!def.Required) slot.SetHas!(run.Context, Run.False);
            }
            else run.SetStructured(i, def, present ? value : null);
        }

        try
        {
            // Conditions that read only facts are checked first, so every fact missing on the path is named at once.
            if (run.MissingOnPath(cv.ConditionsAt[0], facts, facts.Missing.Count > 0 ? [.. facts.Missing] : null) is { } missingAtStart)
                return new EvaluationResult { Status = EvaluationStatus.Undetermined, MissingFacts = missingAtStart };

            for (var s = 0; s < cv.Order.Length; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = cv.Order[s];
                switch (step.Kind)
                {
                    case VersionCompiler.NodeKind.Derived:
                        EvaluateDerived(cv, env, run, step.Index);
                        break;
                    case VersionCompiler.NodeKind.Table:
                        await run.EvaluateTableAsync(cv.Tables[step.Index]);
                        break;
                    default:
                        run.AssembleContext(cv.Contexts[step.Index]);
                        break;
                }
                // A fact this path needs and the caller did not give: stop here rather than fail in a later cell.
                if (cv.ConditionsAt[s + 1].Length > 0 && run.MissingOnPath(cv.ConditionsAt[s + 1], facts, null) is { } missing)
                    return run.Undetermined(missing);
            }
        }
        catch (EvaluationFailure failure)
        {
            return new EvaluationResult
            {
                Status = EvaluationStatus.Error,
                Error = failure.Error,
                Trace = run.Trace,
                Tables = run.Tables,
                Decisions = run.Decisions,
                Values = run.Values,
                Satser = env.UsedSatser,
                SatsCatalog = env.Satser,
            };
        }

        run.ExtendLists();
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        var selected = cv.Content.Outputs is { Count: > 0 } names ? names : null;
        foreach (var t in run.Tables)
            foreach (var (name, value) in t.Outputs)
                if (selected is null || selected.Contains(name)) outputs[name] = value;
        foreach (var c in cv.Contexts)
            if (selected is null || selected.Contains(c.Definition.Name)) outputs[c.Definition.Name] = run.Values.GetValueOrDefault(c.Definition.Name);
        // A version may also return derived values by naming them among its outputs.
        if (selected is not null)
            foreach (var name in selected)
                if (!outputs.ContainsKey(name) && run.Values.TryGetValue(name, out var value)) outputs[name] = value;
        TableResult? outcomeTable = null;
        foreach (var t in run.Tables)
            if (t.Outputs.ContainsKey(cv.Content.Outcome)) { outcomeTable = t; break; }
        return new EvaluationResult
        {
            Status = EvaluationStatus.Determined,
            Outcome = run.Values.GetValueOrDefault(cv.Content.Outcome) as string,
            Outputs = outputs,
            Values = run.Values,
            Trace = run.Trace,
            Tables = run.Tables,
            Decisions = run.Decisions,
            DecisiveRows = run.Decisive,
            References = References(run.Decisive),
            Satser = env.UsedSatser,
            SatsCatalog = env.Satser,
            NoRuleMatched = outcomeTable?.NoRuleMatched ?? false,
        };
    }

    /// <summary>A derived value, an item-derived value (for every item) or a context's entry or result.</summary>
    private static void EvaluateDerived(CompiledVersion cv, EvalEnv env, Run run, int index)
    {
        var d = cv.Derived[index];
        if (d.Item is { } item)
        {
            try { env.ListState.ComputeColumn(item); }
            catch (Exception ex) { throw new EvaluationFailure(Describe(ex, Where(d), d.Definition.Name, d.Definition.Name)); }
            run.RecordItemValue(d);
            return;
        }
        object? value;
        try { value = d.Value.Evaluate(run.Args); }
        catch (Exception ex) { throw new EvaluationFailure(Describe(ex, Where(d), d.Context is null ? d.Definition.Name : d.Context, d.Definition.Name)); }
        run.Set(d.Definition.Name, cv.DerivedSlots[index]!, value, hasFlag: false);
        if (d.Context is null) run.RecordDerived(d, value);
    }

    private static string Where(CompiledDerived d) => d.Context is null ? "(afledte værdier)" : "(kontekster)";

    /// <summary>The decisive rows' references, each once, in order (a loop: this runs on every evaluation).</summary>
    private static List<string> References(List<RowTrace> decisive)
    {
        var refs = new List<string>(decisive.Count);
        foreach (var r in decisive)
            if (!string.IsNullOrEmpty(r.Ref) && !refs.Contains(r.Ref)) refs.Add(r.Ref);
        return refs;
    }

    /// <summary>Ends an evaluation with an error result; thrown by the evaluation and by the hit policies.</summary>
    internal sealed class EvaluationFailure(EvaluationError error) : Exception(error.Message)
    {
        public EvaluationError Error { get; } = error;
    }

    internal static EvaluationError Describe(Exception ex, string table, string? rule, string? column)
    {
        var outer = Unwrap(ex);
        // An item of a list failed: the kind is the cause's, the message names the item (opsparing[2]: ...).
        var inner = outer is ListItemException { InnerException: { } cause } ? Unwrap(cause) : outer;
        var kind = inner switch
        {
            SatsMissingException => "sats-missing",
            LookupMissingException => "lookup-missing",
            MissingValueException => "missing-value",
            EmptyListException => "empty-list",
            DivideByZeroException => "division-by-zero",
            OverflowException => "overflow",
            _ => "rule-error",
        };
        var message = inner switch
        {
            DivideByZeroException => "Division med nul.",
            OverflowException => "Tallet blev for stort.",
            _ => inner.Message,
        };
        if (outer is ListItemException && !ReferenceEquals(outer, inner))
            message = outer.Message[..(outer.Message.IndexOf(':') + 2)] + message;
        return new EvaluationError(kind, message, table, rule, column);
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is RuleException or TargetInvocationException or AggregateException && ex.InnerException is not null)
            ex = ex.InnerException;
        return ex;
    }

    /// <summary>The state of one evaluation.</summary>
    private sealed class Run(CompiledVersion cv, EvalEnv env) : IRowOutputs
    {
        public static readonly object True = true, False = false;

        public readonly object Context = cv.Context.Create();
        public readonly object[] Args = new object[1];
        public readonly Dictionary<string, object?> Values = new(cv.ValueCount, StringComparer.Ordinal);
        public readonly List<RowTrace> Trace = [];
        public readonly List<TableResult> Tables = [];
        public readonly List<RowTrace> Decisive = [];
        public readonly List<DecisionTrace> Decisions = new(cv.Derived.Length + cv.Tables.Length);
        private RuleParameter? _parameter;

        public void Set(string name, ContextSlot slot, object? value, bool hasFlag)
        {
            Start();
            Values[name] = value;
            if (value is not null) slot.Set(Context, value);
            if (hasFlag) slot.SetHas!(Context, value is not null ? True : False);
        }

        /// <summary>Binds the context, the environment and the lists once, before the first value is set.</summary>
        private void Start()
        {
            if (Args[0] is not null) return;
            Args[0] = Context;
            cv.EnvSlot.Set(Context, env);
            env.ListState = new ListState(cv.Lists, Context, Args);
            env.Functions = cv.Functions;
            _parameter = new RuleParameter(VersionCompiler.ParameterName, Context);
        }

        /// <summary>A record's fields or a list's items; a list or record not given has its _has flag false (a list then has no items).</summary>
        public void SetStructured(int fact, Model.FactDefinition def, object? value)
        {
            Start();
            Values[def.Name] = value;
            cv.StructuredHasSlots[fact]?.Set(Context, value is not null ? True : False);
            if (cv.FactListIndex[fact] is var list and >= 0)
            {
                env.ListState.SetList(list, value as ListValue);
                return;
            }
            if (value is not RecordValue record) return;
            var slots = cv.RecordSlots[fact]!;
            for (var i = 0; i < slots.Length; i++)
            {
                var v = record.Values[i];
                if (v is not null) slots[i].Set(Context, v);
                slots[i].SetHas?.Invoke(Context, v is not null ? True : False);
            }
        }

        public void RecordDerived(CompiledDerived d, object? value) =>
            Decisions.Add(new DecisionTrace(d.Definition.Name, "expression", d.Definition.Label, value,
                d.Aggregates.Length == 0 ? [] : ListTraces(d.Aggregates)));

        /// <summary>A context's value once its entries are known: its result, or the record of its entries.</summary>
        public void AssembleContext(CompiledContext context)
        {
            var name = context.Definition.Name;
            var value = context.Definition.Result is null ? Assemble(context.Shape) : Values.GetValueOrDefault(name);
            Values[name] = value;
            Decisions.Add(new DecisionTrace(name, "context", context.Definition.Label, value,
                context.Aggregates.Length == 0 ? [] : ListTraces(context.Aggregates)));
        }

        private object? Assemble(VersionCompiler.ContextShape shape)
        {
            if (shape.Entries is null) return Values.GetValueOrDefault(shape.Name);
            var keys = new string[shape.Entries.Count];
            var values = new object?[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = shape.Entries[i].Key;
                values[i] = Assemble(shape.Entries[i]);
            }
            var record = new RecordValue(keys, values);
            Values[shape.Name] = record;
            return record;
        }

        /// <summary>An item-derived value: one value per item, in item order.</summary>
        public void RecordItemValue(CompiledDerived d)
        {
            var item = d.Item!;
            var rows = env.ListState.Rows(item.List);
            var values = new List<object?>(rows.Count);
            foreach (var row in rows) values.Add(row[item.Column]);
            Values[d.Definition.Name] = values;
            Decisions.Add(new DecisionTrace(d.Definition.Name, "expression", d.Definition.Label, values,
                d.Aggregates.Length == 0 ? [] : ListTraces(d.Aggregates)));
        }

        /// <summary>A list with item-derived values is reported with them: its items then hold every column.</summary>
        public void ExtendLists()
        {
            foreach (var list in cv.Lists.Lists)
            {
                if (list.Columns.Length == list.FieldCount || Values.GetValueOrDefault(list.Fact.Name) is null) continue;
                var rows = env.ListState.Rows(list.Index);
                var items = new RecordValue[rows.Count];
                for (var i = 0; i < items.Length; i++) items[i] = new RecordValue(list.Columns, rows[i]);
                Values[list.Fact.Name] = new ListValue(items);
            }
        }

        /// <summary>For each list function of a decision, each item with whether it counted and why.</summary>
        private List<ListTrace> ListTraces(int[] aggregates)
        {
            var traces = new List<ListTrace>(aggregates.Length);
            foreach (var index in aggregates)
            {
                var aggregate = cv.Lists.Aggregates[index];
                if (env.ListState.Outcome(index) is not { } outcome) continue;
                var list = cv.Lists.Lists[aggregate.Meta.List.ListIndex];
                var rows = env.ListState.Rows(list.Index);
                var items = new List<ListItemTrace>(rows.Count);
                for (var i = 0; i < rows.Count; i++)
                    items.Add(new ListItemTrace(i, outcome[i] < 0, ListExplanation.Why(aggregate, list, rows[i], outcome[i], Values),
                        new RecordValue(list.Columns, rows[i])));
                traces.Add(new ListTrace(aggregate.Meta.Text, list.Fact.Name, list.Fact.Label, items));
            }
            return traces;
        }

        public async ValueTask EvaluateTableAsync(CompiledTable table)
        {
            List<RuleResultTree> results;
            try
            {
                results = await cv.Engine.ExecuteAllRulesAsync(table.WorkflowName, _parameter!);
            }
            catch (Exception ex)
            {
                throw new EvaluationFailure(Attribute(table, ex));
            }

            var matched = new List<int>(2);
            for (var i = 0; i < results.Count; i++)
                if (results[i].IsSuccess) matched.Add(i);

            var resolution = HitPolicyResolver.Resolve(table, matched, this);
            var decisiveSet = resolution.Decisive;
            var hitPolicy = HitPolicyName(table.Table);
            for (var i = 0; i < table.Rows.Length; i++)
            {
                var row = table.Rows[i];
                var isMatched = results[i].IsSuccess;
                var (failed, cell) = isMatched ? default : FirstFailure(table, row);
                var trace = new RowTrace(table.Table.Id, row.Row.Id, isMatched, failed,
                    row.Row.Ref, row.Row.Reason, decisiveSet.Contains(i)) { HitPolicy = hitPolicy, FailedCell = cell };
                Trace.Add(trace);
                if (trace.Decisive) Decisive.Add(trace);
            }

            foreach (var (name, value) in resolution.Outputs)
            {
                if (table.ExposesOutputs) Set(name, cv.Context.Slot(name), value, hasFlag: true);
                else Values[name] = value;
            }
            Tables.Add(new TableResult(
                table.Table.Id, table.Table.Label, hitPolicy,
                RowIds(table, matched),
                RowIds(table, decisiveSet),
                resolution.NoRuleMatched, resolution.UsedDefault, resolution.Outputs));
            Decisions.Add(new DecisionTrace(table.Table.Id, "table", table.Table.Label, resolution.Outputs, []));
        }

        private static List<string> RowIds(CompiledTable table, IReadOnlyCollection<int> indexes)
        {
            var ids = new List<string>(indexes.Count);
            foreach (var i in indexes) ids.Add(table.Rows[i].Row.Id);
            return ids;
        }

        public object? OutputValue(CompiledTable table, CompiledValue value, string rowId, string column)
        {
            try { return value.Evaluate(Args); }
            catch (Exception ex) { throw new EvaluationFailure(Describe(ex, table.Table.Id, rowId, column)); }
        }

        public static EvaluationFailure Conflict(EvaluationError error) => new(error);

        /// <summary>
        /// Checks the requiredWhen conditions due now and returns every fact missing so far (null when none). A condition
        /// that reads a fact already missing is not checked: the result is undetermined anyway. A condition that fails
        /// (it reads an optional value that was not given) is an error, unless something is missing, which comes first.
        /// </summary>
        public List<string>? MissingOnPath(CompiledCondition[] due, BoundFacts facts, List<string>? missing)
        {
            EvaluationError? failed = null;
            foreach (var c in due)
            {
                if (facts.Values.ContainsKey(c.Fact.Name) || (missing is not null && ReadsAny(c, missing))) continue;
                try
                {
                    if (c.Test.Evaluate(Args) is true) (missing ??= []).Add(c.Fact.Name);
                }
                catch (Exception ex)
                {
                    failed ??= Describe(ex, "(fakta)", c.Fact.Name, FactConditions.Column);
                }
            }
            if (missing is null && failed is not null) throw new EvaluationFailure(failed);
            return missing;
        }

        private static bool ReadsAny(CompiledCondition c, List<string> names)
        {
            foreach (var n in c.Reads)
                if (names.Contains(n)) return true;
            return false;
        }

        /// <summary>Stopped on the path for want of a fact: what was evaluated up to here is kept for the trace.</summary>
        public EvaluationResult Undetermined(List<string> missing) => new()
        {
            Status = EvaluationStatus.Undetermined,
            MissingFacts = missing,
            Trace = Trace,
            Tables = Tables,
            Decisions = Decisions,
            Values = Values,
            Satser = env.UsedSatser,
            SatsCatalog = env.Satser,
        };

        /// <summary>The first input cell of a row that does not hold, in Danish with the actual value, and as data.</summary>
        private (string? Text, FailedCell? Cell) FirstFailure(CompiledTable table, CompiledRow row)
        {
            int index;
            try { index = row.FirstFailing(Args); }
            catch (Exception ex) { throw new EvaluationFailure(Describe(ex, table.Table.Id, row.Row.Id, ThrowingColumn(table, row))); }
            if (index < 0)
                throw new EvaluationFailure(new EvaluationError("inconsistent-explanation",
                    "RulesEngine fandt, at rækken ikke passer, men ingen af dens celler fejler; forklaringen kan ikke gives.", table.Table.Id, row.Row.Id));
            var test = row.Tests[index];
            var input = table.Table.Inputs[test.InputIndex].Name;
            var actual = Values.GetValueOrDefault(input);
            var text = string.Concat(test.FailurePrefix, test.Input.Value(actual));
            foreach (var compared in test.Compared)
                text = string.Concat(text, ", ", compared.Wording.InlineLabel, " var ", compared.Wording.Value(compared.IsSats ? SatsValue(compared.Name) : Values.GetValueOrDefault(compared.Name)));
            return (text, new FailedCell(input, test.Text, actual));
        }

        /// <summary>The value a cell read of a sats (on the decision date unless the cell names another), as recorded when it was read.</summary>
        private decimal? SatsValue(string key)
        {
            foreach (var used in env.UsedSatser)
                if (used.Key == key && used.ValidFrom <= env.DecisionDate && (used.ValidTo is not { } to || env.DecisionDate <= to)) return used.Value;
            return null;
        }

        /// <summary>RulesEngine threw: find the row whose cells throw, for a precise error.</summary>
        private EvaluationError Attribute(CompiledTable table, Exception ex)
        {
            foreach (var row in table.Rows)
            {
                try { row.FirstFailing(Args); }
                catch (Exception cellEx) { return Describe(cellEx, table.Table.Id, row.Row.Id, ThrowingColumn(table, row)); }
            }
            return Describe(ex, table.Table.Id, null, null);
        }

        private string? ThrowingColumn(CompiledTable table, CompiledRow row) =>
            env.CurrentCell is var i && i >= 0 && i < row.Tests.Length ? table.Table.Inputs[row.Tests[i].InputIndex].Name : null;
    }

    // Constant names rather than ToString().ToUpperInvariant(): this runs for every table of every evaluation.
    private static string HitPolicyName(DecisionTable t)
    {
        var name = t.HitPolicy switch
        {
            HitPolicy.Unique => "UNIQUE",
            HitPolicy.First => "FIRST",
            HitPolicy.Priority => "PRIORITY",
            HitPolicy.Any => "ANY",
            HitPolicy.Collect => "COLLECT",
            HitPolicy.RuleOrder => "RULE ORDER",
            HitPolicy.OutputOrder => "OUTPUT ORDER",
            _ => t.HitPolicy.ToString().ToUpperInvariant(),
        };
        return t.Aggregation is { } a ? name + " " + a.ToString().ToUpperInvariant() : name;
    }
}
