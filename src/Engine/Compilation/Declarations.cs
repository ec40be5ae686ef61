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

    /// <summary>Declares a name, or records why it cannot be declared (not a usable name, or already taken).</summary>
    public void Declare(string kind, string name, ValueKind type, string label, IReadOnlyList<string>? values, bool mayBeMissing, string table, string row)
    {
        if (!VersionCompiler.IsUsableName(name))
        {
            Errors.Add(new CellError(table, row, name, 0, $"'{name}' kan ikke bruges som navn på {kind}: brug camelCase med bogstaver og tal, og ikke et reserveret ord.", name));
            return;
        }
        if (Scope.Contains(name))
        {
            Errors.Add(new CellError(table, row, name, 0, $"Navnet '{name}' er brugt mere end én gang.", name));
            return;
        }
        Scope.Add(new Symbol(name, type, label, values, mayBeMissing));
        Properties.Add((name, type.ClrType()));
        if (mayBeMissing) Properties.Add((Emitter.HasProperty(name), typeof(bool)));
    }
}
