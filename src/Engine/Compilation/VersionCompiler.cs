using System.Globalization;
using System.Text.RegularExpressions;
using RulesEngine.Models;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Compilation;

/// <summary>A version whose cells or schema do not compile; every error found, not only the first.</summary>
public sealed class VersionCompilationException(IReadOnlyList<CellError> errors)
    : Exception("Versionen kan ikke oversættes:\n" + string.Join("\n", errors.Select(e => "- " + e)))
{
    public IReadOnlyList<CellError> Errors { get; } = errors;
}

/// <summary>Compiles a version's tables into one immutable Microsoft RulesEngine instance.</summary>
public static partial class VersionCompiler
{
    public const string ParameterName = "f";
    public const string DecisionDate = "decisionDate";

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>Names Dynamic LINQ or the cell language reserve, the cell functions among them; a fact cannot be called this.</summary>
    private static readonly HashSet<string> Reserved = new(
    [
        "it", "parent", "root", "new", "iif", "np", "is", "as", "true", "false", "null", "and", "or", "not", "in",
        "cast", "oftype", "decisiondate", "fn", "f", "math", "convert", "dateonly", "datetime", "string",
        .. CellFunctions.Names,
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="name"/> can name a fact, derived value or output (camelCase, not reserved).</summary>
    public static bool IsUsableName(string name) => IdentifierPattern().IsMatch(name) && !Reserved.Contains(name);

    /// <summary>The key an output value ranks by under PRIORITY and OUTPUT ORDER; numbers by value, so 1.50 ranks as "1.5".</summary>
    internal static string PriorityKey(object? value) => value switch
    {
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value as string ?? "",
    };

    private static string PriorityKey(ValueKind kind, string declared) =>
        kind.IsNumeric() && decimal.TryParse(declared, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            ? PriorityKey(d)
            : declared;

    /// <summary>Settings from the research note, section 0: exceptions are errors, never "rule did not match".</summary>
    public static ReSettings CreateSettings() => new()
    {
        EnableExceptionAsErrorMessage = false,
        IgnoreException = false,
        UseFastExpressionCompiler = false,
        IsExpressionCaseSensitive = true,
        EnableScopedParams = false,
        AutoExecuteActions = false,
        CustomTypes = [typeof(Fn)],
    };

    /// <summary>
    /// Declares the facts, emits the derived values and the tables in order (each may read the names before it), checks
    /// the outcome, and only when no error was found builds the RulesEngine instance and the explanation delegates.
    /// </summary>
    public static CompiledVersion Compile(string rulesetId, RulesetVersion version, SatsCatalog? satser = null, LookupCatalog? lookups = null)
    {
        var names = new Declarations(satser, lookups);
        DeclareFacts(version, names);
        var emitter = new Emitter(names.Scope, ParameterName);
        var derived = EmitDerived(version, names, emitter);
        var tables = EmitTables(version, names, emitter);
        // Conditions on facts see the whole scope; each is checked as soon as the values it reads are known.
        var conditions = FactConditions.Emit(version, names.Scope, emitter, names.Errors);
        CheckOutcome(version, names);
        if (names.Errors.Count > 0) throw new VersionCompilationException(names.Errors);
        var compiled = Build(rulesetId, version, names, emitter, derived, tables, conditions);
        WarmUp(compiled);
        return compiled;
    }

    private static void DeclareFacts(RulesetVersion version, Declarations names)
    {
        foreach (var f in version.Facts)
        {
            if (f.Type == ValueKind.Enum && f.Values is not { Count: > 0 })
                names.Errors.Add(new CellError("(fakta)", f.Name, "values", 0, $"Faktum '{f.Name}' er en valgmulighed, men har ingen tilladte værdier.", f.Name));
            names.Declare("et faktum", f.Name, f.Type, f.Label, f.Values?.Select(v => v.Value).ToList(), !f.Required, "(fakta)", f.Name);
        }
    }

    /// <summary>Derived values in declared order, so each may use the ones before it; null code where a value does not compile.</summary>
    private static List<(DerivedValue Definition, Emitted? Code)> EmitDerived(RulesetVersion version, Declarations names, Emitter emitter)
    {
        var derived = new List<(DerivedValue, Emitted?)>();
        foreach (var d in version.Derived)
        {
            Emitted? e = null;
            try { e = emitter.EmitValue(CellParser.ParseExpression(d.Expression, CellLimits.Expression), d.Type, null, $"'{d.Name}'"); }
            catch (CellException ex) { names.Errors.Add(new CellError("(afledte værdier)", d.Name, d.Name, ex.Position, ex.Message, d.Expression)); }
            derived.Add((d, e));
            names.Declare("en afledt værdi", d.Name, d.Type, d.Label, null, false, "(afledte værdier)", d.Name);
        }
        return derived;
    }

    /// <summary>Tables in declared order; a later table may read an earlier one's outputs when they are single values.</summary>
    private static List<TableCode> EmitTables(RulesetVersion version, Declarations names, Emitter emitter)
    {
        var tables = new List<TableCode>();
        var tableIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in version.Tables)
        {
            if (!tableIds.Add(t.Id))
                names.Errors.Add(new CellError(t.Id, "", "", 0, $"Tabel-id '{t.Id}' er brugt mere end én gang.", t.Id));
            tables.Add(EmitTable(t, names.Scope, emitter, names.Errors));
            if (!t.ReturnsList)
                foreach (var o in t.Outputs)
                    names.Declare("et resultat", o.Name, o.Type, o.Label ?? o.Name, o.Values?.Select(v => v.Value).ToList(), true, t.Id, "(output)");
        }
        return tables;
    }

    /// <summary>The outcome names a text output of some table; an empty outcome means the version decides none (a DMN model deciding amounts or lists).</summary>
    private static void CheckOutcome(RulesetVersion version, Declarations names)
    {
        if (version.Outcome.Length == 0) return;
        if (!names.Scope.TryGet(version.Outcome, out var outcomeSymbol) || version.Facts.Any(f => f.Name == version.Outcome))
            names.Errors.Add(new CellError("(version)", "", "outcome", 0, $"Udfaldet '{version.Outcome}' er ikke et resultat af nogen tabel.", version.Outcome));
        else if (!outcomeSymbol.Kind.IsString())
            names.Errors.Add(new CellError("(version)", "", "outcome", 0, $"Udfaldet '{version.Outcome}' skal være en valgmulighed eller tekst.", version.Outcome));
    }
}
