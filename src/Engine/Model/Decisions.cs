namespace Serviceloven.Engine.Model;

/// <summary>
/// A context: named entries, each an expression that may read the entries beside it by their names, and optionally a
/// result computed from them. Without a result the context's value is its entries (a record); other decisions read
/// an entry as <c>context.entry</c>. An entry may itself be a context (nested entries).
/// </summary>
public sealed record ContextDecision
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<ContextEntry> Entries { get; init; }
    /// <summary>The context's value; without it the value is the record of its entries.</summary>
    public ContextResult? Result { get; init; }
}

/// <summary>One entry of a context: an expression with its type, or a nested context (entries and an optional result).</summary>
public sealed record ContextEntry
{
    public required string Name { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    /// <summary>The type of an expression entry; not given for a nested context.</summary>
    public ValueKind? Type { get; init; }
    public string? Expression { get; init; }
    public string? Unit { get; init; }
    public IReadOnlyList<ContextEntry>? Entries { get; init; }
    public ContextResult? Result { get; init; }
}

public sealed record ContextResult
{
    public required ValueKind Type { get; init; }
    public required string Expression { get; init; }
    public string? Unit { get; init; }
}

/// <summary>
/// A business knowledge model: a function with parameters, its body one expression or one decision table whose inputs
/// are the parameters, invoked by name from any expression (<c>pmt(laan.beloeb, laan.rente, 360)</c>). It sees only its
/// parameters (and the decision date, satser and lookup tables), never the version's facts.
/// </summary>
public sealed record FunctionDefinition
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    /// <summary>Single values or records (a record argument passes all its fields).</summary>
    public required IReadOnlyList<FactDefinition> Parameters { get; init; }
    /// <summary>The type of the result; for a table, the type of its one output.</summary>
    public required ValueKind Type { get; init; }
    public string? Expression { get; init; }
    public DecisionTable? Table { get; init; }
}
