using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>Where in the editor a problem belongs.</summary>
public enum ProblemPlace { Fact, Derived, Table, Input, Output, Default, Row, Cell, Outcome }

/// <summary>
/// One problem of a draft, at its place: <paramref name="Owner"/> is the fact, derived value or table; <paramref name="Item"/>
/// the input, output, row or column inside a table. Position is the 0-based character in an expression or cell, when known.
/// </summary>
public sealed record StructureProblem(ProblemPlace Place, string Owner, string Item, string Message, int? Position = null);

/// <summary>
/// The structure of a draft checked as it is edited: the compiler's own checks (without building anything), so the
/// message is the one publication gives, plus what the editor adds (a label, enum values). Each problem is filed by
/// place so the editor shows it where it is.
/// </summary>
public sealed class StructureCheck
{
    private readonly List<StructureProblem> _problems;

    private StructureCheck(List<StructureProblem> problems) => _problems = problems;

    public static StructureCheck Empty { get; } = new([]);

    public IReadOnlyList<StructureProblem> All => _problems;
    public int Count => _problems.Count;

    public IEnumerable<StructureProblem> At(ProblemPlace place, string owner, string? item = null) =>
        _problems.Where(p => p.Place == place && p.Owner == owner && (item is null || p.Item == item));

    public static StructureCheck Run(EditableVersion version, IEnumerable<string>? satsKeys, IEnumerable<string>? lookupKeys)
    {
        var model = version.ToModel();
        var problems = new List<StructureProblem>();
        foreach (var e in VersionCompiler.Check(model, satsKeys, lookupKeys))
            problems.Add(Place(e));
        foreach (var f in version.Facts)
        {
            if (string.IsNullOrWhiteSpace(f.Label)) problems.Add(new(ProblemPlace.Fact, f.Name.Trim(), "label", "Skriv faktummets betegnelse, som sagsbehandleren ser den."));
            if (f.Type == ValueKind.Enum) problems.AddRange(ValueProblems(f.Values, ProblemPlace.Fact, f.Name.Trim(), "values"));
        }
        foreach (var d in version.Derived)
            if (string.IsNullOrWhiteSpace(d.Label)) problems.Add(new(ProblemPlace.Derived, d.Name.Trim(), "label", "Skriv den afledte værdis betegnelse."));
        foreach (var t in version.Tables)
        {
            if (string.IsNullOrWhiteSpace(t.Id) || !char.IsAsciiLetter(t.Id.Trim()[0]) || t.Id.Trim().Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
                problems.Add(new(ProblemPlace.Table, t.Id.Trim(), "", "Et tabel-id begynder med et bogstav og har kun bogstaverne a-z, A-Z, tal, - og _."));
            foreach (var o in t.Outputs)
            {
                if (o.Type == ValueKind.Enum && o.Values is not { Count: > 0 })
                    problems.Add(new(ProblemPlace.Output, t.Id.Trim(), o.Name.Trim(), "Et output af typen valgmulighed skal have mindst én værdi."));
                if (o.Values is { } values) problems.AddRange(ValueProblems(values, ProblemPlace.Output, t.Id.Trim(), o.Name.Trim()));
            }
            foreach (var r in t.Rows.Where(r => string.IsNullOrWhiteSpace(r.Id)))
                problems.Add(new(ProblemPlace.Table, t.Id.Trim(), "", "En række mangler sit id (fx R97-01)."));
        }
        return new StructureCheck(problems);
    }

    private static IEnumerable<StructureProblem> ValueProblems(List<EditableEnumValue> values, ProblemPlace place, string owner, string item)
    {
        if (values.Any(v => string.IsNullOrWhiteSpace(v.Value)))
            yield return new(place, owner, item, "En værdi er tom; skriv dens kode eller slet den.");
        foreach (var dup in values.GroupBy(v => v.Value.Trim()).Where(g => g.Key.Length > 0 && g.Count() > 1))
            yield return new(place, owner, item, $"Værdien '{dup.Key}' står der mere end én gang.");
    }

    /// <summary>Files a compiler error by the place its table, row and column name (see VersionCompiler's CellError uses).</summary>
    private static StructureProblem Place(CellError e)
    {
        int? pos = e.Position;
        return e.Table switch
        {
            "(fakta)" => new(ProblemPlace.Fact, e.Row, e.Column, e.Message),
            "(afledte værdier)" => new(ProblemPlace.Derived, e.Row, e.Column, e.Message, pos),
            "(version)" => new(ProblemPlace.Outcome, "", e.Column, e.Message),
            _ => e.Row switch
            {
                "(input)" => new(ProblemPlace.Input, e.Table, e.Column, e.Message),
                "(output)" => e.Column.Length > 0 ? new(ProblemPlace.Output, e.Table, e.Column, e.Message) : new(ProblemPlace.Table, e.Table, "", e.Message),
                "(default)" => new(ProblemPlace.Default, e.Table, e.Column, e.Message, pos),
                "(rows)" or "(hitPolicy)" or "" => new(ProblemPlace.Table, e.Table, e.Row, e.Message),
                _ => e.Column.Length == 0
                    ? new(ProblemPlace.Row, e.Table, e.Row, e.Message)
                    : new(ProblemPlace.Cell, e.Table, e.Row + "/" + e.Column, e.Message, pos),
            },
        };
    }
}
