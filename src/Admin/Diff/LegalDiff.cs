using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Admin.Diff;

/// <summary>One change said as a lawyer reads it. Where is the row id, table id, fact name or sats key it concerns.</summary>
public sealed record LegalChange(string Where, ChangeKind Kind, string Text);

/// <summary>
/// What changed between two versions (or two revisions of a sats), in sentences: "Række R97-04: Alder på
/// afgørelsesdatoen ændret fra under 18 til under 19", "Ny betingelse ...", "Sats sel-118.maanedsloen: 16.556 kr. →
/// 17.000 kr. fra 1. januar 2027". Labels and values come from the versions themselves (the newer one's labels where
/// both have one), so a diff reads the way the rules are written in the editor.
/// </summary>
public static class LegalDiff
{
    private const string Arrow = " → ";

    public static IReadOnlyList<LegalChange> Compare(RulesetVersion a, RulesetVersion b, IReadOnlyList<TemplateFile> templatesA,
        IReadOnlyList<TemplateFile> templatesB, SatsCatalog? satser = null)
    {
        Func<string, string?> satsLabel = key => satser?.Get(key)?.Label;
        var before = new CellWords(a, satsLabel);
        var after = new CellWords(b, satsLabel);
        var changes = new List<LegalChange>();
        VersionFields(a, b, after, changes);
        Facts(a, b, changes);
        Derived(a, b, before, after, changes);
        foreach (var t in a.Tables.Where(t => b.Tables.All(x => x.Id != t.Id)))
            changes.Add(new(t.Id, ChangeKind.Removed, $"Tabel {TableName(t)} fjernet ({Count(t.Rows.Count, "række", "rækker")})."));
        foreach (var t in b.Tables)
        {
            var old = a.Tables.FirstOrDefault(x => x.Id == t.Id);
            if (old is null)
            {
                changes.Add(new(t.Id, ChangeKind.Added, $"Ny tabel {TableName(t)} ({HitPolicyWords.Describe(t)}) med {Count(t.Rows.Count, "række", "rækker")}."));
                foreach (var r in t.Rows) changes.Add(new(r.Id, ChangeKind.Added, $"Ny række {r.Id}: {RowText(t, r, after)}."));
                continue;
            }
            Table(old, t, before, after, changes);
        }
        Templates(templatesA, templatesB, changes);
        return changes;
    }

    /// <summary>The values of a sats revision against the published series: new, changed and removed amounts and periods.</summary>
    public static IReadOnlyList<LegalChange> Sats(SatsSeries? before, SatsSeries after)
    {
        var changes = new List<LegalChange>();
        var key = after.Key;
        var old = before is null ? SatsCatalog.Empty : new SatsCatalog([before]);
        var oldValues = before?.Values ?? [];
        foreach (var v in after.Values.OrderBy(v => v.ValidFrom))
        {
            var same = oldValues.FirstOrDefault(o => o.ValidFrom == v.ValidFrom);
            if (same == v) continue;
            var previous = same ?? old.ValueOn(key, v.ValidFrom);
            var until = v.ValidTo is { } to ? $" til {DanishFormat.Date(to)}" : "";
            if (previous is null)
                changes.Add(new(key, ChangeKind.Added, $"Sats {key}: {Amount(v.Value, after.Unit)} fra {DanishFormat.Date(v.ValidFrom)}{until} (før: ingen værdi)."));
            else if (previous.Value != v.Value)
                changes.Add(new(key, same is null ? ChangeKind.Added : ChangeKind.Changed,
                    $"Sats {key}: {Amount(previous.Value, after.Unit)}{Arrow}{Amount(v.Value, after.Unit)} fra {DanishFormat.Date(v.ValidFrom)}{until}."));
            else if (same is not null && same.ValidTo != v.ValidTo)
                changes.Add(new(key, ChangeKind.Changed,
                    $"Sats {key}: værdien {Amount(v.Value, after.Unit)} fra {DanishFormat.Date(v.ValidFrom)} gælder nu {(v.ValidTo is { } end ? "til " + DanishFormat.Date(end) : "indtil videre")} (før: {(same.ValidTo is { } e ? "til " + DanishFormat.Date(e) : "indtil videre")})."));
            else if (same is not null && same.Source != v.Source)
                changes.Add(new(key, ChangeKind.Changed, $"Sats {key}: kilden til værdien fra {DanishFormat.Date(v.ValidFrom)} ændret fra «{same.Source}» til «{v.Source}»."));
            else if (same is null)
                changes.Add(new(key, ChangeKind.Added, $"Sats {key}: {Amount(v.Value, after.Unit)} fra {DanishFormat.Date(v.ValidFrom)}{until} (samme beløb som før)."));
        }
        foreach (var v in oldValues.Where(o => after.Values.All(n => n.ValidFrom != o.ValidFrom)))
            changes.Add(new(key, ChangeKind.Removed, $"Sats {key}: værdien {Amount(v.Value, after.Unit)} fra {DanishFormat.Date(v.ValidFrom)} fjernet."));
        return changes;
    }

    private static void VersionFields(RulesetVersion a, RulesetVersion b, CellWords words, List<LegalChange> changes)
    {
        if (a.ValidFrom != b.ValidFrom)
            changes.Add(new("version", ChangeKind.Changed, $"Gælder fra: {DanishFormat.Date(a.ValidFrom)}{Arrow}{DanishFormat.Date(b.ValidFrom)}."));
        if (a.ValidTo != b.ValidTo)
            changes.Add(new("version", ChangeKind.Changed, $"Gælder til: {EndText(a.ValidTo)}{Arrow}{EndText(b.ValidTo)}."));
        if ((a.ChangeNote ?? "") != (b.ChangeNote ?? "") && b.ChangeNote is { } note)
            changes.Add(new("version", ChangeKind.Changed, $"Ændringsnote: «{note}»."));
        foreach (var l in (a.LegalBasis ?? []).Except(b.LegalBasis ?? []))
            changes.Add(new("version", ChangeKind.Removed, $"Retsgrundlag fjernet: {l}."));
        foreach (var l in (b.LegalBasis ?? []).Except(a.LegalBasis ?? []))
            changes.Add(new("version", ChangeKind.Added, $"Nyt retsgrundlag: {l}."));
        if (a.Outcome != b.Outcome)
            changes.Add(new("version", ChangeKind.Changed, $"Udfaldet læses nu af {CellWords.Lower(words.Label(b.Outcome))} (før: {a.Outcome})."));
    }

    private static void Facts(RulesetVersion a, RulesetVersion b, List<LegalChange> changes)
    {
        foreach (var f in a.Facts.Where(f => b.Facts.All(x => x.Name != f.Name)))
            changes.Add(new(f.Name, ChangeKind.Removed, $"Faktum fjernet: {f.Label}."));
        foreach (var f in b.Facts)
        {
            var old = a.Facts.FirstOrDefault(x => x.Name == f.Name);
            if (old is null)
            {
                var traits = new List<string> { f.Type.Danish() };
                if (f.Discretionary) traits.Add("skøn");
                if (!f.Required) traits.Add("valgfrit");
                if (f.Values is { Count: > 0 } v) traits.Add("værdier: " + DanishFormat.List(v.Select(x => x.Label ?? x.Value)));
                changes.Add(new(f.Name, ChangeKind.Added, $"Nyt faktum: {f.Label} ({string.Join(", ", traits)})."));
                continue;
            }
            var parts = new List<string>();
            if (old.Label != f.Label) parts.Add($"betegnelsen ændret fra «{old.Label}»");
            if (old.Type != f.Type) parts.Add($"typen ændret fra {old.Type.Danish()} til {f.Type.Danish()}");
            if (old.Discretionary != f.Discretionary) parts.Add(f.Discretionary ? "er nu et skøn" : "er ikke længere et skøn");
            if (old.Required != f.Required) parts.Add(f.Required ? "er nu påkrævet" : "er nu valgfrit");
            if ((old.Unit ?? "") != (f.Unit ?? "")) parts.Add($"enheden ændret fra {old.Unit ?? "ingen"} til {f.Unit ?? "ingen"}");
            if ((old.Description ?? "") != (f.Description ?? "")) parts.Add("beskrivelsen ændret");
            var oldValues = old.Values ?? [];
            var newValues = f.Values ?? [];
            var added = newValues.Where(v => oldValues.All(o => o.Value != v.Value)).Select(v => v.Label ?? v.Value).ToList();
            var removed = oldValues.Where(v => newValues.All(n => n.Value != v.Value)).Select(v => v.Label ?? v.Value).ToList();
            if (added.Count > 0) parts.Add("nye værdier: " + DanishFormat.List(added));
            if (removed.Count > 0) parts.Add("fjernede værdier: " + DanishFormat.List(removed));
            foreach (var v in newValues)
                if (oldValues.FirstOrDefault(o => o.Value == v.Value) is { } o && (o.Label ?? "") != (v.Label ?? ""))
                    parts.Add($"værdien «{o.Label ?? o.Value}» hedder nu «{v.Label ?? v.Value}»");
            if (parts.Count > 0) changes.Add(new(f.Name, ChangeKind.Changed, $"Faktum {f.Label}: {string.Join("; ", parts)}."));
        }
    }

    private static void Derived(RulesetVersion a, RulesetVersion b, CellWords before, CellWords after, List<LegalChange> changes)
    {
        foreach (var d in a.Derived.Where(d => b.Derived.All(x => x.Name != d.Name)))
            changes.Add(new(d.Name, ChangeKind.Removed, $"Afledt værdi fjernet: {d.Label}."));
        foreach (var d in b.Derived)
        {
            var old = a.Derived.FirstOrDefault(x => x.Name == d.Name);
            if (old is null)
                changes.Add(new(d.Name, ChangeKind.Added, $"Ny afledt værdi: {d.Label} = {after.Expression(d.Expression)}."));
            else if (old.Expression != d.Expression)
                changes.Add(new(d.Name, ChangeKind.Changed, $"Afledt værdi {d.Label}: {before.Expression(old.Expression)}{Arrow}{after.Expression(d.Expression)}."));
            else if (old.Label != d.Label)
                changes.Add(new(d.Name, ChangeKind.Changed, $"Afledt værdi {d.Label}: betegnelsen ændret fra «{old.Label}»."));
        }
    }

    private static void Table(DecisionTable old, DecisionTable t, CellWords before, CellWords after, List<LegalChange> changes)
    {
        var name = TableName(t);
        if (old.HitPolicy != t.HitPolicy || old.Aggregation != t.Aggregation)
            changes.Add(new(t.Id, ChangeKind.Changed, $"Tabel {name}: hit policy {HitPolicyWords.Describe(old)}{Arrow}{HitPolicyWords.Describe(t)}."));
        foreach (var i in old.Inputs.Where(i => t.Inputs.All(x => x.Name != i.Name)))
            changes.Add(new(t.Id, ChangeKind.Removed, $"Tabel {name}: betingelsen {CellWords.Lower(InputLabel(i, before))} er ikke længere med i tabellen."));
        foreach (var i in t.Inputs.Where(i => old.Inputs.All(x => x.Name != i.Name)))
            changes.Add(new(t.Id, ChangeKind.Added, $"Tabel {name}: ny kolonne med betingelser om {CellWords.Lower(InputLabel(i, after))}."));
        foreach (var o in old.Outputs.Where(o => t.Outputs.All(x => x.Name != o.Name)))
            changes.Add(new(t.Id, ChangeKind.Removed, $"Tabel {name}: resultatet {CellWords.Lower(o.Label ?? o.Name)} er fjernet."));
        foreach (var o in t.Outputs.Where(o => old.Outputs.All(x => x.Name != o.Name)))
            changes.Add(new(t.Id, ChangeKind.Added, $"Tabel {name}: nyt resultat {CellWords.Lower(o.Label ?? o.Name)}."));
        var oldDefault = Outputs(old, old.Default, before);
        var newDefault = Outputs(t, t.Default, after);
        if (oldDefault != newDefault)
            changes.Add(new(t.Id, old.Default is null ? ChangeKind.Added : t.Default is null ? ChangeKind.Removed : ChangeKind.Changed,
                $"Tabel {name}: når ingen række passer: {oldDefault ?? "intet resultat"}{Arrow}{newDefault ?? "intet resultat"}."));
        var oldOrder = old.Rows.Select(r => r.Id).Where(id => t.Rows.Any(r => r.Id == id)).ToList();
        var newOrder = t.Rows.Select(r => r.Id).Where(id => old.Rows.Any(r => r.Id == id)).ToList();
        if (!oldOrder.SequenceEqual(newOrder))
            changes.Add(new(t.Id, ChangeKind.Changed, $"Tabel {name}: rækkefølgen {string.Join(", ", oldOrder)}{Arrow}{string.Join(", ", newOrder)}."));

        foreach (var r in old.Rows.Where(r => t.Rows.All(x => x.Id != r.Id)))
            changes.Add(new(r.Id, ChangeKind.Removed, $"Række {r.Id} fjernet (var: {RowText(old, r, before)})."));
        foreach (var r in t.Rows)
        {
            var o = old.Rows.FirstOrDefault(x => x.Id == r.Id);
            if (o is null)
            {
                var position = t.Rows.ToList().FindIndex(x => x.Id == r.Id);
                var where = t.HitPolicy is HitPolicy.First or HitPolicy.RuleOrder
                    ? position == 0 ? " (øverst)" : $" (efter {t.Rows[position - 1].Id})" : "";
                changes.Add(new(r.Id, ChangeKind.Added, $"Ny række {r.Id}{where}: {RowText(t, r, after)}."));
                continue;
            }
            Row(old, o, t, r, before, after, changes);
        }
    }

    private static void Row(DecisionTable oldTable, TableRow old, DecisionTable table, TableRow row, CellWords before, CellWords after, List<LegalChange> changes)
    {
        var prefix = $"Række {row.Id}: ";
        foreach (var (input, i) in table.Inputs.Select((x, i) => (x, i)))
        {
            var label = InputLabel(input, after);
            var cell = i < row.When.Count ? row.When[i] : "-";
            var j = oldTable.Inputs.ToList().FindIndex(x => x.Name == input.Name);
            var oldCell = j >= 0 && j < old.When.Count ? old.When[j] : "-";
            if (Same(oldCell, cell)) continue;
            if (IsAny(oldCell))
                changes.Add(new(row.Id, ChangeKind.Added, $"{prefix}ny betingelse: {label} {after.Input(cell, input.Name)}."));
            else if (IsAny(cell))
                changes.Add(new(row.Id, ChangeKind.Removed, $"{prefix}betingelsen {CellWords.Lower(label)} {before.Input(oldCell, input.Name)} er fjernet."));
            else
                changes.Add(new(row.Id, ChangeKind.Changed, $"{prefix}{label}: {before.Input(oldCell, input.Name)}{Arrow}{after.Input(cell, input.Name)}."));
        }
        foreach (var (output, i) in table.Outputs.Select((x, i) => (x, i)))
        {
            var j = oldTable.Outputs.ToList().FindIndex(x => x.Name == output.Name);
            var oldCell = j >= 0 && j < old.Then.Count ? old.Then[j] : null;
            var cell = i < row.Then.Count ? row.Then[i] : null;
            if (oldCell is null || cell is null || Same(oldCell, cell)) continue;
            changes.Add(new(row.Id, ChangeKind.Changed,
                $"{prefix}{output.Label ?? output.Name}: {before.Output(oldCell, oldTable.Outputs[j])}{Arrow}{after.Output(cell, output)}."));
        }
        if ((old.Ref ?? "") != (row.Ref ?? ""))
            changes.Add(new(row.Id, ChangeKind.Changed, $"{prefix}retskilde: {old.Ref ?? "ingen"}{Arrow}{row.Ref ?? "ingen"}."));
        if ((old.Reason ?? "") != (row.Reason ?? ""))
            changes.Add(new(row.Id, ChangeKind.Changed, $"{prefix}begrundelseskode: {old.Reason ?? "ingen"}{Arrow}{row.Reason ?? "ingen"} (begrundelsens tekst følger koden)."));
        if ((old.Note ?? "") != (row.Note ?? ""))
            changes.Add(new(row.Id, ChangeKind.Changed, $"{prefix}noten ændret til «{row.Note ?? ""}»."));
    }

    private static void Templates(IReadOnlyList<TemplateFile> a, IReadOnlyList<TemplateFile> b, List<LegalChange> changes)
    {
        foreach (var t in a.Where(t => b.All(x => x.Path != t.Path)))
            changes.Add(new(t.Path, ChangeKind.Removed, $"Begrundelsesskabelonen {t.Path} fjernet."));
        foreach (var t in b)
        {
            var old = a.FirstOrDefault(x => x.Path == t.Path);
            if (old is null) { changes.Add(new(t.Path, ChangeKind.Added, $"Ny begrundelsesskabelon {t.Path}.")); continue; }
            if (old.Text == t.Text) continue;
            var lines = LineDiff.Compare(old.Text, t.Text);
            changes.Add(new(t.Path, ChangeKind.Changed,
                $"Begrundelsesskabelonen {t.Path}: {Count(lines.Count(l => l.Op == LineOp.Removed), "linje", "linjer")} fjernet, {Count(lines.Count(l => l.Op == LineOp.Added), "linje", "linjer")} tilføjet."));
        }
    }

    /// <summary>"hvis Alder under 18 og ... så Udfald: afslag (retskilde)"; only the cells that test something.</summary>
    internal static string RowText(DecisionTable table, TableRow row, CellWords words)
    {
        var conditions = table.Inputs.Select((input, i) => (input, cell: i < row.When.Count ? row.When[i] : "-"))
            .Where(x => !IsAny(x.cell))
            .Select(x => $"{CellWords.Lower(InputLabel(x.input, words))} {words.Input(x.cell, x.input.Name)}").ToList();
        var when = conditions.Count == 0 ? "i alle tilfælde" : "hvis " + DanishFormat.List(conditions);
        var then = Outputs(table, row.Then, words) ?? "intet resultat";
        return $"{when}, så {then}" + (row.Ref is { } r ? $" ({r})" : "");
    }

    private static string? Outputs(DecisionTable table, IReadOnlyList<string>? cells, CellWords words) =>
        cells is null ? null : string.Join(", ", table.Outputs.Select((o, i) => $"{o.Label ?? o.Name}: {(i < cells.Count ? words.Output(cells[i], o) : "–")}"));

    private static string InputLabel(TableInput input, CellWords words) => input.Label ?? words.Label(input.Name);
    private static string TableName(DecisionTable t) => t.Label is { } l ? $"{l} ({t.Id})" : t.Id;
    private static bool IsAny(string cell) => cell.Trim() == "-";
    private static bool Same(string a, string b) => a.Trim() == b.Trim();
    private static string EndText(DateOnly? d) => d is { } x ? DanishFormat.Date(x) : "indtil næste version";
    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
    private static string Amount(decimal value, string unit) => $"{DanishFormat.Number(value)} {unit}";
}

/// <summary>
/// The hit policies by their DMN names (HitPolicies, as the structure editor shows them) with a phrase on what each
/// means that reads inside a diff sentence.
/// </summary>
public static class HitPolicyWords
{
    public static string Meaning(HitPolicy policy, Aggregation? aggregation) => policy switch
    {
        HitPolicy.Unique => "højst én række må passe",
        HitPolicy.First => "den første række, der passer, afgør",
        HitPolicy.Priority => "den passende række med det højest prioriterede resultat afgør",
        HitPolicy.Any => "flere rækker må passe, men de skal give samme resultat",
        HitPolicy.Collect => aggregation switch
        {
            Aggregation.Sum => "resultaterne af alle passende rækker lægges sammen",
            Aggregation.Min => "det mindste resultat af de passende rækker bruges",
            Aggregation.Max => "det største resultat af de passende rækker bruges",
            Aggregation.Count => "antallet af passende rækker tælles",
            _ => "alle passende rækker bruges",
        },
        HitPolicy.RuleOrder => "alle passende rækker bruges i tabellens rækkefølge",
        _ => "alle passende rækker bruges, ordnet efter resultatets værdiliste",
    };

    public static string Describe(DecisionTable t) => $"{Drafts.HitPolicies.Name(t.HitPolicy, t.Aggregation)} ({Meaning(t.HitPolicy, t.Aggregation)})";
}
