using System.Diagnostics.Metrics;

namespace Serviceloven.Server.Metrics;

/// <summary>The server's own instruments. Request duration comes from ASP.NET Core's http.server.request.duration.</summary>
public sealed class EvaluationMetrics
{
    public const string MeterName = "Serviceloven.Server";

    private readonly Counter<long> _evaluations;

    public EvaluationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _evaluations = meter.CreateCounter<long>("serviceloven.evaluations", "{evaluation}",
            "Evalueringer pr. regelsæt og status (determined, undetermined, cancelled eller HTTP-statuskoden for en afvist anmodning).");
    }

    /// <summary>
    /// One evaluation, single or within a batch. A rejected request has no trustworthy ruleset id (it may be unknown),
    /// so it is counted under "-" to keep the label set bounded.
    /// </summary>
    public void Evaluated(string? ruleset, string status) =>
        _evaluations.Add(1, new KeyValuePair<string, object?>("ruleset", ruleset ?? "-"), new KeyValuePair<string, object?>("status", status));
}
