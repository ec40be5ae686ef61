using System.Text.Json.Serialization;

namespace Serviceloven.Engine.Model;

[JsonConverter(typeof(JsonStringEnumConverter<HitPolicy>))]
public enum HitPolicy
{
    [JsonStringEnumMemberName("UNIQUE")] Unique,
    [JsonStringEnumMemberName("FIRST")] First,
    [JsonStringEnumMemberName("PRIORITY")] Priority,
    [JsonStringEnumMemberName("ANY")] Any,
    [JsonStringEnumMemberName("COLLECT")] Collect,
    [JsonStringEnumMemberName("RULE ORDER")] RuleOrder,
    [JsonStringEnumMemberName("OUTPUT ORDER")] OutputOrder,
}

[JsonConverter(typeof(JsonStringEnumConverter<Aggregation>))]
public enum Aggregation
{
    [JsonStringEnumMemberName("SUM")] Sum,
    [JsonStringEnumMemberName("MIN")] Min,
    [JsonStringEnumMemberName("MAX")] Max,
    [JsonStringEnumMemberName("COUNT")] Count,
}

/// <summary>A DMN-style decision table: one cell per input and per output in each row.</summary>
public sealed record DecisionTable
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public HitPolicy HitPolicy { get; init; } = HitPolicy.Unique;
    /// <summary>Only with COLLECT.</summary>
    public Aggregation? Aggregation { get; init; }
    public required IReadOnlyList<TableInput> Inputs { get; init; }
    public required IReadOnlyList<TableOutput> Outputs { get; init; }
    public required IReadOnlyList<TableRow> Rows { get; init; }
    /// <summary>Output cells used when no row matches. Without it, no match is a visible "no rule matched" result.</summary>
    public IReadOnlyList<string>? Default { get; init; }

    /// <summary>True when the policy can return several rows and the table has no aggregation.</summary>
    [JsonIgnore]
    public bool ReturnsList => Aggregation is null && HitPolicy is HitPolicy.Collect or HitPolicy.RuleOrder or HitPolicy.OutputOrder;
}

public sealed record TableInput
{
    /// <summary>A fact, derived value or output of an earlier table.</summary>
    public required string Name { get; init; }
    public string? Label { get; init; }
}

public sealed record TableOutput
{
    public required string Name { get; init; }
    public required ValueKind Type { get; init; }
    public string? Label { get; init; }
    public string? Unit { get; init; }
    /// <summary>Declared values in priority order (first = highest), used by PRIORITY and OUTPUT ORDER.</summary>
    public IReadOnlyList<EnumValue>? Values { get; init; }
}

public sealed record TableRow
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> When { get; init; }
    public required IReadOnlyList<string> Then { get; init; }
    /// <summary>Legal reference: §, stk., nr., vejledning punkt, principmeddelelse.</summary>
    public string? Ref { get; init; }
    /// <summary>Reason code the begrundelse templates use.</summary>
    public string? Reason { get; init; }
    public string? Note { get; init; }
}
