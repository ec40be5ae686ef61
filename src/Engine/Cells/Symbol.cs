using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Cells;

/// <summary>
/// A name a cell may refer to: a fact, a derived value, an earlier table's output or decisionDate. A list or record
/// fact has <see cref="Fields"/>; a field is a symbol of its own, named <c>owner.field</c>, with <see cref="Owner"/> set.
/// </summary>
public sealed record Symbol(string Name, ValueKind Kind, string Label, IReadOnlyList<string>? EnumValues, bool MayBeMissing)
{
    /// <summary>The list or record this symbol is a field of.</summary>
    public Symbol? Owner { get; init; }

    /// <summary>The fields of a list's items or of a record, in declared order (item-derived values last).</summary>
    public List<Symbol>? Fields { get; init; }

    /// <summary>Which list of the version a list symbol is (its slot in the evaluation), -1 for anything else.</summary>
    public int ListIndex { get; init; } = -1;

    /// <summary>A field of a list's items: it has a value only while one item is looked at.</summary>
    public bool IsItemField => Owner is { Kind: ValueKind.List };

    /// <summary>The name of the field within its owner ("timer" for "opsparing.timer").</summary>
    public string FieldName => Owner is null ? Name : Name[(Owner.Name.Length + 1)..];
}

/// <summary>A function a cell may invoke: its number in the version, its parameters (single values or records) and result type.</summary>
public sealed record FunctionSignature(string Name, int Index, IReadOnlyList<Model.FactDefinition> Parameters, ValueKind Type, string Label);

/// <summary>The names, satser and lookup tables visible to a cell.</summary>
public sealed class SymbolScope
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);

    public SymbolScope(IEnumerable<string>? satsKeys = null, IEnumerable<string>? lookupKeys = null)
    {
        SatsKeys = satsKeys is null ? null : new HashSet<string>(satsKeys, StringComparer.Ordinal);
        LookupKeys = lookupKeys is null ? null : new HashSet<string>(lookupKeys, StringComparer.Ordinal);
    }

    /// <summary>The business knowledge models expressions may invoke, by name.</summary>
    public Dictionary<string, FunctionSignature> Functions { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Known sats keys; null means "not checked here".</summary>
    public HashSet<string>? SatsKeys { get; }
    public HashSet<string>? LookupKeys { get; }

    public void Add(Symbol symbol) => _symbols[symbol.Name] = symbol;
    public bool TryGet(string name, out Symbol symbol) => _symbols.TryGetValue(name, out symbol!);
    public bool Contains(string name) => _symbols.ContainsKey(name);
    public IEnumerable<Symbol> All => _symbols.Values;

    /// <summary>
    /// Declares a list or record fact with its fields (each field "owner.field"). An optional record makes every field
    /// possibly missing; a list's fields are read item by item, so only an optional field may be missing.
    /// </summary>
    public Symbol AddStructured(FactDefinition fact, int listIndex)
    {
        var owner = new Symbol(fact.Name, fact.Type, fact.Label, null, !fact.Required) { Fields = [], ListIndex = listIndex };
        Add(owner);
        foreach (var field in fact.Fields ?? [])
            AddField(owner, field.Name, field.Type, field.Label, field.Values?.Select(v => v.Value).ToList(),
                !field.Required || (fact.Type == ValueKind.Record && !fact.Required));
        return owner;
    }

    /// <summary>A field of a list or record: a declared field, or an item-derived value of a list.</summary>
    public Symbol AddField(Symbol owner, string field, ValueKind kind, string label, IReadOnlyList<string>? values, bool mayBeMissing)
    {
        var symbol = new Symbol($"{owner.Name}.{field}", kind, label, values, mayBeMissing) { Owner = owner };
        owner.Fields!.Add(symbol);
        Add(symbol);
        return symbol;
    }
}
