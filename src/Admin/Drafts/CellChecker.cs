using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>A problem in one cell: the message and the 0-based character where it starts.</summary>
public sealed record CellProblem(string Message, int Position);

/// <summary>
/// Checks one cell as the user types, with the engine's own parser and emitter against the names the version
/// declares (facts, derived values, contexts, other tables' outputs), and whether the cell makes decisions read each
/// other in a ring, so the message is the one publication would give.
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
            return Ring(table.Id);
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
            return Ring(table.Id);
        }
        catch (CellException ex) { return new CellProblem(ex.Message, ex.Position); }
    }

    /// <summary>
    /// A derived value's expression, against every name the version declares (derived values read each other in
    /// dependency order, whatever their place), and whether it makes decisions read each other in a ring.
    /// </summary>
    public CellProblem? CheckDerived(EditableDerived derived, string expression)
    {
        var scope = VersionCompiler.ScopeOf(_version.ToModel(), _satsKeys, _lookupKeys);
        try
        {
            new Emitter(scope, VersionCompiler.ParameterName).EmitValue(CellParser.ParseExpression(expression), derived.Type, null, $"'{derived.Name}'");
            return Ring(derived.Name.Trim());
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

    /// <summary>A ring of decisions the table or derived value is part of (it reads, through others, its own result); null when none.</summary>
    private CellProblem? Ring(string decision) =>
        VersionCompiler.Rings(_version.ToModel(), _satsKeys, _lookupKeys).FirstOrDefault(r => r.Decisions.Contains(decision)).Error is { } ring
            ? new CellProblem(ring.Message, 0)
            : null;

    /// <summary>The names visible to a table's cells, as the compiler declares them: every name of the version but the table's own outputs.</summary>
    private SymbolScope ScopeBefore(EditableTable table) =>
        VersionCompiler.ScopeOf(_version.ToModel(), _satsKeys, _lookupKeys, table.Id);
}
