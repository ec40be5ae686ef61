namespace Serviceloven.Server.Evaluations;

/// <summary>
/// The problem details ASP.NET Core writes itself (a content type the endpoint does not accept, an unknown path, a
/// method not allowed, an unhandled error) in Danish and with this API's problem types, like every other answer.
/// </summary>
public static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // Only the framework's defaults: the API's own problems already have their type, title and detail.
        if (problem.Type is { } type && type.StartsWith(Problems.TypeBase, StringComparison.Ordinal)) return;
        var (title, detail, kind) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("Ugyldig anmodning", "Anmodningen kunne ikke læses.", "invalid-request"),
            StatusCodes.Status404NotFound => ("Ikke fundet", "Adressen findes ikke.", "not-found"),
            StatusCodes.Status405MethodNotAllowed => ("Metoden er ikke tilladt", $"{context.HttpContext.Request.Method} kan ikke bruges på denne adresse.", "method-not-allowed"),
            StatusCodes.Status413PayloadTooLarge => ("Anmodningen er for stor", "Anmodningen er større end grænsen.", "payload-too-large"),
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
            StatusCodes.Status500InternalServerError => ("Intern fejl", "Serveren kunne ikke behandle anmodningen. Fejlen er logget.", "internal-error"),
            _ => (problem.Title, problem.Detail, (string?)null),
        };
        if (kind is null) return;
        problem.Title = title;
        problem.Detail ??= detail;
        problem.Type = Problems.TypeBase + kind;
        // The one framework refusal that lies in a field: the request's Content-Type header (found by the API fuzz).
        if (problem.Status == StatusCodes.Status415UnsupportedMediaType)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [problem.Detail!] };
    }

    /// <summary>The answer to a body that is not JSON, written by routing before the endpoint runs.</summary>
    public static readonly (string Title, string Detail, string Kind) UnsupportedMediaType =
        ("Forkert indholdstype", "Anmodningen skal sendes som application/json.", "unsupported-media-type");
}
