using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Access;
using Serviceloven.Server.Evaluations;
using Serviceloven.Server.Rulesets;
using Serviceloven.Server.Satser;

namespace Serviceloven.Server.OpenApi;

/// <summary>A named example of one response: its status, a Danish summary, and the body as the server writes it.</summary>
public sealed record ResponseExample(int Status, string Name, string Summary, JsonNode Body);

/// <summary>
/// The examples of the OpenAPI document. The evaluation request is the README's example (docs/examples); its 200
/// answer, the batch answer and the evaluation's refusals are produced by evaluating example requests against the
/// current snapshot when the document is generated, so request and response always agree. The other problems are
/// built by the same code that writes them.
/// </summary>
public sealed class ApiExamples(EvaluationService evaluations, SnapshotHolder snapshots, TimeProvider time, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string ReadmeExampleResource = "Serviceloven.Server.OpenApi.sel-97-bevilget.json";

    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    /// <summary>The README's request (docs/examples/sel-97-bevilget.json), embedded in the server.</summary>
    public static string EvaluationRequestJson { get; } = ReadResource(ReadmeExampleResource);

    public EvaluationRequest EvaluationRequest => JsonSerializer.Deserialize<EvaluationRequest>(EvaluationRequestJson, Json)!;

    public JsonNode BatchRequest => Node(new BatchRequest { Evaluations = [.. BatchItems] });

    private IEnumerable<EvaluationRequest> BatchItems =>
    [
        EvaluationRequest with { Begrundelse = false },
        EvaluationRequest with { DecisionDate = new DateOnly(2010, 1, 1), Begrundelse = false },
    ];

    /// <summary>The README request's answer, as the API gives it now; null when the shipped sel-97 is not published here.</summary>
    public async Task<JsonNode?> EvaluationResponseAsync(CancellationToken cancellationToken) =>
        (await evaluations.EvaluateAsync(EvaluationRequest, cancellationToken)).Response is { } response ? Node(response) : null;

    public async Task<JsonNode> BatchResponseAsync(CancellationToken cancellationToken) =>
        Node(await EvaluationsApi.EvaluateEachAsync([.. BatchItems], evaluations, cancellationToken));

    /// <summary>Every refusal of POST /api/v1/evaluations, each from a real evaluation of a variant of the README request.</summary>
    public async Task<IReadOnlyList<ResponseExample>> EvaluationProblemsAsync(CancellationToken cancellationToken)
    {
        var readme = EvaluationRequest;
        var variants = new (string Name, string Summary, EvaluationRequest Request)[]
        {
            ("invalid-request", "Ruleset eller decisionDate mangler", readme with { DecisionDate = null }),
            ("unknown-ruleset", "Regelsættet findes ikke", readme with { Ruleset = "sel-999" }),
            ("invalid-facts", "Et faktum har forkert type eller en ukendt værdi", readme with { Facts = With(readme.Facts!, ("birthDate", "01-05-1990"), ("impairmentCause", "ukendt")) }),
            ("no-valid-version", "Ingen version gælder på afgørelsesdatoen", readme with { DecisionDate = new DateOnly(2010, 1, 1) }),
            ("evaluation-error", "En regel fejler: satsen har ingen værdi på datoen", readme with
            {
                Begrundelse = false,
                Facts = With(readme.Facts!, ("expenseRequestSubmitted", true), ("plausibleEscortExpensesForYear", 1000), ("expenseYear", 2024)),
            }),
            ("missing-note", "Begrundelsen mangler sagsbehandlerens bemærkning til et skøn", readme with { Notes = null }),
        };
        var examples = new List<ResponseExample>();
        foreach (var (name, summary, request) in variants)
        {
            // Only a refusal of the kind it stands for: if the rules changed so the variant no longer fails that way, it is left out (and a test says so).
            if ((await evaluations.EvaluateAsync(request, cancellationToken)).Failure is { } failure && Problems.From(failure) is var problem
                && problem.Type == Problems.TypeBase + name)
                examples.Add(new(problem.Status!.Value, name, summary, Node(problem)));
        }
        return examples;
    }

    /// <summary>The refusals every request body may meet before it is evaluated: not JSON, wrong content type, too large.</summary>
    public async Task<IReadOnlyList<ResponseExample>> BodyProblemsAsync(CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("""{ "ruleset": "sel-97", "decisionDate": "1. marts 2024" }"""u8.ToArray());
        var (_, invalidJson) = await RequestReader.ReadAsync<EvaluationRequest>(context.Request, Json, cancellationToken);
        var (title, detail, kind) = FrameworkProblems.UnsupportedMediaType;
        return
        [
            new(400, "invalid-json", "Anmodningen er ikke gyldig JSON eller har en forkert type", Node(invalidJson!)),
            new(413, "payload-too-large", "Anmodningen er større end Access:MaxRequestBodyBytes", Node(RequestSizeFilter.TooLarge(2_400_000, 1_048_576))),
            new(415, "unsupported-media-type", "Content-Type er ikke application/json", Node(Problems.Create(415, title, detail, kind))),
        ];
    }

    public IReadOnlyList<ResponseExample> BatchProblems =>
    [
        new(400, "empty-batch", "evaluations er tom eller mangler", Node(EvaluationsApi.EmptyBatch())),
        new(400, "too-many", $"Mere end {EvaluationsApi.MaxBatch} evalueringer", Node(EvaluationsApi.TooLargeBatch(120))),
    ];

    public IReadOnlyList<ResponseExample> KeyProblems =>
    [
        new(401, "missing-api-key", "Headeren X-Api-Key mangler", Node(ApiKeyAuthenticationHandler.MissingKey())),
        new(401, "invalid-api-key", "API-nøglen er ukendt eller tilbagekaldt", Node(ApiKeyAuthenticationHandler.UnknownKey())),
        new(429, "too-many-requests", "Nøglen har brugt sin kvote; Retry-After siger hvor længe der skal ventes",
            Node(ApiRateLimitPolicy.TooManyRequests(1, new ApiRateLimitOptions().PermitsPerSecond))),
    ];

    /// <summary>The refusals of the GET endpoints, from the handlers themselves.</summary>
    public IReadOnlyList<ResponseExample> RulesetProblems
    {
        get
        {
            var list = new List<ResponseExample>
            {
                new(400, "invalid-date", "date er ikke en dato", Problem(RulesetsApi.GetSchema("sel-97", "1. marts 2024", snapshots, time).Result)),
                new(404, "unknown-ruleset", "Regelsættet findes ikke", Problem(RulesetsApi.GetSchema("sel-999", "2024-03-01", snapshots, time).Result)),
            };
            if (RulesetsApi.GetSchema("sel-97", "2010-01-01", snapshots, time).Result is ProblemHttpResult { ProblemDetails.Status: 422 } noVersion)
                list.Add(new(422, "no-valid-version", "Ingen version gælder på datoen", Node(noVersion.ProblemDetails)));
            return list;
        }
    }

    /// <summary>A ruleset left out of the snapshot because a published version of it does not compile (issue 18).</summary>
    public ResponseExample RulesetUnavailable => new(503, "ruleset-unavailable", "En offentliggjort version af regelsættet kan ikke oversættes",
        Node(Problems.From(EvaluationFailure.RulesetUnavailable(new UnavailableRuleset("sel-97",
            [new UnavailableVersion(42, new DateOnly(2030, 1, 1), "[(afledte værdier)/weeks/weeks, tegn 8001]: Udtrykket er for langt: højst 8000 tegn.")])))));

    public ResponseExample UnknownSats => new(404, "unknown-sats", "Satsen findes ikke", Node(SatserApi.UnknownSats("sel-97.findesIkke")));

    public ResponseExample InvalidDate
    {
        get
        {
            DateQuery.TryRead("1. marts 2024", time, out _, out var problem);
            return new(400, "invalid-date", "date er ikke en dato", Node(problem!));
        }
    }

    private JsonNode Problem(object? result) => result is ProblemHttpResult p ? Node(p.ProblemDetails) : throw new InvalidOperationException("Ingen problem details.");

    /// <summary>As the API writes it: by the value's own type, so a validation problem keeps its errors.</summary>
    private JsonNode Node(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Json)!;

    private static Dictionary<string, JsonElement> With(Dictionary<string, JsonElement> facts, params (string Name, object Value)[] changes)
    {
        var copy = new Dictionary<string, JsonElement>(facts);
        foreach (var (name, value) in changes) copy[name] = JsonSerializer.SerializeToElement(value);
        return copy;
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Ressourcen {name} mangler i serveren.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
