using System.Globalization;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Comparison;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Simulation;

/// <summary>
/// One side as chosen: the published rules as published at <paramref name="AsOf"/> (null: now), with a draft version
/// (<paramref name="DraftId"/>) and/or a pending sats revision (<paramref name="SatsRevisionId"/>) in place, decided on
/// <paramref name="Date"/> (null: the row's own decision date).
/// </summary>
public sealed record SideChoice(long? DraftId = null, long? SatsRevisionId = null, DateOnly? Date = null, DateTimeOffset? AsOf = null)
{
    public static SideChoice Published(DateOnly? date = null, DateTimeOffset? asOf = null) => new(null, null, date, asOf);
}

/// <summary>What the approver (or the CLI, or an API request) chose: the ruleset and the two sides.</summary>
public sealed record SimulationChoice(string RulesetId, SideChoice A, SideChoice B)
{
    public static SimulationChoice Of(string rulesetId, SideChoice a, SideChoice b) => new(rulesetId, a, b);
}

/// <summary>
/// The admin's caseload simulation: builds the two sides from the runtime's compiled snapshot (a draft from the store,
/// compiled once; a pending sats revision in place of its published series) and runs the uploaded caseload through
/// them. Nothing of the file is stored or logged. The admin page, the CLI and the API all turn a choice into sides here.
/// </summary>
public sealed class SimulationService(SnapshotHolder snapshots, CompiledVersions compiled, VersionRepository versions, RevisionRepository revisions)
{
    /// <summary>The rulesets with a published version, by id.</summary>
    public IReadOnlyList<(string Id, string Title)> Rulesets() =>
        snapshots.Current.Rulesets.Values.OrderBy(r => r.Definition.Id, StringComparer.Ordinal).Select(r => (r.Definition.Id, r.Definition.Title)).ToList();

    /// <summary>Drafts and versions in review of a ruleset, newest first: the candidates for a side.</summary>
    public IReadOnlyList<VersionRow> Drafts(string rulesetId) =>
        versions.ForRuleset(rulesetId).Where(v => v.Status != Status.Published).OrderByDescending(v => v.Id).ToList();

    /// <summary>Sats revisions in draft or review (a regulation not yet approved), the ruleset's own keys first, newest first.</summary>
    public IReadOnlyList<RevisionRow> PendingSatser(string? rulesetId) =>
        revisions.SatsWithStatus(Status.Draft).Concat(revisions.SatsWithStatus(Status.InReview))
            .OrderByDescending(r => rulesetId is not null && r.Key.StartsWith(rulesetId + ".", StringComparison.Ordinal))
            .ThenByDescending(r => r.Id).ToList();

    public VersionRow? Version(long id) => versions.Get(id);

    public (SimulationSide A, SimulationSide B) Sides(SimulationChoice choice)
    {
        var snapshot = snapshots.Current;
        var a = Side(snapshot, choice.RulesetId, choice.A, "A");
        var b = Side(snapshot, choice.RulesetId, choice.B, "B");
        // Two sides with the same name (published against published on another date) are told apart on screen.
        if (a.Name == b.Name) b = b with { Rules = Renamed(b.Rules, b.Name + " (B)") };
        return (a, b);
    }

    private SimulationSide Side(RulesSnapshot snapshot, string rulesetId, SideChoice choice, string letter)
    {
        var rules = choice.DraftId is { } id ? DraftSide(snapshot, rulesetId, id, choice.AsOf) : SimulationSides.Published(snapshot, rulesetId, choice.AsOf);
        var what = new List<string> { choice.DraftId is { } d ? $"kladde nr. {d} gældende fra {rules.Versions.First(v => v.IsCandidate).ValidFrom:yyyy-MM-dd}" : "offentliggjort" };
        if (choice.SatsRevisionId is { } satsId)
        {
            var (key, series) = PendingSats(satsId, letter);
            rules = SimulationSides.WithSatser(rules, [series], rules.Name + $" med satsrevision nr. {satsId}");
            what.Add($"satsrevision nr. {satsId} ({key})");
        }
        if (choice.AsOf is { } asOf) what.Add("offentliggjort pr. " + asOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        what.Add(choice.Date is { } date ? $"afgørelsesdato {date:yyyy-MM-dd}" : "rækkens egen afgørelsesdato");
        return new SimulationSide(rules, choice.Date, string.Join(", ", what));
    }

    private ComparisonSide DraftSide(RulesSnapshot snapshot, string rulesetId, long id, DateTimeOffset? asOf)
    {
        var row = versions.Get(id) ?? throw new ArgumentException($"Version {id} findes ikke.");
        if (row.RulesetId != rulesetId) throw new ArgumentException($"Version {id} hører til {row.RulesetId}, ikke {rulesetId}.");
        var draft = RulesJson.Deserialize<RulesetVersion>(row.ContentJson);
        try
        {
            return SimulationSides.WithDraft(snapshot, compiled, rulesetId, draft, asOf, $"Kladde nr. {id}");
        }
        catch (VersionCompilationException ex)
        {
            throw new ArgumentException($"Kladde nr. {id} kan ikke oversættes: {string.Join("; ", ex.Errors.Take(3).Select(e => e.Message))}");
        }
    }

    /// <summary>A sats revision not yet published: a draft or one in review. A published one is already on the published side.</summary>
    private (string Key, SatsSeries Series) PendingSats(long id, string letter)
    {
        var row = revisions.GetSats(id) ?? throw new ArgumentException($"Satsrevision nr. {id} (side {letter}) findes ikke.");
        if (row.Status != Status.Draft && row.Status != Status.InReview)
            throw new ArgumentException($"Satsrevision nr. {id} ({row.Key}) er {Common.Danish.Status(row.Status)}, ikke en kladde eller til godkendelse; vælg offentliggjort i stedet.");
        return (row.Key, RulesJson.Deserialize<SatsSeries>(row.ContentJson));
    }

    private static ComparisonSide Renamed(ComparisonSide side, string name) => new(name, side.Definition, side.Versions, side.Satser, side.Lookups);
}
