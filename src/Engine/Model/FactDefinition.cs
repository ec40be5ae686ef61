namespace Serviceloven.Engine.Model;

/// <summary>One typed input a caller supplies. Discretionary facts carry a caseworker's skøn and are never computed.</summary>
public sealed record FactDefinition
{
    public required string Name { get; init; }
    public required ValueKind Type { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    public bool Discretionary { get; init; }
    public bool Required { get; init; } = true;
    /// <summary>
    /// For an optional fact: a cell-language condition under which it is required after all (the deciding path needs it).
    /// It may read facts, derived values and outputs of tables, and is checked as soon as those are known; when it holds
    /// and the fact was not given, the result is undetermined with the fact in missingFacts.
    /// </summary>
    public string? RequiredWhen { get; init; }
    public string? Unit { get; init; }
    /// <summary>Allowed values of an enum fact, in their declared order.</summary>
    public IReadOnlyList<EnumValue>? Values { get; init; }
}

public sealed record EnumValue
{
    public required string Value { get; init; }
    public string? Label { get; init; }
}

/// <summary>A value computed from facts before the tables run (age at the decision date, pension date, ...).</summary>
public sealed record DerivedValue
{
    public required string Name { get; init; }
    public required ValueKind Type { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    public required string Expression { get; init; }
    public string? Unit { get; init; }
}
