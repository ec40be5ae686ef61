namespace Serviceloven.Engine.Model;

/// <summary>The content of one ruleset version: what rules/&lt;id&gt;/versions/&lt;validFrom&gt;.json holds.</summary>
public sealed record RulesetVersion
{
    public required DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    /// <summary>What changed against the previous version, in the words of legal staff.</summary>
    public string? ChangeNote { get; init; }
    /// <summary>Legal texts in force for this version (lovbekendtgørelse, vejledning).</summary>
    public IReadOnlyList<string>? LegalBasis { get; init; }
    public required IReadOnlyList<FactDefinition> Facts { get; init; }
    /// <summary>Literal-expression decisions: each one expression, computed when the decisions it reads are.</summary>
    public IReadOnlyList<DerivedValue> Derived { get; init; } = [];
    /// <summary>Context decisions: named entries and an optional result.</summary>
    public IReadOnlyList<ContextDecision>? Contexts { get; init; }
    /// <summary>Business knowledge models: functions with parameters that expressions invoke.</summary>
    public IReadOnlyList<FunctionDefinition>? Functions { get; init; }
    public required IReadOnlyList<DecisionTable> Tables { get; init; }
    /// <summary>The output that carries the ruleset's outcome code (bevilget, afslag, ...).</summary>
    public string Outcome { get; init; } = "outcome";
    /// <summary>Outputs returned to callers (table outputs, derived values, contexts); empty means every table output and context.</summary>
    public IReadOnlyList<string>? Outputs { get; init; }
    /// <summary>Old fact names still accepted and mapped onto list items, for one version period.</summary>
    public IReadOnlyList<LegacyFact>? LegacyFacts { get; init; }
}

/// <summary>rules/&lt;id&gt;/ruleset.json.</summary>
public sealed record RulesetDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? LegalBasis { get; init; }
    public string? Description { get; init; }
    /// <summary>Source texts and the readings chosen where a text leaves a choice open.</summary>
    public IReadOnlyList<SourceNote> Sources { get; init; } = [];
}

public sealed record SourceNote
{
    public required string Ref { get; init; }
    public string? Note { get; init; }
}

public enum VersionStatus { Draft, InReview, Published, Superseded }

/// <summary>What the store knows of a version besides its content.</summary>
public sealed record VersionInfo(
    string RulesetId,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    VersionStatus Status,
    string Hash,
    DateTimeOffset? PublishedAt);
