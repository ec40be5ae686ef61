using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>A problem in one cell: the message and the 0-based character where it starts.</summary>
public sealed record CellProblem(string Message, int Position);

/// <summary>
/// Checks one cell as the user types, with the engine's own parser and emitter against the names the version
/// declares before that table (facts, derived values, earlier tables' outputs), so the message is the one
/// publication would give.
/// </summary>
public sealed class CellChecker
{
    private readonly EditableVersion _version;
    private readonly IReadOnlyCollection<string> _satsKeys;
    private readonly IReadOnlyCollection<string> _lookupKeys;

    public CellChecker(EditableVersion version, IReadOnlyCollection<string> satsKeys, IReadOnlyCollection<string> lookupKeys)
    {
        _version = version;
        _satsKeys = satsKeys;
        _lookupKeys = lookupKeys;
    }

    public CellProblem? CheckInput(EditableTable table, int column, string cell)
    {
        var scope = ScopeBefore(table);
        if (column < 0 || column >= table.Inputs.Count) return new CellProblem("Kolonnen findes ikke.", 0);
        if (!scope.TryGet(table.Inputs[column].Name, out var symbol))
            return new CellProblem($"Input '{table.Inputs[column].Name}' er hverken et faktum, en afledt værdi eller et resultat af en tidligere tabel.", 0);
        try
        {
            var test = CellParser.ParseInput(cell);
            if (test is not AnyTest) new Emitter(scope, VersionCompiler.ParameterName).EmitTest(test, symbol);
            return null;
        }
        catch (CellException ex) { return new CellProblem(ex.Message, ex.Position); }
    }

    public CellProblem? CheckOutput(EditableTable table, int column, string cell)
    {
        var scope = ScopeBefore(table);
        if (column < 0 || column >= table.Outputs.Count) return new CellProblem("Kolonnen findes ikke.", 0);
        var output = table.Outputs[column];
        try
        {
            new Emitter(scope, VersionCompiler.ParameterName).EmitValue(CellParser.ParseExpression(cell), output.Type,
                output.EnumValues, $"'{output.Name}'");
            return null;
        }
        catch (CellException ex) { return new CellProblem(ex.Message, ex.Position); }
    }

    /// <summary>A derived value's expression, against the facts and the derived values declared before it, as the compiler sees it.</summary>
    public CellProblem? CheckDerived(EditableDerived derived, string expression)
    {
        var scope = new SymbolScope(_satsKeys, _lookupKeys);
        scope.Add(new Symbol(VersionCompiler.DecisionDate, ValueKind.Date, "afgørelsesdato", null, false));
        foreach (var f in _version.Facts)
            if (!scope.Contains(f.Name)) scope.Add(new Symbol(f.Name, f.Type, f.Label, f.EnumValues, !f.Required));
        foreach (var d in _version.Derived)
        {
            if (ReferenceEquals(d, derived)) break;
            if (!scope.Contains(d.Name)) scope.Add(new Symbol(d.Name, d.Type, d.Label, null, false));
        }
        try
        {
            new Emitter(scope, VersionCompiler.ParameterName).EmitValue(CellParser.ParseExpression(expression), derived.Type, null, $"'{derived.Name}'");
            return null;
        }
        catch (CellException ex) { return new CellProblem(ex.Message, ex.Position); }
    }

    /// <summary>The Danish label of a fact, derived value or table output, for column headings; the name when it has none.</summary>
    public string LabelOf(string name) =>
        _version.LabelOf(name) ?? (name == VersionCompiler.DecisionDate ? "Afgørelsesdato" : name);

    /// <summary>The enum values (with labels) a cell of the column compares with or gives; null for other types.</summary>
    public IReadOnlyList<EnumValue>? ValuesOf(EditableTable table, int column, bool output)
    {
        if (output)
            return column >= 0 && column < table.Outputs.Count ? table.Outputs[column].ToModel().Values : null;
        if (column < 0 || column >= table.Inputs.Count) return null;
        var name = table.Inputs[column].Name;
        return _version.Facts.FirstOrDefault(f => f.Name == name && f.Type == ValueKind.Enum)?.ToModel().Values
            ?? _version.Tables.TakeWhile(t => !ReferenceEquals(t, table)).SelectMany(t => t.Outputs).LastOrDefault(o => o.Name == name)?.ToModel().Values;
    }

    /// <summary>Every cell of the version with a problem, for a summary and for refusing to save.</summary>
    public List<(EditableTable Table, EditableRow Row, string Column, CellProblem Problem)> AllProblems()
    {
        var list = new List<(EditableTable, EditableRow, string, CellProblem)>();
        foreach (var t in _version.Tables)
            foreach (var r in t.Rows)
            {
                for (var c = 0; c < r.When.Count && c < t.Inputs.Count; c++)
                    if (CheckInput(t, c, r.When[c]) is { } p) list.Add((t, r, t.Inputs[c].Label ?? t.Inputs[c].Name, p));
                for (var c = 0; c < r.Then.Count && c < t.Outputs.Count; c++)
                    if (CheckOutput(t, c, r.Then[c]) is { } p) list.Add((t, r, t.Outputs[c].Label ?? t.Outputs[c].Name, p));
            }
        return list;
    }

    /// <summary>The names visible to a table, in the order the compiler declares them.</summary>
    private SymbolScope ScopeBefore(EditableTable table)
    {
        var scope = new SymbolScope(_satsKeys, _lookupKeys);
        scope.Add(new Symbol(VersionCompiler.DecisionDate, ValueKind.Date, "afgørelsesdato", null, false));
        foreach (var f in _version.Facts)
            if (!scope.Contains(f.Name))
                scope.Add(new Symbol(f.Name, f.Type, f.Label, f.EnumValues, !f.Required));
        foreach (var d in _version.Derived)
            if (!scope.Contains(d.Name)) scope.Add(new Symbol(d.Name, d.Type, d.Label, null, false));
        foreach (var t in _version.Tables)
        {
            if (ReferenceEquals(t, table)) break;
            if (t.ReturnsList) continue;
            foreach (var o in t.Outputs)
                if (!scope.Contains(o.Name)) scope.Add(new Symbol(o.Name, o.Type, o.Label ?? o.Name, o.EnumValues, true));
        }
        return scope;
    }
}
