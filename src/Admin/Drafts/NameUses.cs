using System.Text.RegularExpressions;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>
/// Where a draft uses a name (a fact, derived value or output), an enum value or a table id: table inputs, cells,
/// defaults, derived expressions, the outcome, begrundelse templates and the test cases of the draft's period. Each use
/// is described in Danish so a refusal can say where to look. Renaming rewrites the uses it can rewrite safely.
/// </summary>
public sealed partial class NameUses(DraftDocument doc, DateOnly? periodEnd)
{
    private EditableVersion V => doc.Version;

    /// <summary>The last day the draft decides: its own validTo, or the day before the next published version.</summary>
    public DateOnly? PeriodEnd => V.ValidTo ?? periodEnd;

    /// <summary>True for a test case the draft decides (its decision date is in the draft's period); only those follow a rename.</summary>
    public bool InPeriod(TestCase c) => c.DecisionDate >= V.ValidFrom && (PeriodEnd is not { } end || c.DecisionDate <= end);

    /// <summary>Every use of <paramref name="name"/> outside its own declaration (and outside <paramref name="except"/>'s column, if given).</summary>
    public List<string> Of(string name, EditableTable? exceptTable = null, EditableOutput? exceptOutput = null)
    {
        var uses = new List<string>();
        foreach (var f in V.Facts)
            if (f.RequiredWhen is { } when && CellText.UsesName(when, name)) uses.Add($"betingelsen for, hvornår faktummet {Quoted(f.Label, f.Name)} er påkrævet");
        foreach (var d in V.Derived)
            if (CellText.UsesName(d.Expression, name)) uses.Add($"den afledte værdi {Quoted(d.Label, d.Name)}");
        foreach (var t in V.Tables)
        {
            for (var i = 0; i < t.Inputs.Count; i++)
                if (t.Inputs[i].Name == name) uses.Add($"{TableName(t)}, input-kolonne {i + 1}");
            foreach (var r in t.Rows)
            {
                for (var c = 0; c < r.When.Count && c < t.Inputs.Count; c++)
                    if (CellText.UsesName(r.When[c], name)) uses.Add($"{TableName(t)}, række {r.Id}, kolonne {ColumnName(t.Inputs[c].Name)}");
                for (var c = 0; c < r.Then.Count && c < t.Outputs.Count; c++)
                    if (!(ReferenceEquals(t, exceptTable) && ReferenceEquals(t.Outputs[c], exceptOutput)) && CellText.UsesName(r.Then[c], name))
                        uses.Add($"{TableName(t)}, række {r.Id}, kolonne {ColumnName(t.Outputs[c].Name)}");
            }
            if (t.Default is { } def)
                for (var c = 0; c < def.Count && c < t.Outputs.Count; c++)
                    if (CellText.UsesName(def[c], name)) uses.Add($"{TableName(t)}, standardresultatet for {ColumnName(t.Outputs[c].Name)}");
        }
        if (V.Outcome == name) uses.Add("udfaldet (fanen Gyldighed og udfald)");
        uses.AddRange(TemplateUses(name, includeRewritable: true));
        foreach (var (file, c) in doc.Cases().Where(x => InPeriod(x.Case)))
        {
            if (c.Expect.Outputs?.ContainsKey(name) == true) uses.Add($"testcase {c.Id} ({file}), forventet resultat");
            if (c.Expect.MissingFacts?.Contains(name) == true) uses.Add($"testcase {c.Id} ({file}), forventede manglende fakta");
        }
        return uses;
    }

    /// <summary>Where a table id is named: only templates can (decisiveRows' table).</summary>
    public List<string> OfTable(string id) => TemplateUses(id, includeRewritable: false);

    /// <summary>Uses of an enum value of the fact or output <paramref name="owner"/>: cells of its columns and expressions that compare it.</summary>
    public List<string> OfValue(string owner, string value, EditableTable? outputTable)
    {
        var uses = new List<string>();
        foreach (var f in V.Facts)
            if (f.RequiredWhen is { } when && CellText.UsesName(when, owner) && CellText.UsesText(when, value))
                uses.Add($"betingelsen for, hvornår faktummet {Quoted(f.Label, f.Name)} er påkrævet");
        foreach (var d in V.Derived)
            if (CellText.UsesName(d.Expression, owner) && CellText.UsesText(d.Expression, value)) uses.Add($"den afledte værdi {Quoted(d.Label, d.Name)}");
        foreach (var t in V.Tables)
        {
            foreach (var r in t.Rows)
            {
                for (var c = 0; c < r.When.Count && c < t.Inputs.Count; c++)
                    if ((t.Inputs[c].Name == owner || CellText.UsesName(r.When[c], owner)) && CellText.UsesText(r.When[c], value))
                        uses.Add($"{TableName(t)}, række {r.Id}, kolonne {ColumnName(t.Inputs[c].Name)}");
                for (var c = 0; c < r.Then.Count && c < t.Outputs.Count; c++)
                    if ((ReferenceEquals(t, outputTable) && t.Outputs[c].Name == owner || CellText.UsesName(r.Then[c], owner)) && CellText.UsesText(r.Then[c], value))
                        uses.Add($"{TableName(t)}, række {r.Id}, kolonne {ColumnName(t.Outputs[c].Name)}");
            }
            if (ReferenceEquals(t, outputTable) && t.Default is { } def)
                for (var c = 0; c < def.Count && c < t.Outputs.Count; c++)
                    if (t.Outputs[c].Name == owner && CellText.UsesText(def[c], value)) uses.Add($"{TableName(t)}, standardresultatet");
        }
        foreach (var (file, c) in doc.Cases().Where(x => InPeriod(x.Case)))
        {
            if (c.Facts.TryGetValue(owner, out var f) && f.ValueKind == System.Text.Json.JsonValueKind.String && f.GetString() == value)
                uses.Add($"testcase {c.Id} ({file}), faktum");
            if (owner == V.Outcome && c.Expect.Outcome == value) uses.Add($"testcase {c.Id} ({file}), forventet udfald");
            if (c.Expect.Outputs?.TryGetValue(owner, out var o) == true && o.ValueKind == System.Text.Json.JsonValueKind.String && o.GetString() == value)
                uses.Add($"testcase {c.Id} ({file}), forventet resultat");
        }
        uses.AddRange(TemplateUses(value, includeRewritable: false, literalOnly: true));
        return uses;
    }

    /// <summary>
    /// Uses inside the templates' code (<c>{{ ... }}</c>); prose is not code. With <paramref name="includeRewritable"/>
    /// the forms a rename rewrites (<c>facts.x</c>, <c>derived.x</c>, <c>outputs.x</c>) count as uses too; with
    /// <paramref name="literalOnly"/> only the text literal <c>"x"</c> does.
    /// </summary>
    public List<string> TemplateUses(string word, bool includeRewritable, bool literalOnly = false)
    {
        var uses = new List<string>();
        var dotted = DottedReference(word);
        var bare = new Regex($@"(?<![\w.-]){Regex.Escape(word)}(?![\w-])", RegexOptions.CultureInvariant);
        foreach (var t in doc.Templates)
            foreach (var (line, code) in CodeLines(t.Text))
            {
                var hit = literalOnly
                    ? code.Contains('"' + word + '"', StringComparison.Ordinal)
                    : bare.IsMatch(dotted.Replace(code, " ")) || includeRewritable && dotted.IsMatch(code);
                if (hit) uses.Add($"skabelonen {t.Path}, linje {line}");
            }
        return uses;
    }

    /// <summary>Template lines whose code, apart from the dotted forms a rename rewrites, still names <paramref name="word"/>.</summary>
    public List<string> TemplateUsesNotRewritable(string word) => TemplateUses(word, includeRewritable: false);

    /// <summary><c>facts.x</c>, <c>derived.x</c> and <c>outputs.x</c> for the name x.</summary>
    public static Regex DottedReference(string name) => new($@"\b(facts|derived|outputs)\.{Regex.Escape(name)}\b", RegexOptions.CultureInvariant);

    /// <summary>The code parts of a Scriban template, by line (1-based).</summary>
    private static IEnumerable<(int Line, string Code)> CodeLines(string text)
    {
        var lines = text.Split('\n');
        var inCode = false;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var code = new System.Text.StringBuilder();
            var i = 0;
            while (i < line.Length)
            {
                if (!inCode)
                {
                    var open = line.IndexOf("{{", i, StringComparison.Ordinal);
                    if (open < 0) break;
                    inCode = true;
                    i = open + 2;
                }
                else
                {
                    var close = line.IndexOf("}}", i, StringComparison.Ordinal);
                    if (close < 0) { code.Append(line, i, line.Length - i); break; }
                    code.Append(line, i, close - i).Append(' ');
                    inCode = false;
                    i = close + 2;
                }
            }
            if (code.Length > 0) yield return (n + 1, StripComments(code.ToString()));
        }
    }

    [GeneratedRegex(@"##.*?##")]
    private static partial Regex Comment();

    private static string StripComments(string code) => Comment().Replace(code, " ");

    internal string TableName(EditableTable t) => $"tabellen {Quoted(t.Label, t.Id)}";

    internal string ColumnName(string name) => V.LabelOf(name) is { } label && label != name ? $"»{label}«" : name;

    internal static string Quoted(string? label, string name) => string.IsNullOrWhiteSpace(label) || label == name ? name : $"»{label}« ({name})";
}
