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
        "cast", "oftype", "decisiondate", "fn", "f", "math", "convert", "dateonly", "datetime", "string", CellParser.Where,
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

    private static void DeclareFacts(RulesetVersion version, Declarations names)
    {
        foreach (var f in version.Facts)
        {
            if (f.Type.IsStructured())
            {
                names.DeclareStructured(f);
                continue;
            }
            if (f.Type == ValueKind.Enum && f.Values is not { Count: > 0 })
                names.Errors.Add(new CellError("(fakta)", f.Name, "values", 0, $"Faktum '{f.Name}' er en valgmulighed, men har ingen tilladte værdier.", f.Name));
            if (f.Fields is { Count: > 0 })
                names.Errors.Add(new CellError("(fakta)", f.Name, "fields", 0, $"Faktum '{f.Name}' er {f.Type.Danish()} og kan ikke have felter; kun en liste eller en post har felter.", f.Name));
            names.Declare("et faktum", f.Name, f.Type, f.Label, f.Values?.Select(v => v.Value).ToList(), !f.Required, "(fakta)", f.Name);
        }
        CheckLegacyFacts(version, names);
    }

    /// <summary>Old names map onto a field of a list fact, and are not names of the version themselves.</summary>
    private static void CheckLegacyFacts(RulesetVersion version, Declarations names)
    {
        foreach (var l in version.LegacyFacts ?? [])
        {
            string? problem = null;
            if (names.Scope.Contains(l.Name)) problem = $"Det forældede navn '{l.Name}' er også et navn i versionen.";
            else if (version.Facts.FirstOrDefault(f => f.Name == l.List) is not { Type: ValueKind.List } list) problem = $"'{l.List}' er ikke en liste i versionen.";
            else if (list.Fields?.Any(f => f.Name == l.Field) != true) problem = $"Listen '{l.List}' har intet felt '{l.Field}'.";
            else if (l.Item < 1) problem = "Postnummeret skal være 1 eller mere.";
            else problem = CheckSet(l, list);
            if (problem is not null) names.Errors.Add(new CellError("(forældede navne)", l.Name, l.Field, 0, problem, l.Name));
        }
    }

    /// <summary>Fixed values name another field of the list, of type enum (one of its values) or text.</summary>
    private static string? CheckSet(LegacyFact l, FactDefinition list)
    {
        foreach (var (name, value) in l.Set ?? new Dictionary<string, string>())
        {
            var field = list.Fields!.FirstOrDefault(f => f.Name == name);
            if (field is null) return $"Listen '{l.List}' har intet felt '{name}'.";
            if (name == l.Field) return $"Feltet '{name}' er det felt, '{l.Name}' selv giver, og kan ikke også have en fast værdi.";
            if (field.Type == ValueKind.Enum && field.Values?.Any(v => v.Value == value) != true)
                return $"'{value}' er ikke en valgmulighed i feltet '{name}'.";
            if (field.Type is not (ValueKind.Enum or ValueKind.Text)) return $"Feltet '{name}' er {field.Type.Danish()}; kun en valgmulighed eller tekst kan have en fast værdi.";
        }
        return null;
    }

    /// <summary>
    /// The outcome names a text output of some table (or a text decision); an empty outcome means the version decides none
    /// (a DMN model deciding amounts or lists).
    /// </summary>
    private static void CheckOutcome(RulesetVersion version, Declarations names)
    {
        if (version.Outcome.Length == 0) return;
        if (!names.Scope.TryGet(version.Outcome, out var outcomeSymbol) || version.Facts.Any(f => f.Name == version.Outcome))
            names.Errors.Add(new CellError("(version)", "", "outcome", 0, $"Udfaldet '{version.Outcome}' er ikke et resultat af nogen tabel eller beslutning.", version.Outcome));
        else if (!outcomeSymbol.Kind.IsString())
            names.Errors.Add(new CellError("(version)", "", "outcome", 0, $"Udfaldet '{version.Outcome}' skal være en valgmulighed eller tekst.", version.Outcome));
    }
}
