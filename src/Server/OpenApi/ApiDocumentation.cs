using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

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
                return Task.CompletedTask;
            });
        });
}
