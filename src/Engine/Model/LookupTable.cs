namespace Serviceloven.Engine.Model;

/// <summary>A table keyed by date intervals (folkepensionsalder by birth date). One file in rules/tables/.</summary>
public sealed record LookupTable
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public string? Unit { get; init; }
    public string? Description { get; init; }
    /// <summary>Editions of the table by the date they apply from (a law change gives a new edition).</summary>
    public required IReadOnlyList<LookupEdition> Editions { get; init; }
}

public sealed record LookupEdition
{
    public required DateOnly ValidFrom { get; init; }
    public required string Source { get; init; }
    public string? Note { get; init; }
    public required IReadOnlyList<LookupRow> Rows { get; init; }
}

/// <summary>A row covering keys from From to To, both inclusive; a missing end is open.</summary>
public sealed record LookupRow
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public required decimal Value { get; init; }
}
