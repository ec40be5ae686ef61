using System.Collections;
using System.Text.Json;
using Serviceloven.Engine.Evaluation;

namespace Serviceloven.Runtime.Comparison;

/// <summary>A case to run on both sides: a decision date and facts as the API takes them, and the caseworker's notes.</summary>
public sealed record ComparisonCase(DateOnly DecisionDate, IReadOnlyDictionary<string, JsonElement> Facts, IReadOnlyDictionary<string, string>? Notes = null);

/// <summary>
/// What one side answered for a case: the version it ran on (null when none holds on the date), the evaluation, and
/// the begrundelse when asked for (or why it could not be written).
/// </summary>
public sealed record SideResult(SideVersion? Version, EvaluationResult? Result, string? Problem, string? Begrundelse, string? BegrundelseProblem)
{
    /// <summary>determined, undetermined, invalid, error, or "no-version" when no version holds on the date.</summary>
    public string Status => Result is null ? "no-version" : Result.Status switch
    {
        EvaluationStatus.Determined => "determined",
        EvaluationStatus.Undetermined => "undetermined",
        EvaluationStatus.InvalidInput => "invalid",
        _ => "error",
    };

    public string? Outcome => Result?.Outcome;
    public IReadOnlyDictionary<string, object?> Outputs => Result?.Outputs ?? Empty;
    public IReadOnlyList<string> References => Result?.References ?? [];

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();
}

/// <summary>An output whose value differs between the sides (missing on a side is null).</summary>
public sealed record OutputChange(string Name, object? Before, object? After)
{
    /// <summary>True when both are amounts (numbers): a change in what is paid, granted or counted.</summary>
    public bool IsAmount => Before is decimal || After is decimal;
}

/// <summary>One case on both sides and how the answers differ.</summary>
public sealed record CaseComparison(SideResult Before, SideResult After)
{
    public bool StatusChanged => Before.Status != After.Status;
    public bool OutcomeChanged => StatusChanged || Before.Outcome != After.Outcome;
    public IReadOnlyList<OutputChange> OutputChanges { get; } = CaseDifference.Outputs(Before, After);
    public bool AmountsChanged => OutputChanges.Any(c => c.IsAmount);
    /// <summary>The legal references of the deciding rows differ (same result, other grounds).</summary>
    public bool ReferencesChanged => !Before.References.SequenceEqual(After.References, StringComparer.Ordinal);
    /// <summary>Both sides wrote a begrundelse and the texts differ.</summary>
    public bool TextChanged => Before.Begrundelse is not null && After.Begrundelse is not null && Before.Begrundelse != After.Begrundelse;
    public bool AnyChange => OutcomeChanged || OutputChanges.Count > 0 || ReferencesChanged || TextChanged;
}

/// <summary>The difference between two answers, value by value (numbers as decimals, lists element by element).</summary>
public static class CaseDifference
{
    public static IReadOnlyList<OutputChange> Outputs(SideResult before, SideResult after)
    {
        var changes = new List<OutputChange>();
        var names = before.Outputs.Keys.Union(after.Outputs.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var a = before.Outputs.GetValueOrDefault(name);
            var b = after.Outputs.GetValueOrDefault(name);
            if (!Same(a, b)) changes.Add(new OutputChange(name, a, b));
        }
        return changes;
    }

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (decimal x, decimal y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (IList x, IList y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => Same(x[i], y[i])),
        _ => Equals(a, b),
    };
}
