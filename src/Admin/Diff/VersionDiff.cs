using System.Globalization;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Admin.Diff;

public enum ChangeKind { Added, Removed, Changed }

public sealed record FieldChange(string Field, string? Old, string? New);

public sealed record FactChange(string Name, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

public sealed record CellChange(string Column, string? Old, string? New);

public sealed record RowChange(string Id, ChangeKind Kind, TableRow? Old, TableRow? New, IReadOnlyList<CellChange> Cells);

public sealed record TableChange(string Id, string? Label, ChangeKind Kind, IReadOnlyList<FieldChange> Fields, IReadOnlyList<RowChange> Rows);

public sealed record TemplateChange(string Path, ChangeKind Kind, IReadOnlyList<DiffLine> Lines);

public sealed record VersionComparison(IReadOnlyList<FieldChange> Version, IReadOnlyList<FactChange> Facts, IReadOnlyList<TableChange> Tables,
    IReadOnlyList<TemplateChange> Templates)
{
    public bool IsEmpty => Version.Count == 0 && Facts.Count == 0 && Tables.Count == 0 && Templates.Count == 0;
}

/// <summary>What changed between two versions: fields, facts, tables, rows and cells, and template lines.</summary>
public static class VersionDiff
{
    public static VersionComparison Compare(RulesetVersion a, RulesetVersion b, IReadOnlyList<TemplateFile> templatesA, IReadOnlyList<TemplateFile> templatesB)
    {
        var version = new List<FieldChange>();
        Field(version, "Gælder fra", a.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(version, "Gælder til", a.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(version, "Ændringsnote", a.ChangeNote, b.ChangeNote);
        Field(version, "Retsgrundlag", Join(a.LegalBasis), Join(b.LegalBasis));
        Field(version, "Udfald", a.Outcome, b.Outcome);
        Field(version, "Afledte værdier", Json(a.Derived), Json(b.Derived));
        return new VersionComparison(version, Facts(a.Facts, b.Facts), Tables(a.Tables, b.Tables), Templates(templatesA, templatesB));
    }

    private static List<FactChange> Facts(IReadOnlyList<FactDefinition> a, IReadOnlyList<FactDefinition> b)
    {
        var changes = new List<FactChange>();
        var before = a.ToDictionary(f => f.Name);
        var after = b.ToDictionary(f => f.Name);
        foreach (var f in a.Where(f => !after.ContainsKey(f.Name))) changes.Add(new FactChange(f.Name, ChangeKind.Removed, []));
        foreach (var f in b)
        {
            if (!before.TryGetValue(f.Name, out var old)) { changes.Add(new FactChange(f.Name, ChangeKind.Added, [])); continue; }
            var fields = new List<FieldChange>();
            Field(fields, "Type", old.Type.Danish(), f.Type.Danish());
            Field(fields, "Betegnelse", old.Label, f.Label);
            Field(fields, "Beskrivelse", old.Description, f.Description);
            Field(fields, "Skøn", YesNo(old.Discretionary), YesNo(f.Discretionary));
            Field(fields, "Påkrævet", YesNo(old.Required), YesNo(f.Required));
            Field(fields, "Påkrævet når", old.RequiredWhen, f.RequiredWhen);
            Field(fields, "Enhed", old.Unit, f.Unit);
            Field(fields, "Værdier", Drafts.EnumText.Format(old.Values), Drafts.EnumText.Format(f.Values));
            if (fields.Count > 0) changes.Add(new FactChange(f.Name, ChangeKind.Changed, fields));
        }
        return changes;
    }

    private static List<TableChange> Tables(IReadOnlyList<DecisionTable> a, IReadOnlyList<DecisionTable> b)
    {
        var changes = new List<TableChange>();
        var after = b.ToDictionary(t => t.Id);
        var before = a.ToDictionary(t => t.Id);
        foreach (var t in a.Where(t => !after.ContainsKey(t.Id)))
            changes.Add(new TableChange(t.Id, t.Label, ChangeKind.Removed, [], t.Rows.Select(r => new RowChange(r.Id, ChangeKind.Removed, r, null, [])).ToList()));
        foreach (var t in b)
        {
            if (!before.TryGetValue(t.Id, out var old))
            {
                changes.Add(new TableChange(t.Id, t.Label, ChangeKind.Added, [], t.Rows.Select(r => new RowChange(r.Id, ChangeKind.Added, null, r, [])).ToList()));
                continue;
            }
            var fields = new List<FieldChange>();
            Field(fields, "Betegnelse", old.Label, t.Label);
            Field(fields, "Hit policy", Json(old.HitPolicy), Json(t.HitPolicy));
            Field(fields, "Inputs", string.Join(", ", old.Inputs.Select(i => i.Name)), string.Join(", ", t.Inputs.Select(i => i.Name)));
            Field(fields, "Outputs", string.Join(", ", old.Outputs.Select(o => o.Name)), string.Join(", ", t.Outputs.Select(o => o.Name)));
            Field(fields, "Standardresultat", Join(old.Default), Join(t.Default));
            var oldOrder = old.Rows.Select(r => r.Id).Where(id => t.Rows.Any(r => r.Id == id)).ToList();
            var newOrder = t.Rows.Select(r => r.Id).Where(id => old.Rows.Any(r => r.Id == id)).ToList();
            if (!oldOrder.SequenceEqual(newOrder)) fields.Add(new FieldChange("Rækkefølge", string.Join(", ", oldOrder), string.Join(", ", newOrder)));
            var rows = Rows(old, t);
            if (fields.Count > 0 || rows.Count > 0) changes.Add(new TableChange(t.Id, t.Label, ChangeKind.Changed, fields, rows));
        }
        return changes;
    }

    private static List<RowChange> Rows(DecisionTable a, DecisionTable b)
    {
        var changes = new List<RowChange>();
        var before = a.Rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var after = b.Rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var r in a.Rows.Where(r => !after.ContainsKey(r.Id))) changes.Add(new RowChange(r.Id, ChangeKind.Removed, r, null, []));
        foreach (var r in b.Rows)
        {
            if (!before.TryGetValue(r.Id, out var old)) { changes.Add(new RowChange(r.Id, ChangeKind.Added, null, r, [])); continue; }
            var cells = new List<CellChange>();
            for (var i = 0; i < Math.Max(old.When.Count, r.When.Count); i++)
            {
                var o = i < old.When.Count ? old.When[i] : null;
                var n = i < r.When.Count ? r.When[i] : null;
                if (o != n) cells.Add(new CellChange(i < b.Inputs.Count ? b.Inputs[i].Label ?? b.Inputs[i].Name : $"input {i + 1}", o, n));
            }
            for (var i = 0; i < Math.Max(old.Then.Count, r.Then.Count); i++)
            {
                var o = i < old.Then.Count ? old.Then[i] : null;
                var n = i < r.Then.Count ? r.Then[i] : null;
                if (o != n) cells.Add(new CellChange(i < b.Outputs.Count ? b.Outputs[i].Label ?? b.Outputs[i].Name : $"output {i + 1}", o, n));
            }
            if (old.Ref != r.Ref) cells.Add(new CellChange("Retskilde", old.Ref, r.Ref));
            if (old.Reason != r.Reason) cells.Add(new CellChange("Begrundelseskode", old.Reason, r.Reason));
            if (old.Note != r.Note) cells.Add(new CellChange("Note", old.Note, r.Note));
            if (cells.Count > 0) changes.Add(new RowChange(r.Id, ChangeKind.Changed, old, r, cells));
        }
        return changes;
    }

    private static List<TemplateChange> Templates(IReadOnlyList<TemplateFile> a, IReadOnlyList<TemplateFile> b)
    {
        var changes = new List<TemplateChange>();
        var before = a.ToDictionary(t => t.Path);
        var after = b.ToDictionary(t => t.Path);
        foreach (var t in a.Where(t => !after.ContainsKey(t.Path))) changes.Add(new TemplateChange(t.Path, ChangeKind.Removed, LineDiff.Compare(t.Text, null)));
        foreach (var t in b)
        {
            if (!before.TryGetValue(t.Path, out var old)) changes.Add(new TemplateChange(t.Path, ChangeKind.Added, LineDiff.Compare(null, t.Text)));
            else if (old.Text != t.Text) changes.Add(new TemplateChange(t.Path, ChangeKind.Changed, LineDiff.Compare(old.Text, t.Text)));
        }
        return changes;
    }

    private static void Field(List<FieldChange> list, string name, string? a, string? b)
    {
        if ((a ?? "") != (b ?? "")) list.Add(new FieldChange(name, a, b));
    }

    private static string YesNo(bool b) => b ? "ja" : "nej";
    private static string? Join(IReadOnlyList<string>? list) => list is null ? null : string.Join(" · ", list);
    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, RulesJson.Canonical);
}
