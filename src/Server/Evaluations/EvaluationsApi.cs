using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Server.Access;

namespace Serviceloven.Server.Evaluations;

public static class EvaluationsApi
{
    public const int MaxBatch = 100;

    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/evaluations").WithTags("Evalueringer");

        group.MapPost("/", EvaluateAsync)
            .WithName("Evaluate")
            .WithSummary("Evaluér fakta mod regelsættet gældende på afgørelsesdatoen")
            .WithDescription("Vælger den version, der gælder på decisionDate blandt dem, der var offentliggjort på asOf (standard: nu), og returnerer udfald, resultater, forklaring (trace), brugte satser, retsgrundlag og eventuelt en begrundelse.")
            .Accepts<EvaluationRequest>("application/json")
            .Produces<EvaluationResponse>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/batch", BatchAsync)
            .WithName("EvaluateBatch")
            .WithSummary("Evaluér op til 100 anmodninger på én gang")
            .WithDescription("Hver anmodning evalueres for sig; svaret har et resultat eller en problem details pr. anmodning, i samme rækkefølge.")
            .Accepts<BatchRequest>("application/json")
            .Produces<BatchResponse>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public const string PdfMediaType = "application/pdf";

    private static async Task<Results<Ok<EvaluationResponse>, FileContentHttpResult, ProblemHttpResult>> EvaluateAsync(
        HttpRequest http, EvaluationService service, ApiKeyCache keys, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestReader.ReadAsync<EvaluationRequest>(http, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return TypedResults.Problem(problem);
        var wantsPdf = WantsPdf(http);
        if (wantsPdf)
        {
            // Accept: application/pdf answers the letter itself, so there must be one, as PDF.
            var errors = new Dictionary<string, string[]>();
            if (!request!.Begrundelse) errors["begrundelse"] = ["Med Accept: application/pdf skal begrundelse være true."];
            if (request.Format is not (null or BegrundelseService.Pdf)) errors["format"] = ["Med Accept: application/pdf skal formatet være \"pdf\" eller udelades."];
            if (errors.Count > 0) return TypedResults.Problem(Problems.Validation(400, "Anmodningen kan ikke besvares som PDF.", errors));
            request = request with { Format = BegrundelseService.Pdf };
        }
        var outcome = await service.EvaluateAsync(request!, LetterheadOf(http, keys), cancellationToken);
        if (outcome.Response is not { } response) return TypedResults.Problem(Problems.From(outcome.Failure!));
        if (!wantsPdf) return TypedResults.Ok(response);
        if (outcome.Pdf is not { } pdf)
            return TypedResults.Problem(Problems.Create(422, "Intet brev", $"Resultatet er ikke afgjort ({response.Status}); der er intet brev at sende. Mangler: {string.Join(", ", response.MissingFacts)}.", "no-letter"));
        // The letter alone loses the JSON's outcome and receipt; headers keep them for the case system's journal.
        http.HttpContext.Response.Headers["X-Serviceloven-Outcome"] = response.Outcome;
        http.HttpContext.Response.Headers["X-Serviceloven-Version-Set-Hash"] = response.Receipt.VersionSetHash;
        http.HttpContext.Response.Headers["X-Serviceloven-Input-Hash"] = response.Receipt.InputHash;
        return TypedResults.File(pdf, PdfMediaType, $"afgoerelse-{response.Ruleset}-{response.DecisionDate:yyyy-MM-dd}.pdf");
    }

    /// <summary>Accept names application/pdf and not JSON before it: the caller wants the letter itself.</summary>
    private static bool WantsPdf(HttpRequest http)
    {
        var accept = http.GetTypedHeaders().Accept;
        var pdf = accept.FirstOrDefault(a => a.MediaType.Equals(PdfMediaType, StringComparison.OrdinalIgnoreCase));
        if (pdf is null || pdf.Quality == 0) return false;
        var json = accept.FirstOrDefault(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return json is null || (json.Quality ?? 1) < (pdf.Quality ?? 1);
    }

    /// <summary>The municipality whose letterhead the caller's API key writes with; null: the default letterhead.</summary>
    private static string? LetterheadOf(HttpRequest http, ApiKeyCache keys) =>
        http.Headers.TryGetValue(ApiKeyAuthentication.Header, out var key) && key.ToString() is { Length: > 0 } k ? keys.Find(k)?.LetterheadKey : null;

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> BatchAsync(
        HttpRequest http, EvaluationService service, ApiKeyCache keys, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        // The items are read one by one, so a malformed item is that item's problem, not the whole batch's.
        var (batch, problem) = await RequestReader.ReadAsync<RawBatch>(http, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return TypedResults.Problem(problem);
        if (batch!.Evaluations is not { Count: > 0 } list)
            return TypedResults.Problem(EmptyBatch());
        if (list.Count > MaxBatch)
            return TypedResults.Problem(TooLargeBatch(list.Count));
        var items = list.Select((item, i) => RequestReader.ReadItem<EvaluationRequest>(item, $"evaluations[{i}]", json.Value.SerializerOptions)).ToList();
        return TypedResults.Ok(await EvaluateItemsAsync(items, service, cancellationToken, LetterheadOf(http, keys)));
    }

    public static ProblemDetails EmptyBatch() =>
        Problems.Validation(400, "Angiv mindst én evaluering.", new Dictionary<string, string[]> { ["evaluations"] = ["Listen er tom."] });

    public static ProblemDetails TooLargeBatch(int count) =>
        Problems.Validation(400, $"Højst {MaxBatch} evalueringer pr. kald.", new Dictionary<string, string[]> { ["evaluations"] = [$"{count} er for mange."] });

    /// <summary>Each evaluation of a batch for itself, in order: a result or a problem per request.</summary>
    public static Task<BatchResponse> EvaluateEachAsync(IReadOnlyList<EvaluationRequest> list, EvaluationService service, CancellationToken cancellationToken) =>
        EvaluateItemsAsync(list.Select(r => ((EvaluationRequest?)r, (ProblemDetails?)null)).ToList(), service, cancellationToken);

    /// <summary>Each item for itself: one that could not be read keeps its own problem, the others are evaluated (letters on the caller's letterhead).</summary>
    private static async Task<BatchResponse> EvaluateItemsAsync(IReadOnlyList<(EvaluationRequest? Value, ProblemDetails? Problem)> items,
        EvaluationService service, CancellationToken cancellationToken, string? letterhead = null)
    {
        var results = new List<BatchItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (request, invalid) = items[i];
            if (invalid is not null)
            {
                results.Add(new BatchItem(i, invalid.Status ?? StatusCodes.Status400BadRequest, null, Problems.WithErrors(invalid)));
                continue;
            }
            var outcome = await service.EvaluateAsync(request!, letterhead, cancellationToken);
            var failed = outcome.Failure is { } failure ? Problems.WithErrors(Problems.From(failure)) : null;
            results.Add(new BatchItem(i, failed?.Status ?? StatusCodes.Status200OK, outcome.Response, failed));
        }
        return new BatchResponse(results);
    }
}

/// <summary>Reads a JSON body itself, so malformed JSON gets a 400 that names where it broke.</summary>
public static class RequestReader
{
    public static async Task<(T? Value, ProblemDetails? Problem)> ReadAsync<T>(HttpRequest http, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (!(http.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
            return (null, Problems.Naming(Problems.Create(415, "Forkert indholdstype", "Anmodningen skal sendes som application/json.", "unsupported-media-type"), "Content-Type"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Body, options, cancellationToken);
            return value is null
                ? (null, Problems.Naming(Problems.Create(400, "Ugyldig JSON", "Anmodningen er tom.", "invalid-json"), "body"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, JsonErrors.Problem(ex, typeof(T), null));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own refusals while the body is read: answered here, so they are not logged as unhandled errors.
            return (null, ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Problems.Create(413, "Anmodningen er for stor", ex.Message, "payload-too-large"),
                StatusCodes.Status408RequestTimeout => Problems.Create(408, "Anmodningen kom ikke frem",
                    "Anmodningens indhold holdt op med at komme, før det var så langt, som Content-Length angav.", "request-timeout"),
                _ => Problems.Create(400, "Ufuldstændig anmodning",
                    "Anmodningens indhold sluttede, før det var så langt, som Content-Length angav, eller kunne ikke læses.", "incomplete-body"),
            });
        }
    }

    /// <summary>One item of a JSON array read as its own request; a problem names it by <paramref name="name"/> ("evaluations[3]").</summary>
    public static (T? Value, ProblemDetails? Problem) ReadItem<T>(JsonElement item, string name, JsonSerializerOptions options)
        where T : class
    {
        if (item.ValueKind != JsonValueKind.Object)
            return (null, Problems.Validation(400, $"{name} er ikke et JSON-objekt.",
                new Dictionary<string, string[]> { [name] = ["Hver evaluering skal være et JSON-objekt med ruleset, decisionDate og facts."] }));
        try
        {
            return (item.Deserialize<T>(options), null);
        }
        catch (JsonException ex)
        {
            return (null, JsonErrors.Problem(ex, typeof(T), name));
        }
    }
}
