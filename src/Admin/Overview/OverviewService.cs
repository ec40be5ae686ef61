using System.Globalization;
using Serviceloven.Engine.Versions;
using System.Collections.Concurrent;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Overview;

public sealed record TimelineEntry(VersionRow Row, DateOnly From, DateOnly? To, string? ChangeNote);

public sealed record RulesetOverview(string Id, string Title, IReadOnlyList<TimelineEntry> Published, IReadOnlyList<VersionRow> Open);

public sealed record AttentionItem(string Kind, string Text, string? Link);

public sealed record SatsOverview(SatsSeries Series, RevisionRow Row, decimal? NextYearValue);

public sealed record OverviewModel(IReadOnlyList<RulesetOverview> Rulesets, IReadOnlyList<SatsOverview> Satser,
    IReadOnlyList<LookupTable> Lookups, IReadOnlyList<AttentionItem> Attention, DateOnly Today, DateOnly NextYear);

/// <summary>Everything on the overview page, including what needs attention.</summary>
public sealed class OverviewService(VersionRepository versions, RevisionRepository revisions, PublishedRules published, PublicationGate gate,
    SnapshotHolder snapshots, TimeProvider time)
{
    // Validation is costly (compiling, running test cases); the result only depends on the content, tests and satser.
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _validation = new();

    /// <summary>The overview without validation, which takes longer; see <see cref="ValidationAttentionAsync"/>.</summary>
    public OverviewModel Build()
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var nextYear = new DateOnly(today.Year + 1, 1, 1);
        var catalogs = published.Catalogs();
        var snapshot = snapshots.Current;
        var all = versions.Rulesets().OrderBy(r => r.Id, RulesetOrder.Instance).ToList();
        var attention = new List<AttentionItem>();
        var rulesets = new List<RulesetOverview>();
        foreach (var rs in all)
        {
            var def = RulesJson.Deserialize<RulesetDefinition>(rs.DefinitionJson);
            var rows = versions.ForRuleset(rs.Id);
            var byId = rows.ToDictionary(v => v.Id);
            // The timeline the API answers from: the runtime's snapshot.
            var timeline = snapshot.Timeline(rs.Id);
            var entries = timeline.Select((c, i) =>
            {
                var content = c.Item.Compiled.Content;
                return new TimelineEntry(byId[c.Item.Id], c.ValidFrom, VersionResolver.EndIn(timeline, i), content.ChangeNote);
            }).ToList();
            var open = rows.Where(v => v.Status != Status.Published).ToList();
            rulesets.Add(new RulesetOverview(rs.Id, def.Title, entries, open));
            foreach (var v in open.Where(v => v.Status == Status.InReview))
                attention.Add(new AttentionItem("Venter på godkendelse", $"{rs.Id} gældende fra {Common.Danish.Short(v.ValidFrom)}, indsendt af {v.SubmittedBy}.", $"admin/versioner/{v.Id}"));
        }
        foreach (var s in revisions.SatsWithStatus(Status.InReview))
            attention.Add(new AttentionItem("Venter på godkendelse", $"Satsen {s.Key}, indsendt af {s.SubmittedBy}.", "admin/satser"));
        var satser = catalogs.SatsRevisions.Select(s => new SatsOverview(s.Series, s.Row, Satser.RegulationCalculator.ValueOn(s.Series, nextYear))).ToList();
        foreach (var s in satser.Where(s => s.NextYearValue is null))
            attention.Add(new AttentionItem("Mangler værdi næste år", $"Satsen {s.Series.Key} har ingen værdi {Common.Danish.Date(nextYear)}.", $"admin/satser/{Uri.EscapeDataString(s.Series.Key)}"));
        return new OverviewModel(rulesets, satser, catalogs.Lookups.Tables.OrderBy(t => t.Key).ToList(), attention, today, nextYear);
    }

    /// <summary>Versions (published or open) whose validation fails.</summary>
    public async Task<IReadOnlyList<AttentionItem>> ValidationAttentionAsync()
    {
        var catalogs = published.Catalogs();
        var snapshot = snapshots.Current;
        var items = new List<AttentionItem>();
        foreach (var rs in versions.Rulesets().OrderBy(r => r.Id, RulesetOrder.Instance))
        {
            var live = snapshot.Timeline(rs.Id).Select(c => c.Item.Id).ToHashSet();
            var all = versions.ForRuleset(rs.Id);
            var rows = all.Where(v => live.Contains(v.Id)).Concat(all.Where(v => v.Status != Status.Published));
            foreach (var v in rows)
            {
                var errors = await ValidateAsync(rs.Id, v, catalogs, snapshot);
                if (errors.Count > 0)
                    items.Add(new AttentionItem("Validering fejler",
                        $"{rs.Id} gældende fra {Common.Danish.Short(v.ValidFrom)} ({Common.Danish.Status(v.Status)}): {errors.Count} fejl, fx {errors[0]}", $"admin/versioner/{v.Id}"));
            }
        }
        return items;
    }

    private async Task<IReadOnlyList<string>> ValidateAsync(string rulesetId, VersionRow row, RulesCatalogs catalogs, RulesSnapshot snapshot)
    {
        var satsHash = ContentHash.OfText(string.Join("|", catalogs.SatsRevisions.Select(s => s.Row.ContentHash)));
        var key = string.Join("|", rulesetId, row.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.ContentHash, ContentHash.OfText(row.TestsJson),
            ContentHash.OfText(row.TemplatesJson), satsHash, string.Join(",", snapshot.Timeline(rulesetId).Select(c => c.Item.Hash)));
        if (_validation.TryGetValue(key, out var cached)) return cached;
        var report = await gate.CheckAsync(rulesetId, RulesJson.Deserialize<RulesetVersion>(row.ContentJson),
            RulesJson.Deserialize<List<TestFile>>(row.TestsJson), RulesJson.Deserialize<List<TemplateFile>>(row.TemplatesJson));
        var errors = report.Errors.Select(PublishingService.Describe).ToList();
        _validation[key] = errors;
        return errors;
    }
}
