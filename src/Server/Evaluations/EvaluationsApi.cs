using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serviceloven.Runtime.Evaluations;

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
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

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

    private static async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> EvaluateAsync(
        HttpRequest http, EvaluationService service, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestReader.ReadAsync<EvaluationRequest>(http, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return TypedResults.Problem(problem);
        var outcome = await service.EvaluateAsync(request!, cancellationToken);
        return outcome.Response is { } response ? TypedResults.Ok(response) : TypedResults.Problem(Problems.From(outcome.Failure!));
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> BatchAsync(
        HttpRequest http, EvaluationService service, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (batch, problem) = await RequestReader.ReadAsync<BatchRequest>(http, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return TypedResults.Problem(problem);
        if (batch!.Evaluations is not { Count: > 0 } list)
            return TypedResults.Problem(EmptyBatch());
        if (list.Count > MaxBatch)
            return TypedResults.Problem(TooLargeBatch(list.Count));
        return TypedResults.Ok(await EvaluateEachAsync(list, service, cancellationToken));
    }

    public static ProblemDetails EmptyBatch() =>
        Problems.Validation(400, "Angiv mindst én evaluering.", new Dictionary<string, string[]> { ["evaluations"] = ["Listen er tom."] });

    public static ProblemDetails TooLargeBatch(int count) =>
        Problems.Validation(400, $"Højst {MaxBatch} evalueringer pr. kald.", new Dictionary<string, string[]> { ["evaluations"] = [$"{count} er for mange."] });

    /// <summary>Each evaluation of a batch for itself, in order: a result or a problem per request.</summary>
    public static async Task<BatchResponse> EvaluateEachAsync(IReadOnlyList<EvaluationRequest> list, EvaluationService service, CancellationToken cancellationToken)
    {
        var results = new List<BatchItem>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var outcome = await service.EvaluateAsync(list[i], cancellationToken);
            var failed = outcome.Failure is { } failure ? Problems.From(failure) : null;
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
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var field = path.TrimStart('$', '.');
            return (null, Problems.Validation(400, $"Anmodningen er ikke gyldig JSON eller har en forkert type ved {path}.",
                new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [ex.Message.Split(" Path:")[0]] }));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.Create(413, "Anmodningen er for stor", ex.Message, "payload-too-large"));
        }
    }
}
