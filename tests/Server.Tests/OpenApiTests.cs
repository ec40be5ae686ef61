using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Serviceloven.Server.Tests;

public class OpenApiTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    [Fact]
    public async Task Every_api_and_health_endpoint_is_in_the_openapi_document_with_schemas()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/'))
            .Where(p => p.StartsWith("/api/v1", StringComparison.Ordinal) || p.StartsWith("/health", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
            Assert.True(paths.ContainsKey(endpoint), $"{endpoint} mangler i /openapi/v1.json");

        var evaluate = paths["/api/v1/evaluations"]!["post"]!;
        Assert.NotNull(evaluate["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(evaluate["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.NotNull(evaluate["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(evaluate["responses"]!["422"]);
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var response = await factory.CreateClient().GetAsync("/api");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
