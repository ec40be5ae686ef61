using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Compilation;

/// <summary>
/// The names a version declares as it is compiled (decisionDate, facts, derived values, scalar outputs, in that
/// order), the context properties they become, and every error found on the way.
/// </summary>
internal sealed class Declarations
{
    public Declarations(SatsCatalog? satser, LookupCatalog? lookups) : this(satser?.Keys, lookups?.Keys)
    {
        Satser = satser;
    }

    /// <summary>Only the keys of the satser and lookup tables; null means "not checked here".</summary>
    public Declarations(IEnumerable<string>? satsKeys, IEnumerable<string>? lookupKeys)
    {
        Scope = new SymbolScope(satsKeys, lookupKeys);
        Properties = [(Emitter.EnvProperty, typeof(EvalEnv)), (VersionCompiler.DecisionDate, typeof(DateOnly))];
        Scope.Add(new Symbol(VersionCompiler.DecisionDate, ValueKind.Date, "afgørelsesdato", null, false));
    }

    public SymbolScope Scope { get; }
    /// <summary>The satser compiled against, for their labels in the trace; null when not checked here.</summary>
    public SatsCatalog? Satser { get; }
    public List<(string Name, Type Type)> Properties { get; }
    public List<CellError> Errors { get; } = [];
    /// <summary>The list facts in declared order; a list symbol's ListIndex is its place here.</summary>
    public List<Symbol> Lists { get; } = [];
    /// <summary>The list and record facts by name.</summary>
    public Dictionary<string, FactDefinition> Structured { get; } = new(StringComparer.Ordinal);

    /// <summary>Declares a name, or records why it cannot be declared (not a usable name, or already taken).</summary>
    public void Declare(string kind, string name, ValueKind type, string label, IReadOnlyList<string>? values, bool mayBeMissing, string table, string row)
    {
        if (!Usable(kind, name, table, row)) return;
        Scope.Add(new Symbol(name, type, label, values, mayBeMissing));
        AddProperty(name, type, mayBeMissing);
    }

    /// <summary>A list or record fact: its fields become properties "name.field" (one item's values while it is looked at).</summary>
    public void DeclareStructured(FactDefinition fact)
    {
        if (!Usable("et faktum", fact.Name, "(fakta)", fact.Name)) return;
        Structured[fact.Name] = fact;
        var fields = fact.Fields ?? [];
        if (fields.Count == 0)
            Errors.Add(new CellError("(fakta)", fact.Name, "fields", 0, $"Faktum '{fact.Name}' er en {fact.Type.Danish()}, men har ingen felter.", fact.Name));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (!VersionCompiler.IsUsableName(f.Name))
                Errors.Add(new CellError("(fakta)", fact.Name, f.Name, 0, $"'{f.Name}' kan ikke bruges som navn på et felt: brug camelCase med bogstaver og tal, og ikke et reserveret ord.", f.Name));
            else if (!names.Add(f.Name))
                Errors.Add(new CellError("(fakta)", fact.Name, f.Name, 0, $"Feltet '{f.Name}' er brugt mere end én gang i '{fact.Name}'.", f.Name));
            if (f.Type.IsStructured())
                Errors.Add(new CellError("(fakta)", fact.Name, f.Name, 0, $"Feltet '{f.Name}' er en {f.Type.Danish()}; felter i en liste eller post skal være enkle værdier.", f.Name));
            else if (f.Type == ValueKind.Enum && f.Values is not { Count: > 0 })
                Errors.Add(new CellError("(fakta)", fact.Name, f.Name, 0, $"Feltet '{f.Name}' er en valgmulighed, men har ingen tilladte værdier.", f.Name));
        }
        var usable = fields.Where(f => !f.Type.IsStructured() && VersionCompiler.IsUsableName(f.Name)).DistinctBy(f => f.Name).ToList();
        var owner = Scope.AddStructured(fact with { Fields = usable }, fact.Type == ValueKind.List ? Lists.Count : -1);
        if (fact.Type == ValueKind.List) Lists.Add(owner);
        if (!fact.Required) Properties.Add((Emitter.HasProperty(fact.Name), typeof(bool)));
        foreach (var field in owner.Fields!) AddProperty(field.Name, field.Kind, field.MayBeMissing);
    }

    /// <summary>An item-derived value "list.field": one more field of the list's items.</summary>
    public Symbol? DeclareItemValue(DerivedValue d)
    {
        var dot = d.Name.IndexOf('.');
        var (listName, field) = (d.Name[..dot], d.Name[(dot + 1)..]);
        if (!Scope.TryGet(listName, out var list) || list.Kind != ValueKind.List)
        {
            Errors.Add(new CellError("(afledte værdier)", d.Name, d.Name, 0, $"'{listName}' er ikke en liste; en afledt værdi med punktum i navnet beregnes for hver post i en liste.", d.Name));
            return null;
        }
        if (!VersionCompiler.IsUsableName(field) || d.Type.IsStructured())
        {
            Errors.Add(new CellError("(afledte værdier)", d.Name, d.Name, 0, $"'{field}' kan ikke bruges som navn på en afledt værdi for listens poster.", d.Name));
            return null;
        }
        if (Scope.Contains(d.Name))
        {
            Errors.Add(new CellError("(afledte værdier)", d.Name, d.Name, 0, $"Navnet '{d.Name}' er brugt mere end én gang.", d.Name));
            return null;
        }
        var symbol = Scope.AddField(list, field, d.Type, d.Label, null, false);
        AddProperty(symbol.Name, d.Type, false);
        return symbol;
    }

    /// <summary>
    /// A context decision: its name (a value when it has a result, else a record of its entries) and every entry as
    /// "context.entry" (nested: "context.entry.inner"). Entries of a context with a result are read only inside it.
    /// </summary>
    public void DeclareContext(ContextDecision c)
    {
        if (!Usable("en kontekst", c.Name, "(kontekster)", c.Name)) return;
        if (c.Entries.Count == 0)
            Errors.Add(new CellError("(kontekster)", c.Name, "", 0, $"Konteksten '{c.Name}' har ingen poster.", c.Name));
        var owner = Owner(c.Name, c.Label, c.Result, null);
        DeclareEntries(owner, c.Name, c.Entries);
    }

    private Symbol Owner(string name, string label, ContextResult? result, Symbol? parent)
    {
        Symbol owner;
        if (result is not null)
        {
            if (result.Type.IsStructured())
                Errors.Add(new CellError("(kontekster)", name, "result", 0, $"Resultatet af '{name}' skal være en enkelt værdi.", name));
            owner = new Symbol(name, result.Type.IsStructured() ? ValueKind.Decimal : result.Type, label, null, false) { Owner = parent };
            Scope.Add(owner);
            AddProperty(name, owner.Kind, false);
        }
        else
        {
            owner = new Symbol(name, ValueKind.Record, label, null, false) { Owner = parent, Fields = [] };
            Scope.Add(owner);
        }
        parent?.Fields?.Add(owner);
        return owner;
    }

    private void DeclareEntries(Symbol owner, string context, IReadOnlyList<ContextEntry> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var name = $"{owner.Name}.{e.Name}";
            if (!VersionCompiler.IsUsableName(e.Name) || !seen.Add(e.Name))
            {
                Errors.Add(new CellError("(kontekster)", context, e.Name, 0, seen.Contains(e.Name) && VersionCompiler.IsUsableName(e.Name)
                    ? $"Posten '{e.Name}' er brugt mere end én gang i '{owner.Name}'."
                    : $"'{e.Name}' kan ikke bruges som navn på en post: brug camelCase med bogstaver og tal, og ikke et reserveret ord.", e.Name));
                continue;
            }
            if (e.Entries is { } inner)
            {
                if (e.Expression is not null || e.Type is not null)
                    Errors.Add(new CellError("(kontekster)", context, e.Name, 0, $"Posten '{e.Name}' har både poster og et udtryk eller en type; en indlejret kontekst har poster og evt. et resultat.", e.Name));
                DeclareEntries(Owner(name, e.Label ?? e.Name, e.Result, owner), context, inner);
                continue;
            }
            if (e.Expression is null || e.Type is not { } type || type.IsStructured())
            {
                Errors.Add(new CellError("(kontekster)", context, e.Name, 0, $"Posten '{e.Name}' skal have et udtryk og en type (en enkelt værdi), eller egne poster.", e.Name));
                continue;
            }
            var symbol = new Symbol(name, type, e.Label ?? e.Name, null, false) { Owner = owner };
            Scope.Add(symbol);
            owner.Fields?.Add(symbol);
            AddProperty(name, type, false);
        }
    }

    private bool Usable(string kind, string name, string table, string row)
    {
        if (!VersionCompiler.IsUsableName(name))
        {
            Errors.Add(new CellError(table, row, name, 0, $"'{name}' kan ikke bruges som navn på {kind}: brug camelCase med bogstaver og tal, og ikke et reserveret ord.", name));
            return false;
        }
        if (Scope.Contains(name))
        {
            Errors.Add(new CellError(table, row, name, 0, $"Navnet '{name}' er brugt mere end én gang.", name));
            return false;
        }
        return true;
    }

    private void AddProperty(string name, ValueKind type, bool mayBeMissing)
    {
        Properties.Add((name, type.ClrType()));
        if (mayBeMissing) Properties.Add((Emitter.HasProperty(name), typeof(bool)));
    }
}
