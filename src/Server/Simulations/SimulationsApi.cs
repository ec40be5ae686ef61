using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Serviceloven.Admin.Simulation;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Server.Access;
using Serviceloven.Server.Evaluations;
using Serviceloven.Store.Simulations;

namespace Serviceloven.Server.Simulations;

/// <summary>
/// POST /api/v1/simulations starts a caseload simulation as a job (202 with Location); GET on the job answers its state
/// and progress and, when done, the report; DELETE cancels it. The upload is multipart/form-data: a JSON part
/// "request" (the ruleset and the two sides) first, then the file part "caseload" (CSV or JSON Lines).
/// </summary>
public static class SimulationsApi
{
    public const string RequestPart = "request";
    public const string CaseloadPart = "caseload";
    private const string JobId = "Simuleringens id, som Location og links.self gav ved starten.";

    public static RouteGroupBuilder MapSimulations(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<SimulationJobOptions>>().Value.MaxCaseloadBytes;
        var group = api.MapGroup("/simulations").WithTags("Simuleringer");

        group.MapPost("/", StartAsync)
            .WithName("StartSimulation")
            .WithSummary("Start en simulering af en sagsbestand på to sider (A og B)")
            .WithDescription("multipart/form-data med to dele i denne rækkefølge: \"request\" (JSON: regelsættet og siderne A og B) og \"caseload\" " +
                "(filen: CSV med et faktum pr. kolonne og en sag pr. række, eller JSON Lines med en evalueringsanmodnings facts pr. linje). " +
                "Filen læses som en strøm og skæres i partitioner, som serverens noder tæller; dens rækker ligger kun i databasen, mens jobbet kører. " +
                "Svaret er 202 med Location til jobbet. En kolonne med CPR-lignende værdier afviser hele filen.")
            // Declared so the request part's type is a named schema of the document (the operation's body is then rewritten as the multipart
            // upload it is); multipart/form-data too, as routing answers 415 to a content type the endpoint does not declare.
            .Accepts<SimulationRequest>("application/json", "multipart/form-data")
            .RequireRateLimiting(SimulationStartLimit.Name)
            .WithMetadata(new CaseloadSizeLimit(maxBytes))
            .Produces<SimulationJobResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/{id}", Get)
            .WithName("GetSimulation")
            .WithSummary("Simuleringens tilstand, fremdrift og (når den er færdig) resultatet")
            .Produces<SimulationJobResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", CancelAsync)
            .WithName("CancelSimulation")
            .WithSummary("Annullér en simulering, der kører; sagsbestandens rækker slettes straks")
            .Produces<SimulationJobResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/report.html", ([Description(JobId)] string id, ClaimsPrincipal user, SimulationJobs jobs) =>
                Document(id, user, jobs, r => TypedResults.Text(SimulationDocuments.Html(r), "text/html; charset=utf-8")))
            .WithName("GetSimulationReportHtml")
            .WithSummary("Rapporten som HTML-side med ændringsmatrix og histogram (SVG, ingen scripts)")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/report.csv", ([Description(JobId)] string id, ClaimsPrincipal user, SimulationJobs jobs) =>
                Document(id, user, jobs, r => TypedResults.Text(SimulationDocuments.Csv(r), "text/csv; charset=utf-8")))
            .WithName("GetSimulationReportCsv")
            .WithSummary("Rapportens tal som CSV (semikolon og decimalkomma)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Results<Accepted<SimulationJobResponse>, ProblemHttpResult>> StartAsync(HttpContext http, ClaimsPrincipal user,
        SimulationJobs jobs, SimulationService simulations, IOptions<SimulationJobOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxCaseloadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max;
        if (http.Request.ContentLength is { } length && length > max) return TypedResults.Problem(RequestSizeFilter.TooLarge(length, max));
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return TypedResults.Problem(Problems.Naming(Problems.Create(415, "Forkert indholdstype",
                "En simulering sendes som multipart/form-data med delene \"request\" (JSON) og \"caseload\" (filen).", "unsupported-media-type"), "Content-Type"));

        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            SimulationRequest? request = null;
            (SimulationSide A, SimulationSide B)? sides = null;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = disposition is null ? "" : HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == RequestPart)
                {
                    try
                    {
                        request = await JsonSerializer.DeserializeAsync<SimulationRequest>(section.Body, json.Value.SerializerOptions, cancellationToken);
                    }
                    catch (JsonException ex)
                    {
                        return TypedResults.Problem(JsonErrors.Problem(ex, typeof(SimulationRequest), RequestPart));
                    }
                    // Each side's published rules as they stand now, written into the job, so every node resolves the same rules.
                    var now = time.GetUtcNow();
                    request = (request ?? new SimulationRequest()) with
                    {
                        A = (request?.A ?? new SimulationSideRequest()) with { AsOf = request?.A?.AsOf ?? now },
                        B = (request?.B ?? new SimulationSideRequest()) with { AsOf = request?.B?.AsOf ?? now },
                    };
                    if (Refusal(request, simulations) is { } refused) return TypedResults.Problem(refused);
                    try
                    {
                        sides = jobs.Sides(request);
                    }
                    catch (ArgumentException ex)
                    {
                        return TypedResults.Problem(Refused(FieldOf(ex.Message, request), ex.Message));
                    }
                }
                else if (name == CaseloadPart)
                {
                    if (request is null || sides is not { } resolved)
                        return TypedResults.Problem(Refused("request", "Delen \"request\" skal komme før \"caseload\", så filen kan læses mod regelsættets fakta."));
                    var format = FormatOf(section.ContentType, disposition?.FileName.Value);
                    var client = user.Identity?.Name ?? "anonym";
                    try
                    {
                        var job = await jobs.StartAsync(request, resolved.A, resolved.B, section.Body, format, client, cancellationToken);
                        var response = Describe(job, jobs);
                        return TypedResults.Accepted(response.Links.Self, response);
                    }
                    catch (CaseloadRefusedException ex)
                    {
                        var problem = Refused(CaseloadPart, ex.Message);
                        if (ex.Field != CaseloadPart) problem.Extensions["column"] = ex.Field;
                        return TypedResults.Problem(problem);
                    }
                }
                else
                {
                    return TypedResults.Problem(Refused(name.Length == 0 ? "Content-Disposition" : name,
                        $"Ukendt del \"{name}\"; en simulering har delene \"{RequestPart}\" og \"{CaseloadPart}\"."));
                }
            }
            return TypedResults.Problem(Refused(request is null ? RequestPart : CaseloadPart, request is null
                ? "Delen \"request\" (JSON med regelsættet og siderne) mangler."
                : "Delen \"caseload\" (sagsbestanden som CSV eller JSON Lines) mangler."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(RequestSizeFilter.TooLarge(http.Request.ContentLength ?? max + 1, max));
        }
        catch (InvalidDataException ex)
        {
            return TypedResults.Problem(Refused("Content-Type", "Multipart-indholdet kan ikke læses: " + ex.Message));
        }
    }

    /// <summary>The request's own faults, each naming its field; null when it can be run.</summary>
    internal static HttpValidationProblemDetails? Refusal(SimulationRequest request, SimulationService simulations)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Ruleset))
            errors["request.ruleset"] = ["Angiv regelsættets id, fx \"sel-97\"."];
        else if (!simulations.Rulesets().Any(r => r.Id == request.Ruleset))
            errors["request.ruleset"] = [$"Regelsættet '{request.Ruleset}' findes ikke eller har ingen offentliggjort version."];
        if (errors.Count > 0) return Problems.Validation(400, "Simuleringen kan ikke startes.", errors);
        foreach (var (letter, side) in new[] { ("a", request.A), ("b", request.B) })
        {
            if (side?.DraftId is { } id)
            {
                if (simulations.Version(id) is not { } version)
                    errors[$"request.{letter}.draftId"] = [$"Kladde nr. {id} findes ikke."];
                else if (version.RulesetId != request.Ruleset)
                    errors[$"request.{letter}.draftId"] = [$"Version {id} hører til {version.RulesetId}, ikke {request.Ruleset}."];
                else if (version.Status == Store.Versions.Status.Published)
                    errors[$"request.{letter}.draftId"] = [$"Version {id} er offentliggjort; vælg en kladde eller udelad draftId."];
            }
            if (side?.SatsRevisionId is { } sats && !simulations.PendingSatser(request.Ruleset).Any(r => r.Id == sats))
                errors[$"request.{letter}.satsRevisionId"] = [$"Satsrevision nr. {sats} findes ikke som kladde eller til godkendelse."];
        }
        return errors.Count == 0 ? null : Problems.Validation(400, "Simuleringen kan ikke startes.", errors);
    }

    /// <summary>The field a refusal from resolving the sides is about: the side's draft or sats revision it names, else the ruleset.</summary>
    private static string FieldOf(string message, SimulationRequest request)
    {
        foreach (var (letter, side) in new[] { ("b", request.B), ("a", request.A) })
        {
            if (side?.SatsRevisionId is { } sats && message.Contains($"Satsrevision nr. {sats}", StringComparison.Ordinal)) return $"request.{letter}.satsRevisionId";
            if (side?.DraftId is { } id && (message.Contains($"Kladde nr. {id} ", StringComparison.Ordinal) || message.Contains($"Version {id} ", StringComparison.Ordinal)))
                return $"request.{letter}.draftId";
        }
        return "request.ruleset";
    }

    public static HttpValidationProblemDetails Refused(string field, string message) =>
        Problems.Validation(400, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>JSON Lines if the part says so by its type or its file name (.jsonl, .ndjson); CSV otherwise.</summary>
    private static CaseloadFormat FormatOf(string? contentType, string? fileName) =>
        contentType is { } t && (t.Contains("ndjson", StringComparison.OrdinalIgnoreCase) || t.Contains("jsonl", StringComparison.OrdinalIgnoreCase)
                                 || t.Contains("json-lines", StringComparison.OrdinalIgnoreCase))
            ? CaseloadFormat.JsonLines
            : contentType is { } c && c.Contains("csv", StringComparison.OrdinalIgnoreCase) ? CaseloadFormat.Csv
            : CaseloadReader.FormatOf(fileName ?? "");

    private static Results<Ok<SimulationJobResponse>, ProblemHttpResult> Get([Description(JobId)] string id, ClaimsPrincipal user, SimulationJobs jobs) =>
        Find(id, user, jobs) is { } job ? TypedResults.Ok(Describe(job, jobs)) : TypedResults.Problem(NotFound(id));

    private static async Task<Results<Ok<SimulationJobResponse>, ProblemHttpResult>> CancelAsync([Description(JobId)] string id, ClaimsPrincipal user, SimulationJobs jobs,
        CancellationToken cancellationToken)
    {
        if (Find(id, user, jobs) is not { } job) return TypedResults.Problem(NotFound(id));
        if (!await jobs.CancelAsync(id, cancellationToken))
            return TypedResults.Problem(Ended(job.State));
        return TypedResults.Ok(Describe(jobs.Get(id)!, jobs));
    }

    private static Results<Ok<string>, ContentHttpResult, ProblemHttpResult> Document(string id, ClaimsPrincipal user, SimulationJobs jobs,
        Func<SimulationReport, ContentHttpResult> render)
    {
        if (Find(id, user, jobs) is not { } job) return TypedResults.Problem(NotFound(id));
        if (SimulationJobs.Report(job) is not { } report)
            return TypedResults.Problem(NotDone(job.State));
        return render(report);
    }

    // Another key's jobs are not found: a job's id is no permission.
    private static SimulationJobRow? Find(string id, ClaimsPrincipal user, SimulationJobs jobs) =>
        jobs.Get(id) is { } job && job.Client == (user.Identity?.Name ?? "anonym") ? job : null;

    public static HttpValidationProblemDetails NotFound(string id) =>
        Problems.Naming(Problems.Create(404, "Ukendt simulering", $"Der er ingen simulering med id '{Serviceloven.Engine.Formatting.Echo.Of(id)}' for denne API-nøgle.", "unknown-simulation"), "id");

    public static ProblemDetails Ended(string state) =>
        Problems.Create(409, "Simuleringen er afsluttet", $"Simuleringen er allerede {Danish(state)}; der er intet at annullere.", "simulation-ended");

    public static ProblemDetails NotDone(string state) =>
        Problems.Create(409, "Ingen rapport endnu", $"Simuleringen er {Danish(state)}; rapporten findes, når den er færdig.", "simulation-not-done");

    private static string Danish(string state) => state switch
    {
        SimulationJobStates.Done => "færdig",
        SimulationJobStates.Cancelled => "annulleret",
        SimulationJobStates.Failed => "fejlet",
        SimulationJobStates.Merging => "ved at samle rapporten",
        _ => "i gang",
    };

    public static SimulationJobResponse Describe(SimulationJobRow job, SimulationJobs jobs)
    {
        var self = "/api/v1/simulations/" + job.Id;
        var done = job.State == SimulationJobStates.Done;
        var report = done ? SimulationJobs.Report(job) : null;
        return new SimulationJobResponse
        {
            Id = job.Id,
            State = job.State,
            Ruleset = job.RulesetId,
            CreatedAt = job.CreatedAt,
            FinishedAt = job.FinishedAt,
            Progress = jobs.Progress(job, report),
            Result = report,
            Problem = job.Problem,
            Links = new SimulationJobLinks(self, done ? self + "/report.html" : null, done ? self + "/report.csv" : null),
        };
    }
}

/// <summary>The caseload upload's own body limit (Simulations:MaxCaseloadBytes), in place of Access:MaxRequestBodyBytes.</summary>
public sealed class CaseloadSizeLimit(long bytes) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => bytes;
}
