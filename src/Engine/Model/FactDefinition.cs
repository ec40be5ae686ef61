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
    /// <summary>
    /// The fields of a list's items or of a record, each itself a fact definition of a single value (no list in a list).
    /// A required field must be given in every item; an optional one may be left out.
    /// </summary>
    public IReadOnlyList<FactDefinition>? Fields { get; init; }
}

public sealed record EnumValue
{
    public required string Value { get; init; }
    public string? Label { get; init; }
}

/// <summary>
/// A value computed from facts before the tables run (age at the decision date, pension date, ...). A name of the form
/// <c>list.field</c> is computed once per item of that list fact and reads as one more field of its items.
/// </summary>
public sealed record DerivedValue
{
    public required string Name { get; init; }
    public required ValueKind Type { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    public required string Expression { get; init; }
    public string? Unit { get; init; }
}

/// <summary>
/// An old fact name a version still accepts for one version period, mapped onto a field of one item of a list fact
/// (savedHours1 and savedHours1Month become the first month of the savings ledger). Old names with the same item
/// number make one item; items are added in item-number order. <see cref="Set"/> gives fixed values for other fields
/// (enum or text) of the item the old name makes, for old names that carried such a field in their meaning
/// (andrePlejeresBasisVederlag is an item whose grundlag is basisbeloeb).
/// </summary>
public sealed record LegacyFact
{
    public required string Name { get; init; }
    public required string List { get; init; }
    public required int Item { get; init; }
    public required string Field { get; init; }
    public IReadOnlyDictionary<string, string>? Set { get; init; }
}
