using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Cells;

/// <summary>A name a cell may refer to: a fact, a derived value, an earlier table's output or decisionDate.</summary>
public sealed record Symbol(string Name, ValueKind Kind, string Label, IReadOnlyList<string>? EnumValues, bool MayBeMissing);

/// <summary>The names, satser and lookup tables visible to a cell.</summary>
public sealed class SymbolScope
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);

    public SymbolScope(IEnumerable<string>? satsKeys = null, IEnumerable<string>? lookupKeys = null)
    {
        SatsKeys = satsKeys is null ? null : new HashSet<string>(satsKeys, StringComparer.Ordinal);
        LookupKeys = lookupKeys is null ? null : new HashSet<string>(lookupKeys, StringComparer.Ordinal);
    }

    /// <summary>Known sats keys; null means "not checked here".</summary>
    public HashSet<string>? SatsKeys { get; }
    public HashSet<string>? LookupKeys { get; }

    public void Add(Symbol symbol) => _symbols[symbol.Name] = symbol;
    public bool TryGet(string name, out Symbol symbol) => _symbols.TryGetValue(name, out symbol!);
    public bool Contains(string name) => _symbols.ContainsKey(name);
    public IEnumerable<Symbol> All => _symbols.Values;
}
