using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Serviceloven.Server.Metrics;

/// <summary>
/// Metrics:Enabled turns on a Prometheus scrape endpoint (Metrics:Path, default /metrics) with ASP.NET Core's request
/// duration and the evaluation counter. When off, nothing is registered or recorded.
/// </summary>
public static class MetricsSetup
{
    /// <summary>
    /// Request-duration buckets in seconds. ASP.NET Core's advised buckets start at 5 ms, too coarse for an API that
    /// answers in about a millisecond; these resolve p99 below 5 ms.
    /// </summary>
    private static readonly double[] DurationBuckets =
        [0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static IServiceCollection AddServerMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MetricsOptions.Section);
        services.AddOptions<MetricsOptions>().Bind(section)
            .Validate(o => o.Path.StartsWith('/'), "Metrics:Path skal begynde med / (som /metrics).").ValidateOnStart();
        if (!(section.Get<MetricsOptions>()?.Enabled ?? false)) return services;

        services.AddSingleton<EvaluationMetrics>();
        services.AddSingleton<EvaluationMetricsFilter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EvaluationMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets })
            // No cached scrape: a scrape every few seconds is cheap, and a cached one hides the latest count.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Counts the evaluations answered by this group's endpoints, when metrics are on.</summary>
    public static RouteGroupBuilder WithEvaluationMetrics(this RouteGroupBuilder group)
    {
        if (Options(group).Enabled) group.AddEndpointFilter<EvaluationMetricsFilter>();
        return group;
    }

    public static IEndpointRouteBuilder MapServerMetrics(this IEndpointRouteBuilder app)
    {
        var options = Options(app);
        if (options.Enabled) app.MapPrometheusScrapingEndpoint(options.Path).WithTags("Drift").ExcludeFromDescription();
        return app;
    }

    private static MetricsOptions Options(IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
}
