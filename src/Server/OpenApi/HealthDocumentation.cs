using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Serviceloven.Server.Health;

namespace Serviceloven.Server.OpenApi;

/// <summary>
/// /health/live and /health/ready are health-check endpoints, not minimal-API handlers, so the document describes them
/// here: the same body for both, 200 when every check passes and 503 when one does not.
/// </summary>
internal static class HealthDocumentation
{
    public static async Task AddAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The entry is a component of its own, so clients get a HealthEntry class rather than an anonymous one.
        document.AddComponent(nameof(HealthEntry), await context.GetOrCreateSchemaAsync(typeof(HealthEntry), null, cancellationToken));
        var schema = await context.GetOrCreateSchemaAsync(typeof(HealthBody), null, cancellationToken);
        if (schema.Properties is { } properties && properties.TryGetValue("checks", out var c) && c is OpenApiSchema checks)
            checks.AdditionalProperties = new OpenApiSchemaReference(nameof(HealthEntry), document);
        document.AddComponent(nameof(HealthBody), schema);
        var reference = new OpenApiSchemaReference(nameof(HealthBody), document);
        document.Paths ??= new OpenApiPaths();
        document.Paths["/health/live"] = Path("Live", "Processen kører",
            "Svarer 200, så længe processen kører; en orkestrator genstarter processen, når den ikke svarer.", reference);
        document.Paths["/health/ready"] = Path("Ready", "Databasen svarer, og reglerne er indlæst",
            "Én post pr. kontrol: database (med udbyder) og snapshot (antal regelsæt og versioner, og den nyeste offentliggørelse, " +
            "snapshottet holder). 503, når en kontrol fejler; så skal load balanceren ikke sende evalueringer hertil.", reference);
    }

    private static OpenApiPathItem Path(string operationId, string summary, string description, OpenApiSchemaReference schema) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = operationId,
                Summary = summary,
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { new("Drift") },
                Responses = new OpenApiResponses
                {
                    ["200"] = Response("Alle kontroller bestod.", schema, GetExamples.Health),
                    ["503"] = Response("Mindst én kontrol fejlede; dens post siger hvorfor.", schema, """
                        { "status": "unhealthy", "durationMs": 5012.3,
                          "checks": { "database": { "status": "unhealthy", "description": "Databasen svarer ikke: database is locked", "durationMs": 5011.8, "data": { "provider": "sqlite" } },
                                      "snapshot": { "status": "healthy", "description": "Reglerne er indlæst.", "durationMs": 0.1, "data": { "rulesets": 17, "versions": 40 } } } }
                        """),
                },
            },
        },
    };

    private static OpenApiResponse Response(string description, OpenApiSchemaReference schema, string example) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = schema, Example = JsonNode.Parse(example) },
        },
    };
}
