using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Simulation;

/// <summary>What the approver chose: the ruleset, B's draft (null: published on both sides), and each side's decision date (null: the row's own).</summary>
public sealed record SimulationChoice(string RulesetId, long? DraftId, DateOnly? DateA, DateOnly? DateB, DateTimeOffset? AsOfA = null);

/// <summary>
/// The admin's caseload simulation: builds the two sides from the runtime's compiled snapshot (and a draft from the
/// store, compiled once) and runs the uploaded caseload through them. Nothing of the file is stored or logged.
/// </summary>
public sealed class SimulationService(SnapshotHolder snapshots, CompiledVersions compiled, VersionRepository versions)
{
    /// <summary>The rulesets with a published version, by id.</summary>
    public IReadOnlyList<(string Id, string Title)> Rulesets() =>
        snapshots.Current.Rulesets.Values.OrderBy(r => r.Definition.Id, StringComparer.Ordinal).Select(r => (r.Definition.Id, r.Definition.Title)).ToList();

    /// <summary>Drafts and versions in review of a ruleset, newest first: the candidates for side B.</summary>
    public IReadOnlyList<VersionRow> Drafts(string rulesetId) =>
        versions.ForRuleset(rulesetId).Where(v => v.Status != Status.Published).OrderByDescending(v => v.Id).ToList();

    public VersionRow? Version(long id) => versions.Get(id);

    public (SimulationSide A, SimulationSide B) Sides(SimulationChoice choice)
    {
        var snapshot = snapshots.Current;
        var a = new SimulationSide(SimulationSides.Published(snapshot, choice.RulesetId, choice.AsOfA), choice.DateA,
            $"offentliggjort{(choice.AsOfA is { } asOf ? " pr. " + asOf.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "")}, {DateText(choice.DateA)}");
        if (choice.DraftId is not { } id)
            return (a, new SimulationSide(SimulationSides.Published(snapshot, choice.RulesetId, null, "Offentliggjort (B)"), choice.DateB, $"offentliggjort, {DateText(choice.DateB)}"));
        var row = versions.Get(id) ?? throw new ArgumentException($"Version {id} findes ikke.");
        if (row.RulesetId != choice.RulesetId) throw new ArgumentException($"Version {id} hører til {row.RulesetId}, ikke {choice.RulesetId}.");
        var draft = RulesJson.Deserialize<RulesetVersion>(row.ContentJson);
        try
        {
            var side = SimulationSides.WithDraft(snapshot, compiled, choice.RulesetId, draft, null, $"Kladde nr. {id}");
            return (a, new SimulationSide(side, choice.DateB, $"kladde nr. {id} gældende fra {draft.ValidFrom:yyyy-MM-dd}, {DateText(choice.DateB)}"));
        }
        catch (VersionCompilationException ex)
        {
            throw new ArgumentException($"Kladde nr. {id} kan ikke oversættes: {string.Join("; ", ex.Errors.Take(3).Select(e => e.Message))}");
        }
    }

    private static string DateText(DateOnly? date) => date is { } d ? $"afgørelsesdato {d:yyyy-MM-dd}" : "rækkens egen afgørelsesdato";
}
