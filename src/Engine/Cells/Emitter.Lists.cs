using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Cells;

/// <summary>The functions over a list's items.</summary>
public enum ListFunction { Count, Sum, Min, Max, Any, All }

/// <summary>One part of a condition joined by <c>and</c>, as the trace names the part an item did not meet.</summary>
/// <param name="ItemFields">The item's fields it reads (name "list.field", label), shown with the item's values.</param>
/// <param name="OuterNames">The other names it reads (a fact, a derived value), shown with their values.</param>
public sealed record ConditionPart(string Text, string Code, IReadOnlyList<(string Name, string Label)> ItemFields, IReadOnlyList<(string Name, string Label)> OuterNames);

/// <summary>
/// A list function found in a cell, compiled once into delegates and evaluated in C# over the items (never per
/// request): the items are looked at one at a time through their fields' context properties, the condition and the
/// summed field are plain compiled expressions over the context.
/// </summary>
/// <param name="Index">Its number in the version; the emitted code passes it to Fn.</param>
/// <param name="Text">The whole call as written, for the trace.</param>
/// <param name="Parts">The condition's parts joined by <c>and</c>; none when every item counts.</param>
public sealed record ListAggregate(int Index, ListFunction Function, Symbol List, Symbol? Field,
    IReadOnlyList<ConditionPart> Parts, string Text, ExprType Type);

// count(opsparing hvor ...), sum(opsparing.timer hvor ...), min/max of a field, any/all with a condition.
public sealed partial class Emitter
{
    /// <summary>The list functions emitted so far, by index.</summary>
    public List<ListAggregate> Aggregates { get; } = [];

    /// <summary>Emits a list function; <paramref name="function"/> tells which, the call holds one argument.</summary>
    internal Emitted EmitListFunction(Call c, ListFunction function)
    {
        var name = c.Function;
        var (source, condition) = c.Args[0] is Where w ? (w.Source, w.Condition) : (c.Args[0], (Expr?)null);
        var needsField = function is ListFunction.Sum or ListFunction.Min or ListFunction.Max;
        if (condition is null && function is ListFunction.Any or ListFunction.All)
            throw new CellException($"{name}() skal have en betingelse: {name}(liste {CellParser.Where} betingelse).", c.Args[0].Pos);

        Symbol list;
        Symbol? field = null;
        if (needsField)
        {
            if (source is not Member m)
                throw new CellException($"{name}() skal have et felt i en liste, fx {name}(opsparing.timer).", source.Pos);
            field = Resolve(m);
            if (!field.IsItemField)
                throw new CellException($"'{field.Name}' er ikke et felt i en liste; {name}() regner over en listes poster.", m.Pos);
            list = field.Owner!;
            var type = TypeOf(field.Kind);
            if (function is ListFunction.Sum && type != ExprType.Number)
                throw new CellException($"sum() kræver et talfelt, men '{field.Name}' er {field.Kind.Danish()}.", m.Pos);
            if (type is not (ExprType.Number or ExprType.Date))
                throw new CellException($"{name}() kræver et felt med tal eller datoer, men '{field.Name}' er {field.Kind.Danish()}.", m.Pos);
        }
        else
        {
            list = source switch
            {
                Ident id => Resolve(id),
                Member m => Resolve(m),
                _ => throw new CellException($"{name}() skal have navnet på en liste.", source.Pos),
            };
            if (list.Kind != ValueKind.List)
                throw new CellException($"{name}() skal have en liste, men '{list.Name}' er {list.Kind.Danish()}.", source.Pos);
        }
        if (IsRoot(list))
            throw new CellException($"{name}() over '{list.Name}' kan ikke stå i en betingelse eller værdi for den samme listes poster.", c.Pos);
        UsedNames.Add(list.Name);
        if (field is not null) UsedNames.Add(field.Name);

        // The condition is compiled part by part (the parts of a top-level 'and'): an item counts when every part holds,
        // and the first part that does not hold is the reason the trace gives.
        var parts = new List<ConditionPart>();
        if (condition is not null)
            foreach (var part in Conjuncts(condition))
            {
                var (code, used) = Collecting(() => WithRoot(list, () =>
                {
                    var e = Emit(part);
                    Require(e, ExprType.Bool, part, $"Betingelsen efter '{CellParser.Where}'");
                    return e.Code;
                }));
                parts.Add(new ConditionPart(CellText.Print(part), code,
                    used.Where(s => s.Owner == list).Select(s => (s.Name, s.Label)).Distinct().ToList(),
                    used.Where(s => s.Owner != list && !s.Kind.IsStructured() && !s.IsItemField).Select(s => (s.Name, s.Label)).Distinct().ToList()));
            }

        var resultType = function switch
        {
            ListFunction.Count or ListFunction.Sum => ExprType.Number,
            ListFunction.Any or ListFunction.All => ExprType.Bool,
            _ => TypeOf(field!.Kind),
        };
        var aggregate = new ListAggregate(Aggregates.Count, function, list, field, parts, CellText.Print(c), resultType);
        Aggregates.Add(aggregate);
        var method = function switch
        {
            ListFunction.Count => "ListCount",
            ListFunction.Sum => "ListSum",
            ListFunction.Min => resultType == ExprType.Date ? "ListMinDate" : "ListMin",
            ListFunction.Max => resultType == ExprType.Date ? "ListMaxDate" : "ListMax",
            ListFunction.Any => "ListAny",
            _ => "ListAll",
        };
        return new(resultType, $"Fn.{method}({Prop(EnvProperty)}, {aggregate.Index})");
    }

    /// <summary>The parts of a condition joined by a top-level <c>and</c>, left to right.</summary>
    private static IEnumerable<Expr> Conjuncts(Expr e) => e is Binary { Op: "and" } b ? Conjuncts(b.Left).Concat(Conjuncts(b.Right)) : [e];

    /// <summary>A call's single argument names a list (with or without a field and a condition): the list form of min and max.</summary>
    internal bool IsListArgument(Expr arg) => arg switch
    {
        Where => true,
        Member m => TryResolvePath(m) is { IsItemField: true },
        _ => false,
    };

    private Symbol? TryResolvePath(Member m)
    {
        try { return WithoutCollecting(() => Resolve(m)); }
        catch (CellException) { return null; }
    }

    private T WithoutCollecting<T>(Func<T> f)
    {
        var outer = _collector;
        _collector = null;
        try { return f(); }
        finally { _collector = outer; }
    }
}
