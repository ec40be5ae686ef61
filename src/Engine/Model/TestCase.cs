using System.Text.Json;

namespace Serviceloven.Engine.Model;

/// <summary>A worked case from rules/&lt;id&gt;/tests/*.json, citing the source line it comes from.</summary>
public sealed record TestCase
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>Source of the case, e.g. "003_e9312490f6af4059.txt l.79".</summary>
    public required string Source { get; init; }
    public required DateOnly DecisionDate { get; init; }
    public Dictionary<string, JsonElement> Facts { get; init; } = [];
    public Dictionary<string, string>? Notes { get; init; }
    public required TestExpectation Expect { get; init; }
}

public sealed record TestExpectation
{
    /// <summary>determined, undetermined or error.</summary>
    public string? Status { get; init; }
    public string? Outcome { get; init; }
    public Dictionary<string, JsonElement>? Outputs { get; init; }
    public IReadOnlyList<string>? MissingFacts { get; init; }
    /// <summary>Row ids that decided, in order.</summary>
    public IReadOnlyList<string>? Rules { get; init; }
    /// <summary>Text the error message must contain, for cases that expect an error.</summary>
    public string? Error { get; init; }
}

public sealed record TestSuite
{
    public required IReadOnlyList<TestCase> Cases { get; init; }
}
