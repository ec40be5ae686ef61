using Microsoft.AspNetCore.Http.HttpResults;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Server.Evaluations;

namespace Serviceloven.Server.Metrics;

/// <summary>Counts evaluations from what the endpoint returns, so the evaluation path itself knows nothing of metrics.</summary>
public sealed class EvaluationMetricsFilter(EvaluationMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // A client that hung up mid-evaluation cancels it, and the cancelled evaluation ends as a problem nobody
        // receives; it is counted as cancelled, not as the 422 it turned into.
        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            metrics.Evaluated(null, "cancelled");
            return result;
        }
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case Ok<EvaluationResponse> { Value: { } response }:
                metrics.Evaluated(response.Ruleset, response.Status);
                break;
            case Ok<BatchResponse> { Value: { } batch }:
                foreach (var item in batch.Results)
                    metrics.Evaluated(item.Result?.Ruleset, item.Result?.Status ?? item.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ProblemHttpResult problem:
                metrics.Evaluated(null, problem.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
        return result;
    }
}
