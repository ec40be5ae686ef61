using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Server.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json, with Danish descriptions and worked examples.</summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Serviceloven regelserver",
                    Version = "v1",
                    Description = "Afgørelser efter lov om social service ud fra de regler og satser, der gælder på afgørelsesdatoen. " +
                        "Fejl er RFC 9457 problem details med et errors-felt pr. felt. Godkend med headeren X-Api-Key.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
                if (name is "Evaluate" && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                    body.Example = JsonNode.Parse(Examples.EvaluationRequest);
                if (name is "Evaluate" && operation.Responses?.TryGetValue("200", out var ok) == true
                    && ok.Content?.TryGetValue("application/json", out var okBody) == true)
                    okBody.Example = JsonNode.Parse(Examples.EvaluationResponse);
                if (name is "EvaluateBatch" && operation.RequestBody?.Content?.TryGetValue("application/json", out var batch) == true)
                    batch.Example = JsonNode.Parse(Examples.BatchRequest);
                if (name is "Evaluate" or "EvaluateBatch")
                    operation.Description += DeprecationNote(context.ApplicationServices.GetRequiredService<SnapshotHolder>().Current);
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The old fact names published versions still accept (mapped onto a list), so a caller sees in the contract what
    /// will stop working when the next version comes; empty when none.
    /// </summary>
    internal static string DeprecationNote(RulesSnapshot snapshot)
    {
        var lines = snapshot.Rulesets.Values
            .SelectMany(r => r.Versions.Where(v => v.Compiled.Content.LegacyFacts is { Count: > 0 })
                .Select(v => (Ruleset: r.Definition.Id, Version: v, Legacy: v.Compiled.Content.LegacyFacts!)))
            .OrderBy(x => x.Ruleset, StringComparer.Ordinal).ThenBy(x => x.Version.ValidFrom)
            .Select(x => $"{x.Ruleset} (versionen gældende fra {x.Version.ValidFrom:yyyy-MM-dd}): " +
                string.Join("; ", x.Legacy.GroupBy(l => l.List).Select(g => $"{string.Join(", ", g.Select(l => l.Name))} → {g.Key}")))
            .ToList();
        return lines.Count == 0 ? "" :
            "\n\nForældede faktanavne (deprecated): disse navne modtages stadig i den nævnte version og lægges ind som poster i listen; " +
            "send listen i stedet. Den næste version af regelsættet modtager dem ikke.\n- " + string.Join("\n- ", lines);
    }
}
