using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

// The compiler's checks without building the RulesEngine instance: what an editor runs as the user types.
public static partial class VersionCompiler
{
    /// <summary>
    /// Every error <see cref="Compile"/> would report for <paramref name="version"/>, with the same messages and places,
    /// but without building anything: cheap enough to run after each change in an editor. Sats and lookup references
    /// are checked against the keys given (null: not checked).
    /// </summary>
    public static IReadOnlyList<CellError> Check(RulesetVersion version, IEnumerable<string>? satsKeys, IEnumerable<string>? lookupKeys)
    {
        var names = new Declarations(satsKeys, lookupKeys);
        DeclareFacts(version, names);
        var emitter = new Emitter(names.Scope, ParameterName);
        EmitDerived(version, names, emitter);
        EmitTables(version, names, emitter);
        FactConditions.Emit(version, names.Scope, emitter, names.Errors);
        CheckOutcome(version, names);
        return names.Errors;
    }
}
