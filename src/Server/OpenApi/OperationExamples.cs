using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Server.OpenApi;

/// <summary>
/// Puts the examples on each operation: the request body's, the 200 answer's, and a named example per refusal under
/// its status, with a description of every status the operation can answer.
/// </summary>
internal sealed class OperationExamples(ApiExamples examples, SnapshotHolder snapshots) : IOpenApiOperationTransformer
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        var problems = new List<ResponseExample>(examples.KeyProblems);
        switch (name)
        {
            case "Evaluate":
                RequestExample(operation, JsonNode.Parse(ApiExamples.EvaluationRequestJson)!);
                if (await examples.EvaluationResponseAsync(cancellationToken) is { } answer) OkExample(operation, answer);
                PdfAnswer(operation);
                problems.AddRange(await examples.BodyProblemsAsync(cancellationToken));
                problems.AddRange(await examples.EvaluationProblemsAsync(cancellationToken));
                problems.Add(examples.RulesetUnavailable);
                break;
            case "EvaluateBatch":
                RequestExample(operation, examples.BatchRequest);
                OkExample(operation, await examples.BatchResponseAsync(cancellationToken));
                problems.AddRange(await examples.BodyProblemsAsync(cancellationToken));
                problems.AddRange(examples.BatchProblems);
                break;
            case "ListRulesets":
                OkExample(operation, JsonNode.Parse(GetExamples.Rulesets)!);
                break;
            case "GetRuleset":
                OkExample(operation, JsonNode.Parse(GetExamples.RulesetSchema)!);
                problems.AddRange(examples.RulesetProblems);
                problems.Add(examples.RulesetUnavailable);
                break;
            case "ListVersions":
                OkExample(operation, JsonNode.Parse(GetExamples.Versions)!);
                problems.AddRange(examples.RulesetProblems.Where(p => p.Status == 404));
                problems.Add(examples.RulesetUnavailable);
                break;
            case "ListSatser":
                OkExample(operation, JsonNode.Parse(GetExamples.Satser)!);
                problems.Add(examples.InvalidDate);
                break;
            case "GetSats":
                OkExample(operation, JsonNode.Parse(GetExamples.Sats)!);
                problems.Add(examples.UnknownSats);
                break;
            case "StartSimulation":
                await SimulationExamples.UploadAsync(operation, context, cancellationToken);
                Example(operation, "202", JsonNode.Parse(SimulationExamples.Running)!);
                problems.RemoveAll(p => p.Status == 429);
                problems.AddRange(SimulationExamples.StartProblems());
                break;
            case "GetSimulation":
                OkExample(operation, JsonNode.Parse(SimulationExamples.Done)!);
                problems.Add(SimulationExamples.UnknownJob);
                break;
            case "CancelSimulation":
                OkExample(operation, JsonNode.Parse(SimulationExamples.Cancelled)!);
                problems.Add(SimulationExamples.UnknownJob);
                problems.Add(SimulationExamples.Ended);
                break;
            case "GetSimulationReportHtml":
                Example(operation, "200", JsonValue.Create(SimulationExamples.Html), "text/html");
                problems.Add(SimulationExamples.UnknownJob);
                problems.Add(SimulationExamples.NotDone);
                break;
            case "GetSimulationReportCsv":
                Example(operation, "200", JsonValue.Create(SimulationExamples.Csv), "text/csv");
                problems.Add(SimulationExamples.UnknownJob);
                problems.Add(SimulationExamples.NotDone);
                break;
            default:
                return;
        }
        if (name is "Evaluate" or "EvaluateBatch") operation.Description += ApiDocumentation.DeprecationNote(snapshots.Current);
        // ?date= is read as text to answer a bad date with a problem naming it; to clients it is a date.
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (parameter.Name == "date") parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" };
        foreach (var group in problems.GroupBy(p => p.Status))
            ProblemExamples(operation, group.Key, group.ToList());
        foreach (var (status, response) in operation.Responses ?? [])
            if (response is OpenApiResponse concrete && Describe(status, name) is { } description) concrete.Description = description;
    }

    private static void RequestExample(OpenApiOperation operation, JsonNode example)
    {
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Description = "application/json; højst Access:MaxRequestBodyBytes (standard 1 MiB).";
            body.Required = true;
            if (body.Content?.TryGetValue(Json, out var media) == true) media.Example = example;
        }
    }

    private static void Example(OpenApiOperation operation, string status, JsonNode example, string mediaType = Json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue(mediaType, out var media) == true)
            media.Example = example;
    }

    private static void OkExample(OpenApiOperation operation, JsonNode example)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(Json, out var media) == true)
            media.Example = example;
    }

    /// <summary>
    /// With Accept: application/pdf the 200 answer is the letter itself. Declared here rather than with Produces, which
    /// would replace the JSON answer of the same status instead of adding to it.
    /// </summary>
    private static void PdfAnswer(OpenApiOperation operation)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response && response.Content is { } content)
            content[Evaluations.EvaluationsApi.PdfMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "Brevet som PDF (A4, kommunens brevhoved, indlejrede skrifter, tagget)." },
            };
    }

    /// <summary>A named example per refusal under its status; a status the endpoint did not declare is added with the problem schema.</summary>
    private static void ProblemExamples(OpenApiOperation operation, int status, List<ResponseExample> list)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(key, out var response))
        {
            var schema = operation.Responses.Values
                .Select(r => r.Content is { } c && c.TryGetValue(ProblemJson, out var m) ? m.Schema : null).FirstOrDefault(s => s is not null);
            response = new OpenApiResponse { Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } } };
            operation.Responses[key] = response;
        }
        if (response.Content?.TryGetValue(ProblemJson, out var media) != true || media is null) return;
        media.Examples = list.ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = e.Body });
    }

    private static string? Describe(string status, string name) => (status, name) switch
    {
        ("202", "StartSimulation") => "Jobbet er startet og kører i baggrunden; Location (og links.self) peger på det. Hent det med GET, indtil state er done.",
        ("200", "GetSimulation") => "Jobbets tilstand og fremdrift; når state er done, også resultatet og links til rapporten som HTML og CSV.",
        ("200", "CancelSimulation") => "Jobbet er annulleret; sagsbestandens rækker er slettet, og intet resultat gemmes.",
        ("200", "GetSimulationReportHtml") => "Rapporten som én HTML-side med ændringsmatrix og histogram som SVG (ingen scripts, ingen eksterne filer).",
        ("200", "GetSimulationReportCsv") => "Rapportens tal som CSV med semikolon og decimalkomma.",
        ("400", "StartSimulation") => "request eller caseload kan ikke bruges: ukendt regelsæt eller kladde, en forkert side, ugyldig JSON, en kolonne med CPR-lignende værdier, " +
            "eller delene i forkert rækkefølge. errors navngiver feltet (request.ruleset, request.b.draftId, caseload ...). Intet af filen er gemt.",
        ("404", "GetSimulation" or "CancelSimulation" or "GetSimulationReportHtml" or "GetSimulationReportCsv") => "Ingen simulering med det id for denne API-nøgle.",
        ("409", "CancelSimulation") => "Simuleringen er allerede færdig, annulleret eller fejlet.",
        ("409", _) => "Simuleringen er ikke færdig; rapporten findes, når state er done.",
        ("413", "StartSimulation") => "Filen er større end Simulations:MaxCaseloadBytes.",
        ("415", "StartSimulation") => "Content-Type er ikke multipart/form-data.",
        ("429", "StartSimulation") => "Nøglen har startet flere simuleringer, end Simulations:StartBurst og Simulations:StartsPerMinute tillader; Retry-After siger, hvor mange sekunder der skal ventes.",
        ("200", "Evaluate") => "Svaret; med Accept: application/pdf (og begrundelse: true) selve brevet som PDF, med udfald og kvitteringens hashes i X-Serviceloven-headerne.",
        ("200", "EvaluateBatch") => "Et resultat eller en problem details pr. anmodning, i samme rækkefølge; statusCode er den status, anmodningen alene ville have fået.",
        ("200", _) => "Svaret.",
        ("400", "Evaluate" or "EvaluateBatch") => "Anmodningen kan ikke læses: ugyldig JSON, en forkert type eller et manglende felt. errors navngiver feltet.",
        ("400", _) => "date er ikke en dato på formen ÅÅÅÅ-MM-DD. errors navngiver parameteren.",
        ("401", _) => "X-Api-Key mangler, eller nøglen er ukendt eller tilbagekaldt.",
        ("429", _) => "Nøglen (eller klientadressen uden gyldig nøgle) har brugt sin kvote (Access:RateLimit); Retry-After siger, hvor mange sekunder der skal ventes.",
        ("404", "GetSats") => "Satsen findes ikke.",
        ("404", _) => "Regelsættet findes ikke.",
        ("422", "GetRuleset") => "Regelsættet har ingen version, der gælder på datoen; detail nævner de perioder, det gælder.",
        ("413", _) => "Anmodningen er større end Access:MaxRequestBodyBytes.",
        ("415", _) => "Content-Type er ikke application/json.",
        ("422", _) => "Anmodningen er læst, men kan ikke afgøres: ugyldige fakta, ingen version gældende på datoen, en regel der fejler (aldrig et afslag), " +
            "eller en begrundelse der mangler sagsbehandlerens bemærkning. type siger hvilken.",
        _ => null,
    };
}
