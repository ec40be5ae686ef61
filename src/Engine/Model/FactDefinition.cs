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
