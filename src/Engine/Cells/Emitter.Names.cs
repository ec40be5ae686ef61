using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Cells;

// Names and fields: how a name in a cell finds its symbol, with the fields of the item or context being looked at first.
public sealed partial class Emitter
{
    /// <summary>
    /// Lists and contexts whose fields are visible by their bare names, innermost last: inside <c>hvor</c> the items'
    /// fields, inside a context its entries.
    /// </summary>
    private readonly List<Symbol> _roots = [];

    /// <summary>Every symbol resolved while a collector is set (the names a condition reads, for the trace).</summary>
    private HashSet<Symbol>? _collector;

    /// <summary>Emits with the fields of <paramref name="root"/> visible by their bare names.</summary>
    internal T WithRoot<T>(Symbol root, Func<T> emit)
    {
        _roots.Add(root);
        try { return emit(); }
        finally { _roots.RemoveAt(_roots.Count - 1); }
    }

    internal bool IsRoot(Symbol symbol) => _roots.Contains(symbol);

    /// <summary>Runs <paramref name="emit"/> and returns, besides its result, every symbol it resolved.</summary>
    internal (T Result, HashSet<Symbol> Used) Collecting<T>(Func<T> emit)
    {
        var outer = _collector;
        var used = new HashSet<Symbol>();
        _collector = used;
        try { return (emit(), used); }
        finally
        {
            _collector = outer;
            if (outer is not null) outer.UnionWith(used);
        }
    }

    /// <summary>A bare name: a field of an enclosing item or context (innermost first), else a name of the version.</summary>
    internal Symbol Resolve(Ident id)
    {
        if (TryResolve(id.Name, out var symbol)) return Use(symbol);
        throw new CellException(Functions.Contains(id.Name)
            ? $"'{id.Name}' er en funktion og skal kaldes med parenteser."
            : $"Ukendt navn '{id.Name}': det er hverken et faktum, en afledt værdi eller et tidligere resultat.", id.Pos);
    }

    private bool TryResolve(string name, out Symbol symbol)
    {
        for (var i = _roots.Count - 1; i >= 0; i--)
            if (scope.TryGet($"{_roots[i].Name}.{name}", out symbol)) return true;
        return scope.TryGet(name, out symbol);
    }

    /// <summary><c>a.b.c</c>: each step must be a list or record that has the next name as a field.</summary>
    internal Symbol Resolve(Member m)
    {
        var target = m.Target switch
        {
            Ident id when TryResolve(id.Name, out var root) => root,
            Ident id => throw new CellException(
                $"Punktum efter '{id.Name}': kun lister og poster har felter, og '{id.Name}' er hverken et faktum, en afledt værdi eller et tidligere resultat.", m.DotPos),
            Member inner => Resolve(inner),
            _ => throw new CellException("Punktum kan kun stå efter navnet på en liste eller en post.", m.DotPos),
        };
        if (target.Fields is null)
            throw new CellException($"Punktum efter '{target.Name}': kun lister og poster har felter, og '{target.Name}' er {target.Kind.Danish()}.", m.DotPos);
        if (!scope.TryGet($"{target.Name}.{m.Name}", out var field))
            throw new CellException($"'{target.Name}' har intet felt '{m.Name}'. Felterne er {string.Join(", ", target.Fields.Select(f => f.FieldName))}.", m.Pos);
        return Use(field);
    }

    private Symbol Use(Symbol symbol)
    {
        _collector?.Add(symbol);
        return symbol;
    }

    /// <summary>The code reading one value: required or guarded by its _has flag; lists, records and loose item fields are refused.</summary>
    internal Emitted EmitSymbol(Symbol sym, int pos)
    {
        switch (sym.Kind)
        {
            case ValueKind.List:
                throw new CellException($"'{sym.Name}' er en liste; brug den i count, sum, min, max, any eller all, fx count({sym.Name}).", pos);
            case ValueKind.Record:
                throw new CellException($"'{sym.Name}' er en post; brug et af dens felter, fx {sym.Name}.{sym.Fields?.FirstOrDefault()?.FieldName ?? "felt"}.", pos);
        }
        if (sym.IsItemField && !IsRoot(sym.Owner!))
            throw new CellException(
                $"'{sym.Name}' er et felt i listens poster og har kun en værdi for én post ad gangen: brug det i count, sum, min, max, any eller all, fx sum({sym.Name}).", pos);
        UsedNames.Add(sym.Name);
        var code = sym.MayBeMissing
            ? $"Fn.Req({Prop(HasProperty(sym.Name))}, {Prop(sym.Name)}, {StringCode(sym.Name)})"
            : Prop(sym.Name);
        return new(TypeOf(sym.Kind), code);
    }
}
