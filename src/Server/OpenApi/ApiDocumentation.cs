using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Access;

namespace Serviceloven.Server.OpenApi;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the API under /api/v1 with the X-Api-Key scheme, the health endpoints,
/// Danish descriptions and worked examples of every answer. The admin's routes stay out.
/// </summary>
public static class ApiDocumentation
{
    public const string SecurityScheme = "ApiKey";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddSingleton<ApiExamples>();
        return services.AddOpenApi(options =>
        {
            // Only the API: the admin's pages and its sign-out are no part of the contract with external systems.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddSchemaTransformer(DescribeSchema);
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer<OperationExamples>();
        });
    }

    /// <summary>
    /// Money and other decimals as format "decimal", so generated clients keep them exact; enums as strings; a dictionary of free values
    /// (facts, outputs) as an object of any values, so clients generate a dictionary rather than a bare object.
    /// </summary>
    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(decimal)) schema.Format = "decimal";
        // Enums travel as their names: say they are strings, so generated clients read them as such.
        if (type.IsEnum && schema.Enum is { Count: > 0 }) schema.Type = JsonSchemaType.String;
        if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is null)
            schema.AdditionalProperties = new OpenApiSchema();
        return Task.CompletedTask;
    }

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Serviceloven regelserver",
            Version = "v1",
            Description = "Afgørelser efter lov om social service ud fra de regler og satser, der gælder på afgørelsesdatoen. " +
                "Fejl er RFC 9457 problem details med et errors-felt pr. felt. Alle kald under /api/v1 kræver headeren X-Api-Key " +
                "(undtagen i Development-profilen, hvor anonym evaluering er slået til).",
        };
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Evalueringer", Description = "Fakta og afgørelsesdato ind; udfald, forklaring, satser, retsgrundlag, begrundelse og kvittering ud." },
            new() { Name = "Regelsæt", Description = "Regelsættene, deres versioner og faktaskemaet, som et fagsystem bygger sin formular efter." },
            new() { Name = "Satser", Description = "Satserne med deres daterede værdier og kilder." },
            new() { Name = "Simuleringer", Description = "En anonymiseret sagsbestand kørt på to sider (A og B) som et job i baggrunden: udfald, ændringsmatrix og kroner." },
            new() { Name = "Drift", Description = "Liveness og readiness til load balancer og overvågning; kræver ingen nøgle." },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthentication.Header,
            Description = "API-nøgle til et fagsystem. Oprettes med 'dotnet run --project src/Server -- apikey create <navn>' eller i administrationen; vises kun én gang.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] };
        foreach (var (path, item) in document.Paths)
            if (path.StartsWith("/api/v1", StringComparison.Ordinal) && item.Operations is { } operations)
                foreach (var operation in operations.Values)
                    operation.Security = [requirement];
        await HealthDocumentation.AddAsync(document, context, cancellationToken);
    }

    /// <summary>
    /// The old fact names published versions still accept (mapped onto a list), so a caller sees in the contract what
    /// will stop working when the next version comes; empty when none.
    /// </summary>
    private static string Named(LegacyFact l) =>
        l.Set is not { Count: > 0 } set ? l.Name : $"{l.Name} ({string.Join(", ", set.Select(kv => $"{kv.Key} = {kv.Value}"))})";

    internal static string DeprecationNote(RulesSnapshot snapshot)
    {
        var lines = snapshot.Rulesets.Values
            .SelectMany(r => r.Versions.Where(v => v.Compiled.Content.LegacyFacts is { Count: > 0 })
                .Select(v => (Ruleset: r.Definition.Id, Version: v, Legacy: v.Compiled.Content.LegacyFacts!)))
            .OrderBy(x => x.Ruleset, StringComparer.Ordinal).ThenBy(x => x.Version.ValidFrom)
            .Select(x => $"{x.Ruleset} (versionen gældende fra {x.Version.ValidFrom:yyyy-MM-dd}): " +
                string.Join("; ", x.Legacy.GroupBy(l => l.List).Select(g => $"{string.Join(", ", g.Select(Named))} → {g.Key}")))
            .ToList();
        return lines.Count == 0 ? "" :
            "\n\nForældede faktanavne (deprecated): disse navne modtages stadig i den nævnte version og lægges ind som poster i listen; " +
            "send listen i stedet. Den næste version af regelsættet modtager dem ikke.\n- " + string.Join("\n- ", lines);
    }
}
