using System.Globalization;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>
/// A version's content in a form the editor can change in place; <see cref="ToModel"/> gives the immutable model back.
/// Every part keeps the record it came from and <see cref="ToModel"/> writes the edits over it ("with"), so a property
/// the editor does not know yet is carried over unchanged, and an unedited version gives back exactly its content.
/// </summary>
public sealed class EditableVersion
{
    public required RulesetVersion Original { get; init; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? ChangeNote { get; set; }
    /// <summary>Legal texts in force for the version, one per entry; null when the version names none.</summary>
    public List<string>? LegalBasis { get; set; }
    public List<EditableFact> Facts { get; init; } = [];
    public List<EditableDerived> Derived { get; init; } = [];
    public List<EditableTable> Tables { get; init; } = [];
    /// <summary>The output carrying the ruleset's outcome code; empty when the version decides none.</summary>
    public string Outcome { get; set; } = "";
    /// <summary>The outputs returned to callers; null means every table output.</summary>
    public List<string>? Outputs { get; set; }

    public static EditableVersion From(RulesetVersion v) => new()
    {
        Original = v,
        ValidFrom = v.ValidFrom,
        ValidTo = v.ValidTo,
        ChangeNote = v.ChangeNote,
        LegalBasis = v.LegalBasis?.ToList(),
        Facts = v.Facts.Select(EditableFact.From).ToList(),
        Derived = v.Derived.Select(EditableDerived.From).ToList(),
        Tables = v.Tables.Select(EditableTable.From).ToList(),
        Outcome = v.Outcome,
        Outputs = v.Outputs?.ToList(),
    };

    public RulesetVersion ToModel() => Original with
    {
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        ChangeNote = string.IsNullOrWhiteSpace(ChangeNote) ? null : ChangeNote.Trim(),
        LegalBasis = LegalBasis?.Select(l => l.Trim()).Where(l => l.Length > 0).ToList() is { } basis && (basis.Count > 0 || Original.LegalBasis is not null) ? basis : null,
        Facts = Facts.Select(f => f.ToModel()).ToList(),
        Derived = Derived.Select(d => d.ToModel()).ToList(),
        Tables = Tables.Select(t => t.ToModel()).ToList(),
        Outcome = Outcome.Trim(),
        Outputs = Outputs?.ToList(),
    };

    /// <summary>A version with nothing in it yet, for a new ruleset or a version written from scratch.</summary>
    public static RulesetVersion Blank(DateOnly validFrom, DateOnly? validTo = null) =>
        new() { ValidFrom = validFrom, ValidTo = validTo, Facts = [], Tables = [], Outcome = "" };

    /// <summary>Every name a cell can refer to, in the order the compiler declares them (facts, derived values, outputs).</summary>
    public IEnumerable<string> DeclaredNames() =>
        Facts.Select(f => f.Name).Concat(Derived.Select(d => d.Name)).Concat(Tables.SelectMany(t => t.Outputs.Select(o => o.Name)));

    /// <summary>The Danish label of a fact, derived value or output; null for a name the version does not declare.</summary>
    public string? LabelOf(string name)
    {
        if (Facts.FirstOrDefault(f => f.Name == name) is { } fact) return fact.Label;
        if (Derived.FirstOrDefault(d => d.Name == name) is { } derived) return derived.Label;
        return Tables.SelectMany(t => t.Outputs).FirstOrDefault(o => o.Name == name) is { } output ? output.Label ?? output.Name : null;
    }
}

/// <summary>An allowed value of an enum fact or output, with the Danish text users see.</summary>
public sealed class EditableEnumValue
{
    public Guid Key { get; } = Guid.NewGuid();
    public string Value { get; set; } = "";
    public string? Label { get; set; }

    public static EditableEnumValue From(EnumValue v) => new() { Value = v.Value, Label = v.Label };
    public EnumValue ToModel() => new() { Value = Value.Trim(), Label = EditableFact.Blank(Label) };

    public static List<EditableEnumValue>? FromList(IReadOnlyList<EnumValue>? values) => values?.Select(From).ToList();
}

public sealed class EditableFact
{
    public Guid Key { get; } = Guid.NewGuid();
    /// <summary>The fact as read, so properties the editor does not show survive an edit.</summary>
    public FactDefinition? Source { get; init; }
    public string Name { get; set; } = "";
    public ValueKind Type { get; set; }
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public bool Discretionary { get; set; }
    public bool Required { get; set; } = true;
    /// <summary>The condition under which an optional fact is required after all (cell language), or blank.</summary>
    public string? RequiredWhen { get; set; }
    public string? Unit { get; set; }
    /// <summary>Allowed values of an enum fact, in their declared order.</summary>
    public List<EditableEnumValue> Values { get; init; } = [];

    public static EditableFact From(FactDefinition f) => new()
    {
        Source = f, Name = f.Name, Type = f.Type, Label = f.Label, Description = f.Description, Discretionary = f.Discretionary,
        Required = f.Required, RequiredWhen = f.RequiredWhen, Unit = f.Unit, Values = EditableEnumValue.FromList(f.Values) ?? [],
    };

    public FactDefinition ToModel() => (Source ?? new FactDefinition { Name = "", Type = Type, Label = "" }) with
    {
        Name = Name.Trim(), Type = Type, Label = Label.Trim(), Description = Blank(Description), Discretionary = Discretionary,
        Required = Required, RequiredWhen = Blank(RequiredWhen), Unit = Blank(Unit), Values = Type == ValueKind.Enum ? Values.Select(v => v.ToModel()).ToList() : null,
    };

    /// <summary>The values' codes, for the cell checks.</summary>
    public IReadOnlyList<string>? EnumValues => Type == ValueKind.Enum ? Values.Select(v => v.Value.Trim()).ToList() : null;

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A value computed from facts before the tables run, written in the cell language.</summary>
public sealed class EditableDerived
{
    public Guid Key { get; } = Guid.NewGuid();
    public DerivedValue? Source { get; init; }
    public string Name { get; set; } = "";
    public ValueKind Type { get; set; }
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public string Expression { get; set; } = "";
    public string? Unit { get; set; }

    public static EditableDerived From(DerivedValue d) => new()
    {
        Source = d, Name = d.Name, Type = d.Type, Label = d.Label, Description = d.Description, Expression = d.Expression, Unit = d.Unit,
    };

    public DerivedValue ToModel() => (Source ?? new DerivedValue { Name = "", Type = Type, Label = "", Expression = "" }) with
    {
        Name = Name.Trim(), Type = Type, Label = Label.Trim(), Description = EditableFact.Blank(Description),
        Expression = Expression.Trim(), Unit = EditableFact.Blank(Unit),
    };
}

/// <summary>A column a table tests: a fact, a derived value or an earlier table's output.</summary>
public sealed class EditableInput
{
    public Guid Key { get; } = Guid.NewGuid();
    public TableInput? Source { get; init; }
    public string Name { get; set; } = "";
    public string? Label { get; set; }

    public static EditableInput From(TableInput i) => new() { Source = i, Name = i.Name, Label = i.Label };
    public TableInput ToModel() => (Source ?? new TableInput { Name = "" }) with { Name = Name.Trim(), Label = EditableFact.Blank(Label) };
}

public sealed class EditableTable
{
    public Guid Key { get; } = Guid.NewGuid();
    public DecisionTable? Source { get; init; }
    public string Id { get; set; } = "";
    public string? Label { get; set; }
    public string? Description { get; set; }
    public HitPolicy HitPolicy { get; set; }
    public Aggregation? Aggregation { get; set; }
    public List<EditableInput> Inputs { get; init; } = [];
    public List<EditableOutput> Outputs { get; init; } = [];
    public List<EditableRow> Rows { get; init; } = [];
    /// <summary>Output cells used when no row matches; null for none.</summary>
    public List<string>? Default { get; set; }

    public static EditableTable From(DecisionTable t) => new()
    {
        Source = t, Id = t.Id, Label = t.Label, Description = t.Description, HitPolicy = t.HitPolicy, Aggregation = t.Aggregation,
        Inputs = t.Inputs.Select(EditableInput.From).ToList(), Outputs = t.Outputs.Select(EditableOutput.From).ToList(),
        Rows = t.Rows.Select(EditableRow.From).ToList(), Default = t.Default?.ToList(),
    };

    public DecisionTable ToModel() => (Source ?? new DecisionTable { Id = "", Inputs = [], Outputs = [], Rows = [] }) with
    {
        Id = Id.Trim(), Label = EditableFact.Blank(Label), Description = EditableFact.Blank(Description), HitPolicy = HitPolicy,
        Aggregation = HitPolicy == HitPolicy.Collect ? Aggregation : null, Inputs = Inputs.Select(i => i.ToModel()).ToList(),
        Outputs = Outputs.Select(o => o.ToModel()).ToList(), Rows = Rows.Select(r => r.ToModel()).ToList(), Default = Default?.ToList(),
    };

    /// <summary>True when the policy can give several rows and no aggregation folds them: later tables cannot read its outputs.</summary>
    public bool ReturnsList => Aggregation is null && HitPolicy is HitPolicy.Collect or HitPolicy.RuleOrder or HitPolicy.OutputOrder;

    /// <summary>A new row after <paramref name="index"/> (or at the end), with '-' for every input and a neutral value per output.</summary>
    public EditableRow AddRow(int? index = null)
    {
        var row = new EditableRow
        {
            Id = NextRowId(),
            When = Inputs.Select(_ => "-").ToList(),
            Then = Outputs.Select(o => o.NeutralCell()).ToList(),
        };
        Rows.Insert(index is { } i ? Math.Clamp(i + 1, 0, Rows.Count) : Rows.Count, row);
        return row;
    }

    /// <summary>A copy of the row at <paramref name="index"/> right below it, with a new id.</summary>
    public EditableRow DuplicateRow(int index)
    {
        var source = Rows[index];
        var copy = new EditableRow
        {
            Id = NextRowId(), When = source.When.ToList(), Then = source.Then.ToList(),
            Ref = source.Ref, Reason = source.Reason, Note = source.Note,
        };
        Rows.Insert(index + 1, copy);
        return copy;
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
            var id = prefix + n.ToString("00", CultureInfo.InvariantCulture);
            if (!ids.Contains(id)) return id;
        }
    }
}

public sealed class EditableOutput
{
    public Guid Key { get; } = Guid.NewGuid();
    public TableOutput? Source { get; init; }
    public string Name { get; set; } = "";
    public ValueKind Type { get; set; }
    public string? Label { get; set; }
    public string? Unit { get; set; }
    /// <summary>Declared values in priority order (first = highest); null when the output declares none.</summary>
    public List<EditableEnumValue>? Values { get; set; }

    public static EditableOutput From(TableOutput o) => new()
    {
        Source = o, Name = o.Name, Type = o.Type, Label = o.Label, Unit = o.Unit, Values = EditableEnumValue.FromList(o.Values),
    };

    public TableOutput ToModel() => (Source ?? new TableOutput { Name = "", Type = Type }) with
    {
        Name = Name.Trim(), Type = Type, Label = EditableFact.Blank(Label), Unit = EditableFact.Blank(Unit),
        Values = Values is { Count: > 0 } || Type == ValueKind.Enum ? Values?.Select(v => v.ToModel()).ToList() : null,
    };

    /// <summary>The values' codes, for the cell checks; null when the output declares none.</summary>
    public IReadOnlyList<string>? EnumValues => Values?.Select(v => v.Value.Trim()).ToList();

    /// <summary>The cell a new row starts with: the first declared value, or a neutral value of the type.</summary>
    public string NeutralCell() => Values is { Count: > 0 } v ? CellText.Quote(v[0].Value) : Type switch
    {
        ValueKind.Bool => "false",
        ValueKind.Int or ValueKind.Decimal => "0",
        ValueKind.Text => "\"\"",
        _ => "null",
    };
}

public sealed class EditableRow
{
    /// <summary>Stable identity for rendering while the id itself is edited.</summary>
    public Guid Key { get; } = Guid.NewGuid();
    public TableRow? Source { get; init; }
    public string Id { get; set; } = "";
    public List<string> When { get; init; } = [];
    public List<string> Then { get; init; } = [];
    public string? Ref { get; set; }
    public string? Reason { get; set; }
    public string? Note { get; set; }

    public static EditableRow From(TableRow r) => new() { Source = r, Id = r.Id, When = r.When.ToList(), Then = r.Then.ToList(), Ref = r.Ref, Reason = r.Reason, Note = r.Note };

    public TableRow ToModel() => (Source ?? new TableRow { Id = "", When = [], Then = [] }) with
    {
        Id = Id.Trim(), When = When.ToList(), Then = Then.ToList(),
        Ref = EditableFact.Blank(Ref), Reason = EditableFact.Blank(Reason), Note = EditableFact.Blank(Note),
    };
}

/// <summary>Enum values as text lines "value = label" (the diff view lists them so).</summary>
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
