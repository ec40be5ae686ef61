namespace Serviceloven.Server.Simulations;

/// <summary>Bound from "Simulations": caseload simulations started through the API and how the nodes share them.</summary>
public sealed class SimulationJobOptions
{
    public const string Section = "Simulations";

    /// <summary>Rows of the caseload per partition: the unit a node claims, and the most a dead node loses.</summary>
    public int PartitionRows { get; set; } = 10_000;

    /// <summary>Largest caseload upload accepted, in bytes (the API's other bodies keep Access:MaxRequestBodyBytes).</summary>
    public long MaxCaseloadBytes { get; set; } = 1L << 30;

    /// <summary>Simulations one API key may start per minute, kept up over time.</summary>
    public int StartsPerMinute { get; set; } = 6;

    /// <summary>Simulations one API key may start at once after being idle.</summary>
    public int StartBurst { get; set; } = 3;

    /// <summary>Workers evaluating one partition (0: one per core).</summary>
    public int Workers { get; set; }

    /// <summary>Partitions one node counts at the same time (each with <see cref="Workers"/> workers).</summary>
    public int PartitionsAtOnce { get; set; } = 1;

    /// <summary>This node's name in the cluster of schedulers; AUTO: host name and start time.</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>How often a node tells the others it is alive (PostgreSQL). A node silent for longer than this plus the threshold is taken for dead.</summary>
    public int CheckinIntervalMs { get; set; } = 5_000;

    /// <summary>How late a node's check-in may be before another recovers its partitions (PostgreSQL).</summary>
    public int CheckinMisfireThresholdMs { get; set; } = 7_500;

    /// <summary>How often a running partition looks whether its job was cancelled from another node.</summary>
    public int CancelCheckMs { get; set; } = 1_000;

    /// <summary>An upload that has not finished after this long is taken for abandoned (its node stopped) and its rows deleted.</summary>
    public int AbandonedUploadMinutes { get; set; } = 60;

    public static IEnumerable<string> Problems(SimulationJobOptions o)
    {
        if (o.PartitionRows < 1) yield return "Simulations:PartitionRows skal være mindst 1.";
        if (o.MaxCaseloadBytes < 1024) yield return "Simulations:MaxCaseloadBytes skal være mindst 1024 (bytes).";
        if (o.StartsPerMinute < 1) yield return "Simulations:StartsPerMinute skal være mindst 1.";
        if (o.StartBurst < 1) yield return "Simulations:StartBurst skal være mindst 1.";
        if (o.Workers < 0) yield return "Simulations:Workers skal være 0 (én pr. kerne) eller mere.";
        if (o.PartitionsAtOnce < 1) yield return "Simulations:PartitionsAtOnce skal være mindst 1.";
        if (string.IsNullOrWhiteSpace(o.InstanceId)) yield return "Simulations:InstanceId må ikke være tom (AUTO: værtsnavn og starttid).";
        if (o.CheckinIntervalMs < 100) yield return "Simulations:CheckinIntervalMs skal være mindst 100 (millisekunder).";
        if (o.CheckinMisfireThresholdMs < 100) yield return "Simulations:CheckinMisfireThresholdMs skal være mindst 100 (millisekunder).";
        if (o.CancelCheckMs < 50) yield return "Simulations:CancelCheckMs skal være mindst 50 (millisekunder).";
        if (o.AbandonedUploadMinutes < 1) yield return "Simulations:AbandonedUploadMinutes skal være mindst 1.";
    }
}
