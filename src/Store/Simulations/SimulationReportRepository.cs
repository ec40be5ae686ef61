using System.Globalization;
using Dapper;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Simulations;

public sealed class SimulationReportRow
{
    public long Id { get; set; }
    public string RulesetId { get; set; } = "";
    public string Title { get; set; } = "";
    public long Cases { get; set; }
    public string ReportJson { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Simulation reports a user chose to keep: aggregates only, never the caseload (the store has no place for it).</summary>
public sealed class SimulationReportRepository(StoreDatabase database, AuditLog audit, TimeProvider time)
{
    private const string Columns = "id, ruleset_id AS RulesetId, title, cases, report_json AS ReportJson, created_by AS CreatedBy, created_at AS CreatedAt";

    public SimulationReportRow Save(string rulesetId, string title, long cases, string reportJson, string actor)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("Giv rapporten en titel.");
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var id = c.ExecuteScalar<long>("""
            INSERT INTO simulation_reports (ruleset_id, title, cases, report_json, created_by, created_at)
            VALUES (@rulesetId, @title, @cases, @reportJson, @actor, @at) RETURNING id
            """, new { rulesetId, title, cases, reportJson, actor, at = TypeHandlers.Instant(time.GetUtcNow()) }, tx);
        audit.Write(c, tx, actor, "simulation.save", "simulation", id.ToString(CultureInfo.InvariantCulture), detail: $"Simuleringsrapport '{title}' for {rulesetId} gemt ({cases} sager).");
        tx.Commit();
        return c.QuerySingle<SimulationReportRow>($"SELECT {Columns} FROM simulation_reports WHERE id = @id", new { id });
    }

    /// <summary>The saved reports of a ruleset (all when null), newest first, without their content.</summary>
    public IReadOnlyList<SimulationReportRow> List(string? rulesetId)
    {
        using var c = database.Open();
        // Two statements rather than "@rulesetId IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
        const string select = "SELECT id, ruleset_id AS RulesetId, title, cases, '' AS ReportJson, created_by AS CreatedBy, created_at AS CreatedAt FROM simulation_reports";
        return (rulesetId is null
            ? c.Query<SimulationReportRow>(select + " ORDER BY id DESC")
            : c.Query<SimulationReportRow>(select + " WHERE ruleset_id = @rulesetId ORDER BY id DESC", new { rulesetId })).ToList();
    }

    public SimulationReportRow? Get(long id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<SimulationReportRow>($"SELECT {Columns} FROM simulation_reports WHERE id = @id", new { id });
    }

    public void Delete(long id, string actor)
    {
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("DELETE FROM simulation_reports WHERE id = @id", new { id }, tx);
        audit.Write(c, tx, actor, "simulation.delete", "simulation", id.ToString(CultureInfo.InvariantCulture));
        tx.Commit();
    }
}
