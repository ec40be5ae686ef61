using Microsoft.AspNetCore.Mvc;
using Serviceloven.Runtime.Evaluations;

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

    /// <summary>An unknown ruleset in a path (GET /rulesets/{id}): the field at fault is the path's id.</summary>
    public static ProblemDetails UnknownRuleset(string? id) => Naming(From(EvaluationFailure.UnknownRuleset(id)), "id");

    /// <summary>No version on the queried date (GET /rulesets/{id}?date=): the field at fault is the date.</summary>
    public static ProblemDetails NoValidVersion(string detail) => Naming(From(EvaluationFailure.NoValidVersion(detail)), "date");

    /// <summary>
    /// The problem with its detail filed under <paramref name="field"/> in errors (replacing any there), so a refusal
    /// that lies in one field names it the way every other refusal does.
    /// </summary>
    public static HttpValidationProblemDetails Naming(ProblemDetails problem, string field)
    {
        var named = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [problem.Detail ?? problem.Title ?? ""] })
        {
            Status = problem.Status, Title = problem.Title, Detail = problem.Detail, Type = problem.Type, Instance = problem.Instance,
        };
        foreach (var (key, value) in problem.Extensions) named.Extensions[key] = value;
        return named;
    }

    public static HttpValidationProblemDetails Validation(int status, string detail, IDictionary<string, string[]> errors) => new(errors)
    {
        Status = status,
        Title = status == 400 ? "Ugyldig anmodning" : "Ugyldige fakta",
        Detail = detail,
        Type = TypeBase + (status == 400 ? "invalid-request" : "invalid-facts"),
    };

    /// <summary>A failed evaluation as the API answers it: the status and type of its kind, the fields at fault, the extensions.</summary>
    public static ProblemDetails From(EvaluationFailure failure)
    {
        var (status, type) = failure.Kind switch
        {
            EvaluationFailureKind.InvalidRequest => (400, "invalid-request"),
            EvaluationFailureKind.UnknownRuleset => (404, "unknown-ruleset"),
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
        // The evaluation request's own field, where the kind says which one and the failure named none.
        return failure.Errors is null && failure.Kind switch
        {
            EvaluationFailureKind.UnknownRuleset => "ruleset",
            EvaluationFailureKind.NoValidVersion => "decisionDate",
            _ => null,
        } is { } field ? Naming(problem, field) : problem;
    }
}
