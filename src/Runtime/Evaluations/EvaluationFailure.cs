using Serviceloven.Engine.Formatting;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Evaluations;

/// <summary>Why an evaluation gave no result. The API turns each kind into problem details with its own status and type.</summary>
public enum EvaluationFailureKind
{
    /// <summary>The request lacks a ruleset or a decision date, or names an unknown format.</summary>
    InvalidRequest,
    UnknownRuleset,
    /// <summary>The ruleset exists, but a published version of it does not compile, so none of it is served.</summary>
    RulesetUnavailable,
    /// <summary>No published version of the ruleset holds on the decision date (as known at asOf).</summary>
    NoValidVersion,
    InvalidFacts,
    /// <summary>The rules themselves failed on these facts (e.g. a sats without a value on the date).</summary>
    EvaluationError,
    /// <summary>The begrundelse needs the caseworker's own words for a skøn that the request does not carry.</summary>
    MissingNote,
    BegrundelseError,
}

/// <summary>
/// A failed evaluation in words a caseworker can act on (Danish title and detail), with the request fields at fault.
/// </summary>
public sealed record EvaluationFailure(EvaluationFailureKind Kind, string Title, string Detail)
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <summary>Messages per request field (e.g. "facts.birthDate"), when the failure lies in named fields.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Further machine-readable details, in the order the API lists them (e.g. the template and line of a broken begrundelse).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = None;

    public static EvaluationFailure InvalidRequest(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(EvaluationFailureKind.InvalidRequest, "Ugyldig anmodning", detail) { Errors = errors };

    public static EvaluationFailure UnknownRuleset(string? id) =>
        new(EvaluationFailureKind.UnknownRuleset, "Ukendt regelsæt", $"Regelsættet '{Echo.Of(id ?? "")}' findes ikke.");

    public static EvaluationFailure RulesetUnavailable(UnavailableRuleset ruleset)
    {
        var dates = ruleset.Versions.Where(v => v.ValidFrom is not null).Select(v => $"{v.ValidFrom:yyyy-MM-dd}").ToList();
        var which = dates.Count switch
        {
            0 => "regelsættets beskrivelse kan ikke læses",
            1 => $"versionen fra {dates[0]} kan ikke oversættes",
            _ => $"versionerne fra {string.Join(", ", dates[..^1])} og {dates[^1]} kan ikke oversættes",
        };
        return new(EvaluationFailureKind.RulesetUnavailable, "Regelsættet er ikke tilgængeligt",
            $"Regelsættet '{ruleset.Id}' kan ikke bruges lige nu: {which}. Driften kan se årsagen under /health/ready.");
    }

    public static EvaluationFailure NoValidVersion(string detail) => new(EvaluationFailureKind.NoValidVersion, "Ingen gældende version", detail);

    public static EvaluationFailure InvalidFacts(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(EvaluationFailureKind.InvalidFacts, "Ugyldige fakta", detail) { Errors = errors };
}
