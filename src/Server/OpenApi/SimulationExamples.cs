using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Server.Access;
using Serviceloven.Server.Simulations;

namespace Serviceloven.Server.OpenApi;

/// <summary>
/// The simulation endpoints in the document: the multipart upload (a JSON part and a file part, as any language's HTTP
/// client sends a form), the job's answers, and each refusal built by the code that writes it.
/// </summary>
internal static class SimulationExamples
{
    public const string Request = """
        { "ruleset": "sel-97", "a": { "decisionDate": "2026-06-01", "asOf": null }, "b": { "draftId": 42, "satsRevisionId": null, "decisionDate": "2027-01-01" } }
        """;

    public const string Caseload = "afgørelsesdato;Fødselsdato;Årsag til den nedsatte funktionsevne;cannotGetAroundAloneOutsideHome\n01-06-2026;10-05-2008;physical;ja\n";

    public const string Running = """
        {
          "id": "5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f", "state": "running", "ruleset": "sel-97",
          "createdAt": "2026-12-05T09:30:00+00:00", "finishedAt": null,
          "progress": { "rows": 100000, "rowsDone": 40000, "casesDone": 39950, "partitions": 10, "partitionsDone": 4, "fraction": 0.4,
                        "casesPerSecond": 9987.5, "secondsLeft": 6.0 },
          "result": null, "problem": null,
          "links": { "self": "/api/v1/simulations/5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f", "html": null, "csv": null }
        }
        """;

    public const string Done = """
        {
          "id": "5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f", "state": "done", "ruleset": "sel-97",
          "createdAt": "2026-12-05T09:30:00+00:00", "finishedAt": "2026-12-05T09:30:11+00:00",
          "progress": { "rows": 3, "rowsDone": 3, "casesDone": 2, "partitions": 1, "partitionsDone": 1, "fraction": 1,
                        "casesPerSecond": 0.2, "secondsLeft": null },
          "result": {
            "rulesetId": "sel-97",
            "a": { "name": "Offentliggjort", "description": "offentliggjort pr. 2026-12-05 09:30, rækkens egen afgørelsesdato", "outcomes": { "bevilget": 2 } },
            "b": { "name": "Kladde nr. 42", "description": "kladde nr. 42 gældende fra 2018-02-01, afgørelsesdato 2027-01-01", "outcomes": { "afslag": 1, "bevilget": 1 } },
            "cases": 2, "unboundRows": 1,
            "rowErrors": [ { "row": 4, "field": "Årsag til den nedsatte funktionsevne", "message": "\"ukendt\" er ikke en af værdierne for Årsag til den nedsatte funktionsevne." } ],
            "ignoredColumns": [ "sagsnr" ],
            "transitions": [ { "from": "bevilget", "to": "bevilget", "count": 1 }, { "from": "bevilget", "to": "afslag", "count": 1 } ],
            "outcomeChanged": 1, "amountChanged": 1,
            "amounts": [ { "output": "hoursPerMonth", "totalA": 30, "totalB": 15, "countA": 2, "countB": 1, "increased": 0, "decreased": 1,
                           "histogram": [ { "from": -15, "to": -14.99, "count": 1 } ], "meanA": 15, "meanB": 15, "totalDifference": -15 } ],
            "rowChanges": [ { "from": "R97-01", "to": "R97-04", "count": 1 } ],
            "changedCases": [ { "row": 2, "a": { "outcome": "bevilget", "amounts": { "hoursPerMonth": 15 }, "problem": null },
                                "b": { "outcome": "afslag", "amounts": {}, "problem": null } } ],
            "seconds": 11.2, "casesPerSecond": 0.18, "cancelled": false
          },
          "problem": null,
          "links": { "self": "/api/v1/simulations/5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f",
                     "html": "/api/v1/simulations/5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f/report.html",
                     "csv": "/api/v1/simulations/5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f/report.csv" }
        }
        """;

    public const string Cancelled = """
        {
          "id": "5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f", "state": "cancelled", "ruleset": "sel-97",
          "createdAt": "2026-12-05T09:30:00+00:00", "finishedAt": "2026-12-05T09:30:04+00:00",
          "progress": { "rows": 100000, "rowsDone": 40000, "casesDone": 39950, "partitions": 10, "partitionsDone": 4, "fraction": 0.4,
                        "casesPerSecond": 9987.5, "secondsLeft": null },
          "result": null, "problem": null,
          "links": { "self": "/api/v1/simulations/5b0c7f0e2d6a4c1f9f8e3a2b1c0d9e8f", "html": null, "csv": null }
        }
        """;

    public const string Html = "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Simulering af sel-97</title></head><body><h1>Simulering af sel-97 på sagsbestanden</h1><svg>…</svg></body></html>";
    public const string Csv = "afsnit;a;b;antal;beløb a;beløb b;forskel\nsager;;;2;;;\nudfald;bevilget;afslag;1;;;\n";

    public static async Task UploadAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // The request part: the named schema the endpoint's declared JSON body gave (SimulationRequest), else built here.
        var request = operation.RequestBody?.Content is { } declared && declared.TryGetValue("application/json", out var json) && json.Schema is { } named
            ? named
            : await context.GetOrCreateSchemaAsync(typeof(SimulationRequest), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "multipart/form-data: først delen \"request\" (JSON), så delen \"caseload\" (filen). CSV: en sag pr. række, et faktum pr. kolonne " +
                "(faktummets navn eller danske betegnelse som overskrift), datoer som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ, decimalkomma tilladt, kolonnen " +
                "afgørelsesdato/decisionDate for rækkens egen dato. JSON Lines (Content-Type application/x-ndjson eller filnavn .jsonl): en linje pr. sag " +
                "med facts og evt. decisionDate. Højst Simulations:MaxCaseloadBytes. Eksempel med curl: " +
                "curl -H 'X-Api-Key: …' -F 'request={\"ruleset\":\"sel-97\",\"a\":{},\"b\":{\"draftId\":42}};type=application/json' " +
                "-F 'caseload=@sager.csv;type=text/csv' https://…/api/v1/simulations",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { SimulationsApi.RequestPart, SimulationsApi.CaseloadPart },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [SimulationsApi.RequestPart] = request,
                            [SimulationsApi.CaseloadPart] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String, Format = "binary",
                                Description = "Sagsbestanden: CSV (komma, semikolon eller tabulator) eller JSON Lines. Anonymiseret: en kolonne med CPR-lignende værdier afvises.",
                            },
                        },
                    },
                    Encoding = new Dictionary<string, OpenApiEncoding>
                    {
                        [SimulationsApi.RequestPart] = new() { ContentType = "application/json" },
                        [SimulationsApi.CaseloadPart] = new() { ContentType = "text/csv, application/x-ndjson" },
                    },
                    Example = new JsonObject { [SimulationsApi.RequestPart] = JsonNode.Parse(Request), [SimulationsApi.CaseloadPart] = Caseload },
                },
            },
        };
    }

    /// <summary>The refusals of a start, each as the API writes it.</summary>
    public static IReadOnlyList<ResponseExample> StartProblems()
    {
        var cpr = Refusal("cpr;alder\n010203-1234;30\n");
        var cprProblem = SimulationsApi.Refused(SimulationsApi.CaseloadPart, cpr.Message);
        cprProblem.Extensions["column"] = cpr.Field;
        return
        [
            new(400, "unknown-ruleset", "Regelsættet findes ikke", Node(SimulationsApi.Refused("request.ruleset", "Regelsættet 'sel-999' findes ikke eller har ingen offentliggjort version."))),
            new(400, "unknown-draft", "Kladden findes ikke", Node(SimulationsApi.Refused("request.b.draftId", "Kladde nr. 999 findes ikke."))),
            new(400, "bad-side", "En side med en satsrevision, der ikke er til godkendelse", Node(SimulationsApi.Refused("request.a.satsRevisionId", "Satsrevision nr. 999 findes ikke som kladde eller til godkendelse."))),
            new(400, "cpr-column", "En kolonne ligner CPR-numre; filen afvises og intet er gemt", Node(cprProblem)),
            new(400, "parts-order", "Delen request kom ikke før caseload", Node(SimulationsApi.Refused("request", "Delen \"request\" skal komme før \"caseload\", så filen kan læses mod regelsættets fakta."))),
            new(413, "payload-too-large", "Filen er større end Simulations:MaxCaseloadBytes", Node(RequestSizeFilter.TooLarge(2_000_000_000, 1L << 30))),
            new(415, "unsupported-media-type", "Anmodningen er ikke multipart/form-data", Node(Evaluations.Problems.Naming(Evaluations.Problems.Create(415, "Forkert indholdstype",
                "En simulering sendes som multipart/form-data med delene \"request\" (JSON) og \"caseload\" (filen).", "unsupported-media-type"), "Content-Type"))),
            new(429, "too-many-simulations", "Nøglen har startet for mange simuleringer; Retry-After siger hvor længe der skal ventes",
                Node(SimulationStartLimit.TooMany(10, new SimulationJobOptions().StartsPerMinute))),
        ];
    }

    public static ResponseExample UnknownJob => new(404, "unknown-simulation", "Ingen simulering med det id for denne nøgle", Node(SimulationsApi.NotFound("5b0c7f0e")));
    public static ResponseExample Ended => new(409, "simulation-ended", "Simuleringen er allerede færdig", Node(SimulationsApi.Ended("done")));
    public static ResponseExample NotDone => new(409, "simulation-not-done", "Simuleringen er ikke færdig endnu", Node(SimulationsApi.NotDone("running")));

    private static CaseloadRefusedException Refusal(string csv)
    {
        try
        {
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var reading = CaseloadReader.ReadAsync(file, CaseloadFormat.Csv, new CaseloadSchema([]), _ => { }).GetAsyncEnumerator();
            reading.MoveNextAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (CaseloadRefusedException ex)
        {
            return ex;
        }
        throw new InvalidOperationException("Eksemplets CPR-kolonne blev ikke afvist.");
    }

    private static JsonNode Node(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value, value.GetType(), System.Text.Json.JsonSerializerOptions.Web)!;
}
