namespace Serviceloven.Server.Metrics;

/// <summary>Bound from "Metrics". Off unless configuration turns it on: the scrape endpoint is for operators' networks.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public bool Enabled { get; set; }
    /// <summary>Where Prometheus scrapes.</summary>
    public string Path { get; set; } = "/metrics";
}
