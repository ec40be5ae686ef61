using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

/// <summary>
/// One list fact as the evaluation holds it: its columns (declared fields, then item-derived values) and the context
/// properties an item's columns are written to while that item is looked at.
/// </summary>
public sealed record CompiledList(int Index, FactDefinition Fact, string[] Columns, ContextSlot[] Slots, int FieldCount, ContextSlot? HasSlot)
{
    public int Column(string field) => Array.IndexOf(Columns, field);
}

/// <summary>A list function compiled once: the condition's parts as delegates over the context, and which column it reads.</summary>
public sealed record CompiledAggregate(ListAggregate Meta, Func<object[], bool>[] Parts, int FieldColumn);

/// <summary>An item-derived value (<c>opsparing.bortfaldet</c>): its list, its column, and the delegate computing it per item.</summary>
public sealed record CompiledItemValue(int List, int Column, CompiledValue Value);

/// <summary>The list facts, list functions and item-derived values of a version; shared by all evaluations.</summary>
public sealed record CompiledLists(CompiledList[] Lists, CompiledAggregate[] Aggregates)
{
    public static readonly CompiledLists None = new([], []);
}

/// <summary>An item of a list made a rule fail; the message names the item as the API names it (opsparing[2]).</summary>
public sealed class ListItemException(string list, int index, Exception inner)
    : Exception($"{list}[{index}]: {inner.Message}", inner);

/// <summary>
/// The lists of one evaluation: each item's values (its fields and, once computed, its item-derived values), and for
/// the trace which items each list function counted the last time it ran. Never shared between threads.
/// </summary>
public sealed class ListState
{
    private static readonly object True = true, False = false;

    private readonly CompiledLists _compiled;
    private readonly object _context;
    private readonly object[] _args;
    private readonly object?[][][] _rows;
    private readonly sbyte[]?[] _outcomes;

    internal ListState(CompiledLists compiled, object context, object[] args)
    {
        _compiled = compiled;
        _context = context;
        _args = args;
        _rows = new object?[compiled.Lists.Length][][];
        for (var i = 0; i < _rows.Length; i++) _rows[i] = [];
        _outcomes = new sbyte[]?[compiled.Aggregates.Length];
    }

    /// <summary>The items of a list fact as given; a list not given has no items.</summary>
    internal void SetList(int list, ListValue? value)
    {
        var compiled = _compiled.Lists[list];
        compiled.HasSlot?.Set(_context, value is not null ? True : False);
        if (value is null) return;
        var rows = new object?[value.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new object?[compiled.Columns.Length];
            Array.Copy(value[i].Values, row, compiled.FieldCount);
            rows[i] = row;
        }
        _rows[list] = rows;
    }

    public IReadOnlyList<object?[]> Rows(int list) => _rows[list];

    /// <summary>Which part of the condition item i failed (-1: it counted), from the function's last run; null if it never ran.</summary>
    public sbyte[]? Outcome(int aggregate) => _outcomes[aggregate];

    /// <summary>Writes an item's columns up to (not including) <paramref name="columns"/> into the context.</summary>
    private void Look(CompiledList list, object?[] row, int columns)
    {
        for (var c = 0; c < columns; c++)
        {
            var value = row[c];
            var slot = list.Slots[c];
            if (value is not null) slot.Set(_context, value);
            slot.SetHas?.Invoke(_context, value is not null ? True : False);
        }
    }

    /// <summary>Computes an item-derived value for every item, in item order.</summary>
    internal void ComputeColumn(CompiledItemValue item)
    {
        var list = _compiled.Lists[item.List];
        var rows = _rows[item.List];
        for (var i = 0; i < rows.Length; i++)
        {
            Look(list, rows[i], item.Column);
            try { rows[i][item.Column] = item.Value.Evaluate(_args); }
            catch (Exception ex) { throw new ListItemException(list.Fact.Name, i, ex); }
        }
    }

    /// <summary>The items that meet the condition, as a fresh outcome array (also kept for the trace).</summary>
    private sbyte[] Select(CompiledAggregate aggregate, CompiledList list, object?[][] rows)
    {
        var outcome = new sbyte[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            outcome[i] = -1;
            if (aggregate.Parts.Length == 0) continue;
            Look(list, rows[i], list.Columns.Length);
            try
            {
                for (var p = 0; p < aggregate.Parts.Length; p++)
                {
                    if (aggregate.Parts[p](_args)) continue;
                    outcome[i] = (sbyte)p;
                    break;
                }
            }
            catch (Exception ex) { throw new ListItemException(list.Fact.Name, i, ex); }
        }
        _outcomes[aggregate.Meta.Index] = outcome;
        return outcome;
    }

    internal decimal Count(int index)
    {
        var (aggregate, list, rows) = Parts(index);
        var outcome = Select(aggregate, list, rows);
        var n = 0;
        foreach (var o in outcome) if (o < 0) n++;
        return n;
    }

    internal bool Any(int index)
    {
        var (aggregate, list, rows) = Parts(index);
        foreach (var o in Select(aggregate, list, rows)) if (o < 0) return true;
        return false;
    }

    internal bool All(int index)
    {
        var (aggregate, list, rows) = Parts(index);
        foreach (var o in Select(aggregate, list, rows)) if (o >= 0) return false;
        return true;
    }

    internal decimal Sum(int index)
    {
        var (aggregate, list, rows) = Parts(index);
        var outcome = Select(aggregate, list, rows);
        var sum = 0m;
        for (var i = 0; i < rows.Length; i++)
            if (outcome[i] < 0) sum += (decimal)Field(aggregate, list, rows, i);
        return sum;
    }

    /// <summary>The least (sign -1) or greatest (sign 1) value of the field over the counted items.</summary>
    internal T Extreme<T>(int index, int sign) where T : IComparable<T>
    {
        var (aggregate, list, rows) = Parts(index);
        var outcome = Select(aggregate, list, rows);
        T? best = default;
        var found = false;
        for (var i = 0; i < rows.Length; i++)
        {
            if (outcome[i] >= 0) continue;
            var value = (T)Field(aggregate, list, rows, i);
            if (!found || value.CompareTo(best!) * sign > 0) best = value;
            found = true;
        }
        return found ? best! : throw new EmptyListException(aggregate.Meta.Text);
    }

    private static object Field(CompiledAggregate aggregate, CompiledList list, object?[][] rows, int i) =>
        rows[i][aggregate.FieldColumn] ?? throw new MissingValueException($"{list.Fact.Name}[{i}].{list.Columns[aggregate.FieldColumn]}");

    private (CompiledAggregate, CompiledList, object?[][]) Parts(int index)
    {
        var aggregate = _compiled.Aggregates[index];
        var list = aggregate.Meta.List.ListIndex;
        return (aggregate, _compiled.Lists[list], _rows[list]);
    }
}

/// <summary>min or max over no items: there is no value to give.</summary>
public sealed class EmptyListException(string expression)
    : Exception($"{expression} har ingen værdi: ingen poster er med.");
