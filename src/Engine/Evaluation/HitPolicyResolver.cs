using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Evaluation;

/// <summary>Evaluates the output cells of one row for the hit policies; a failure ends the evaluation naming table, row and column.</summary>
internal interface IRowOutputs
{
    object? OutputValue(CompiledTable table, CompiledValue value, string rowId, string column);
}

/// <summary>DMN hit policies over the rows RulesEngine matched.</summary>
internal static class HitPolicyResolver
{
    public sealed record Resolution(Dictionary<string, object?> Outputs, HashSet<int> Decisive, bool NoRuleMatched, bool UsedDefault);

    public static Resolution Resolve(CompiledTable table, List<int> matched, IRowOutputs evaluation)
    {
        var t = table.Table;
        if (matched.Count == 0)
        {
            if (t.Aggregation == Aggregation.Count)
                return new(new() { [t.Outputs[0].Name] = 0m }, [], true, false);
            if (table.Default is { } def)
                return new(Row(table, def, "(default)", evaluation), [], false, true);
            var empty = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var o in t.Outputs) empty[o.Name] = t.ReturnsList ? new List<object?>() : null;
            return new(empty, [], true, false);
        }

        switch (t.HitPolicy)
        {
            case HitPolicy.First:
                return Single(table, matched[0], evaluation);
            case HitPolicy.Unique:
                if (matched.Count > 1)
                    throw new Evaluator.EvaluationFailure(new EvaluationError("unique-violation",
                        $"Tabellen har hit policy UNIQUE, men flere rækker passer: {DanishFormat.List(matched.Select(i => table.Rows[i].Row.Id))}.", t.Id));
                return Single(table, matched[0], evaluation);
            case HitPolicy.Any:
            {
                var first = Outputs(table, matched[0], evaluation);
                foreach (var i in matched.Skip(1))
                {
                    var other = Outputs(table, i, evaluation);
                    if (!first.SequenceEqual(other))
                        throw new Evaluator.EvaluationFailure(new EvaluationError("any-violation",
                            $"Tabellen har hit policy ANY, men rækkerne {table.Rows[matched[0]].Row.Id} og {table.Rows[i].Row.Id} giver forskellige resultater.", t.Id));
                }
                return new(ToDictionary(t, first), [.. matched], false, false);
            }
            case HitPolicy.Priority:
            {
                var ranked = Rank(table, matched, evaluation);
                return new(ToDictionary(t, ranked[0].Values), [ranked[0].Index], false, false);
            }
            case HitPolicy.OutputOrder:
            {
                var ranked = Rank(table, matched, evaluation);
                return new(Lists(t, ranked.Select(r => r.Values).ToList()), [.. matched], false, false);
            }
            default: // RULE ORDER and COLLECT
            {
                var rows = matched.Select(i => Outputs(table, i, evaluation)).ToList();
                if (t.Aggregation is not { } agg)
                    return new(Lists(t, rows), [.. matched], false, false);
                var values = rows.Select(r => r[0]).ToList();
                object? result = agg switch
                {
                    Aggregation.Count => (decimal)values.Count,
                    Aggregation.Sum => values.OfType<decimal>().Sum(),
                    Aggregation.Min => values.OfType<decimal>().Min(),
                    _ => values.OfType<decimal>().Max(),
                };
                return new(new() { [t.Outputs[0].Name] = result }, [.. matched], false, false);
            }
        }
    }

    private static Resolution Single(CompiledTable table, int index, IRowOutputs evaluation) =>
        new(ToDictionary(table.Table, Outputs(table, index, evaluation)), [index], false, false);

    private static object?[] Outputs(CompiledTable table, int index, IRowOutputs evaluation)
    {
        var row = table.Rows[index];
        var values = new object?[row.Outputs.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = evaluation.OutputValue(table, row.Outputs[i], row.Row.Id, table.Table.Outputs[i].Name);
        return values;
    }

    private static Dictionary<string, object?> Row(CompiledTable table, CompiledValue[] cells, string rowId, IRowOutputs evaluation)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++)
            d[table.Table.Outputs[i].Name] = evaluation.OutputValue(table, cells[i], rowId, table.Table.Outputs[i].Name);
        return d;
    }

    private static Dictionary<string, object?> ToDictionary(DecisionTable t, object?[] values)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++) d[t.Outputs[i].Name] = values[i];
        return d;
    }

    private static Dictionary<string, object?> Lists(DecisionTable t, List<object?[]> rows)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < t.Outputs.Count; i++) d[t.Outputs[i].Name] = rows.Select(r => r[i]).ToList();
        return d;
    }

    /// <summary>Matched rows ordered by their outputs' declared value order (first declared = highest priority).</summary>
    private static List<(int Index, object?[] Values)> Rank(CompiledTable table, List<int> matched, IRowOutputs evaluation)
    {
        var rows = matched.Select(i => (Index: i, Values: Outputs(table, i, evaluation))).ToList();
        int Compare((int Index, object?[] Values) a, (int Index, object?[] Values) b)
        {
            for (var o = 0; o < table.OutputPriorities.Length; o++)
            {
                if (table.OutputPriorities[o] is not { } ranks) continue;
                var ra = a.Values[o] is { } va && ranks.TryGetValue(VersionCompiler.PriorityKey(va), out var x) ? x : int.MaxValue;
                var rb = b.Values[o] is { } vb && ranks.TryGetValue(VersionCompiler.PriorityKey(vb), out var y) ? y : int.MaxValue;
                if (ra != rb) return ra.CompareTo(rb);
            }
            return a.Index.CompareTo(b.Index);
        }
        rows.Sort(Compare);
        return rows;
    }
}
