using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace Serviceloven.Server.Tests;

/// <summary>The real server with Metrics:Enabled=true.</summary>
public sealed class MetricsServerFactory : RulesServerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A host setting, not app configuration: Program reads Metrics:Enabled while registering services, before
        // WebApplicationFactory applies its app configuration.
        builder.UseSetting("Metrics:Enabled", "true");
    }
}

public class MetricsTests(MetricsServerFactory factory) : IClassFixture<MetricsServerFactory>
{
    [Fact]
    public async Task Metrics_endpoint_answers_in_Prometheus_format_with_the_evaluation_counter_after_an_evaluation()
    {
        var client = factory.CreateClient();
        var facts = EvaluationApiTests.FactsOfFirstCase("sel-97");
        var evaluation = await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-97", decisionDate = "2024-03-01", facts });
        Assert.Equal(HttpStatusCode.OK, evaluation.StatusCode);
        var rejected = await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "findes-ikke", decisionDate = "2024-03-01", facts });
        Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("# TYPE serviceloven_evaluations_total counter", lines);
        Assert.Contains(lines, l => l.StartsWith("serviceloven_evaluations_total{", StringComparison.Ordinal)
            && l.Contains("ruleset=\"sel-97\"", StringComparison.Ordinal) && l.Contains("status=\"determined\"", StringComparison.Ordinal)
            && CounterValue(l) >= 1);
        // An unknown ruleset is counted by its status code, not under the name the caller sent.
        Assert.Contains(lines, l => l.StartsWith("serviceloven_evaluations_total{", StringComparison.Ordinal)
            && l.Contains("ruleset=\"-\"", StringComparison.Ordinal) && l.Contains("status=\"404\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("findes-ikke", StringComparison.Ordinal));
        // ASP.NET Core's own request duration, with buckets below 5 ms.
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("http_route=\"/api/v1/evaluations/\"", StringComparison.Ordinal) && l.Contains("le=\"0.001\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_items_are_counted_one_by_one()
    {
        var client = factory.CreateClient();
        var facts = EvaluationApiTests.FactsOfFirstCase("sel-161");
        var before = await CountAsync(client, "sel-161");
        var item = new { ruleset = "sel-161", decisionDate = "2014-08-01", facts };
        var batch = await client.PostAsJsonAsync("/api/v1/evaluations/batch", new { evaluations = new[] { item, item, item } });
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(before + 3, await CountAsync(client, "sel-161"));
    }

    private static async Task<double> CountAsync(HttpClient client, string ruleset)
    {
        var text = await client.GetStringAsync("/metrics");
        return text.Split('\n').Where(l => l.StartsWith("serviceloven_evaluations_total{", StringComparison.Ordinal) && l.Contains($"ruleset=\"{ruleset}\"", StringComparison.Ordinal))
            .Sum(CounterValue);
    }

    private static double CounterValue(string line)
    {
        // "name{labels} value timestamp?"
        var parts = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ');
        return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

public class MetricsDisabledTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    [Fact]
    public async Task Metrics_endpoint_is_absent_by_default()
    {
        var client = factory.CreateClient();
        var facts = EvaluationApiTests.FactsOfFirstCase("sel-97");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "sel-97", decisionDate = "2024-03-01", facts })).StatusCode);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
