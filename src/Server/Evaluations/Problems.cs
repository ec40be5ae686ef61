using Microsoft.AspNetCore.Mvc;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Server.Evaluations;

/// <summary>RFC 9457 problem details in Danish, with a stable type per kind of problem.</summary>
public static class Problems
{
    public const string TypeBase = "https://serviceloven.example/problems/";

    public static ProblemDetails Create(int status, string title, string detail, string type) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = TypeBase + type,
    };

    public static ProblemDetails UnknownRuleset(string? id) => From(EvaluationFailure.UnknownRuleset(id));

    /// <summary>An unknown id is 404; a ruleset left out of the snapshot because a version does not compile is 503.</summary>
    public static ProblemDetails MissingRuleset(RulesSnapshot snapshot, string id) =>
        snapshot.Unavailable.TryGetValue(id, out var unavailable) ? From(EvaluationFailure.RulesetUnavailable(unavailable)) : UnknownRuleset(id);

    public static ProblemDetails NoValidVersion(string detail) => From(EvaluationFailure.NoValidVersion(detail));

    public static HttpValidationProblemDetails Validation(int status, string detail, IDictionary<string, string[]> errors) => new(errors)
    {
        Status = status,
        Title = status == 400 ? "Ugyldig anmodning" : "Ugyldige fakta",
        Detail = detail,
        Type = TypeBase + (status == 400 ? "invalid-request" : "invalid-facts"),
    };

    /// <summary>The problem as validation problem details (errors empty when it names no field), for places typed as such.</summary>
    public static HttpValidationProblemDetails WithErrors(ProblemDetails problem)
    {
        if (problem is HttpValidationProblemDetails validation) return validation;
        var copy = new HttpValidationProblemDetails
        {
            Status = problem.Status, Title = problem.Title, Detail = problem.Detail, Type = problem.Type, Instance = problem.Instance,
        };
        foreach (var (key, value) in problem.Extensions) copy.Extensions[key] = value;
        return copy;
    }

    /// <summary>A failed evaluation as the API answers it: the status and type of its kind, the fields at fault, the extensions.</summary>
    public static ProblemDetails From(EvaluationFailure failure)
    {
        var (status, type) = failure.Kind switch
        {
            EvaluationFailureKind.InvalidRequest => (400, "invalid-request"),
            EvaluationFailureKind.UnknownRuleset => (404, "unknown-ruleset"),
            EvaluationFailureKind.RulesetUnavailable => (503, "ruleset-unavailable"),
            EvaluationFailureKind.NoValidVersion => (422, "no-valid-version"),
            EvaluationFailureKind.InvalidFacts => (422, "invalid-facts"),
            EvaluationFailureKind.EvaluationError => (422, "evaluation-error"),
            EvaluationFailureKind.MissingNote => (422, "missing-note"),
            EvaluationFailureKind.BegrundelseError => (422, "begrundelse-error"),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null),
        };
        var problem = failure.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = failure.Title;
        problem.Detail = failure.Detail;
        problem.Type = TypeBase + type;
        foreach (var (key, value) in failure.Extensions) problem.Extensions[key] = value;
        return problem;
    }
}
