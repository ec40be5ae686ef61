using Microsoft.AspNetCore.Mvc;

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

    public static ProblemDetails UnknownRuleset(string? id) =>
        Create(404, "Ukendt regelsæt", $"Regelsættet '{id}' findes ikke.", "unknown-ruleset");

    public static ProblemDetails NoValidVersion(string detail) => Create(422, "Ingen gældende version", detail, "no-valid-version");

    public static HttpValidationProblemDetails Validation(int status, string detail, IDictionary<string, string[]> errors) => new(errors)
    {
        Status = status,
        Title = status == 400 ? "Ugyldig anmodning" : "Ugyldige fakta",
        Detail = detail,
        Type = TypeBase + (status == 400 ? "invalid-request" : "invalid-facts"),
    };
}
