using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>
/// A version's content in a form the editor can change in place; <see cref="ToModel"/> gives the immutable model back.
/// Parts the editor does not offer (derived values, legal basis, outcome name) are carried over unchanged.
/// </summary>
public sealed class EditableVersion
{
    public required RulesetVersion Original { get; init; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? ChangeNote { get; set; }
    public List<EditableFact> Facts { get; init; } = [];
    public List<EditableTable> Tables { get; init; } = [];

    public static EditableVersion From(RulesetVersion v) => new()
    {
        Original = v,
        ValidFrom = v.ValidFrom,
        ValidTo = v.ValidTo,
        ChangeNote = v.ChangeNote,
        Facts = v.Facts.Select(EditableFact.From).ToList(),
        Tables = v.Tables.Select(EditableTable.From).ToList(),
    };

    public RulesetVersion ToModel() => Original with
    {
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        ChangeNote = string.IsNullOrWhiteSpace(ChangeNote) ? null : ChangeNote.Trim(),
        Facts = Facts.Select(f => f.ToModel()).ToList(),
        Tables = Tables.Select(t => t.ToModel()).ToList(),
    };
}

public sealed class EditableFact
{
    public string Name { get; set; } = "";
    public ValueKind Type { get; set; }
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public bool Discretionary { get; set; }
    public bool Required { get; set; } = true;
    /// <summary>The condition under which an optional fact is required after all (cell language), or blank.</summary>
    public string? RequiredWhen { get; set; }
    public string? Unit { get; set; }
    /// <summary>Enum values, one per line as "value = label".</summary>
    public string ValuesText { get; set; } = "";

    public static EditableFact From(FactDefinition f) => new()
    {
        Name = f.Name, Type = f.Type, Label = f.Label, Description = f.Description, Discretionary = f.Discretionary,
        Required = f.Required, RequiredWhen = f.RequiredWhen, Unit = f.Unit, ValuesText = EnumText.Format(f.Values),
    };

    public FactDefinition ToModel() => new()
    {
        Name = Name.Trim(), Type = Type, Label = Label.Trim(), Description = Blank(Description), Discretionary = Discretionary,
        Required = Required, RequiredWhen = Blank(RequiredWhen), Unit = Blank(Unit), Values = Type == ValueKind.Enum ? EnumText.Parse(ValuesText) : null,
    };

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class EditableTable
{
    public string Id { get; set; } = "";
    public string? Label { get; set; }
    public string? Description { get; set; }
    public HitPolicy HitPolicy { get; set; }
    public Aggregation? Aggregation { get; set; }
    public List<TableInput> Inputs { get; init; } = [];
    public List<EditableOutput> Outputs { get; init; } = [];
    public List<EditableRow> Rows { get; init; } = [];
    public List<string>? Default { get; set; }

    public static EditableTable From(DecisionTable t) => new()
    {
        Id = t.Id, Label = t.Label, Description = t.Description, HitPolicy = t.HitPolicy, Aggregation = t.Aggregation,
        Inputs = t.Inputs.ToList(), Outputs = t.Outputs.Select(EditableOutput.From).ToList(),
        Rows = t.Rows.Select(EditableRow.From).ToList(), Default = t.Default?.ToList(),
    };

    public DecisionTable ToModel() => new()
    {
        Id = Id, Label = EditableFact.Blank(Label), Description = EditableFact.Blank(Description), HitPolicy = HitPolicy,
        Aggregation = Aggregation, Inputs = Inputs.ToList(), Outputs = Outputs.Select(o => o.ToModel()).ToList(),
        Rows = Rows.Select(r => r.ToModel()).ToList(), Default = Default?.ToList(),
    };

    /// <summary>A new row after <paramref name="index"/> (or at the end), with '-' for every input and the first output value.</summary>
    public EditableRow AddRow(int? index = null)
    {
        var row = new EditableRow
        {
            Id = NextRowId(),
            When = Inputs.Select(_ => "-").ToList(),
            Then = Outputs.Select(o => o.Values is { Count: > 0 } v ? $"\"{v[0].Value}\"" : o.Type switch
            {
                ValueKind.Bool => "false",
                ValueKind.Int or ValueKind.Decimal => "0",
                ValueKind.Text => "\"\"",
                _ => "null",
            }).ToList(),
        };
        Rows.Insert(index is { } i ? Math.Clamp(i + 1, 0, Rows.Count) : Rows.Count, row);
        return row;
    }

    public void MoveRow(int index, int delta)
    {
        var target = index + delta;
        if (index < 0 || index >= Rows.Count || target < 0 || target >= Rows.Count) return;
        (Rows[index], Rows[target]) = (Rows[target], Rows[index]);
    }

    public void DeleteRow(int index)
    {
        if (index >= 0 && index < Rows.Count) Rows.RemoveAt(index);
    }

    /// <summary>The catalogue style of ids (R97-01): the common prefix and the next free number.</summary>
    private string NextRowId()
    {
        var ids = Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var last = Rows.LastOrDefault()?.Id ?? "R-00";
        var dash = last.LastIndexOf('-');
        var prefix = dash >= 0 ? last[..(dash + 1)] : last + "-";
        for (var n = Rows.Count + 1; ; n++)
        {
            var id = prefix + n.ToString("00");
            if (!ids.Contains(id)) return id;
        }
    }
}

public sealed class EditableOutput
{
    public string Name { get; set; } = "";
    public ValueKind Type { get; set; }
    public string? Label { get; set; }
    public string? Unit { get; set; }
    public IReadOnlyList<EnumValue>? Values { get; set; }

    public static EditableOutput From(TableOutput o) => new() { Name = o.Name, Type = o.Type, Label = o.Label, Unit = o.Unit, Values = o.Values };

    public TableOutput ToModel() => new() { Name = Name, Type = Type, Label = EditableFact.Blank(Label), Unit = EditableFact.Blank(Unit), Values = Values };
}

public sealed class EditableRow
{
    /// <summary>Stable identity for rendering while the id itself is edited.</summary>
    public Guid Key { get; } = Guid.NewGuid();
    public string Id { get; set; } = "";
    public List<string> When { get; init; } = [];
    public List<string> Then { get; init; } = [];
    public string? Ref { get; set; }
    public string? Reason { get; set; }
    public string? Note { get; set; }

    public static EditableRow From(TableRow r) => new() { Id = r.Id, When = r.When.ToList(), Then = r.Then.ToList(), Ref = r.Ref, Reason = r.Reason, Note = r.Note };

    public TableRow ToModel() => new()
    {
        Id = Id.Trim(), When = When.ToList(), Then = Then.ToList(),
        Ref = EditableFact.Blank(Ref), Reason = EditableFact.Blank(Reason), Note = EditableFact.Blank(Note),
    };
}

/// <summary>Enum values as text lines "value = label", so a lawyer edits them without JSON.</summary>
public static class EnumText
{
    public static string Format(IReadOnlyList<EnumValue>? values) =>
        values is null ? "" : string.Join("\n", values.Select(v => v.Label is null ? v.Value : $"{v.Value} = {v.Label}"));

    public static List<EnumValue> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var eq = line.IndexOf('=');
                return eq < 0
                    ? new EnumValue { Value = line }
                    : new EnumValue { Value = line[..eq].Trim(), Label = EditableFact.Blank(line[(eq + 1)..]) };
            }).ToList();
}
