using Microsoft.AspNetCore.Mvc;
using Serviceloven.Engine.Formatting;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Server.Evaluations;

/// <summary>RFC 9457 problem details in Danish, with a stable type per kind of problem.</summary>
public static class Problems
{
    public const string TypeBase = "https://serviceloven.example/problems/";

    /// <summary>Entries of an errors map at most; the detail says how many more there were ("og N flere").</summary>
    public const int MaxErrors = 20;

    /// <summary>Characters of one message or of the detail at most: they may quote what the caller sent.</summary>
    public const int MaxMessageLength = 500;

    public static ProblemDetails Create(int status, string title, string detail, string type) => new()
    {
        Status = status,
        Title = title,
        Detail = Cap(detail),
        Type = TypeBase + type,
    };

    /// <summary>An errors map as answered: at most <see cref="MaxErrors"/> fields, each name and message capped.</summary>
    private static (Dictionary<string, string[]> Errors, string Detail) Capped(IEnumerable<KeyValuePair<string, string[]>> errors, string detail)
    {
        var all = errors.ToList();
        var kept = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in all.Take(MaxErrors))
            kept[Echo.Of(key)] = messages.Take(MaxErrors).Select(Cap).ToArray();
        return (kept, all.Count > MaxErrors ? $"{Cap(detail)} Viser {MaxErrors} felter (og {all.Count - MaxErrors} flere)." : Cap(detail));
    }

    private static string Cap(string text) =>
        text.Length <= MaxMessageLength ? text : text[..(char.IsHighSurrogate(text[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength)] + "…";

    /// <summary>An unknown id is 404; a ruleset left out of the snapshot because a version does not compile is 503.</summary>
    public static ProblemDetails MissingRuleset(RulesSnapshot snapshot, string id) =>
        snapshot.Unavailable.TryGetValue(id, out var unavailable) ? From(EvaluationFailure.RulesetUnavailable(unavailable)) : UnknownRuleset(id);

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

    public static HttpValidationProblemDetails Validation(int status, string detail, IDictionary<string, string[]> errors)
    {
        var capped = Capped(errors, detail);
        return new HttpValidationProblemDetails(capped.Errors)
        {
            Status = status,
            Title = status == 400 ? "Ugyldig anmodning" : "Ugyldige fakta",
            Detail = capped.Detail,
            Type = TypeBase + (status == 400 ? "invalid-request" : "invalid-facts"),
        };
    }

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
        var detail = failure.Detail;
        ProblemDetails problem;
        if (failure.Errors is { } errors)
        {
            (var capped, detail) = Capped(errors, detail);
            problem = new HttpValidationProblemDetails(capped);
        }
        else
        {
            problem = new ProblemDetails();
            detail = Cap(detail);
        }
        problem.Status = status;
        problem.Title = failure.Title;
        problem.Detail = detail;
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
