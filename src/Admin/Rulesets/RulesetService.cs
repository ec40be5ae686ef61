using System.Text.Json;
using System.Text.RegularExpressions;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Rulesets;

/// <summary>A version as it lies on a ruleset's timeline: published (the latest publication of its date) or open.</summary>
public sealed record TimelineVersion(long Id, DateOnly From, DateOnly? To, string Status);

/// <summary>Where a planned version would sit on the timeline, what it changes there, and the gaps or overlaps it makes.</summary>
public sealed record TimelinePlan(
    DateOnly From,
    DateOnly? To,
    IReadOnlyList<TimelineVersion> Published,
    IReadOnlyList<TimelineVersion> Open,
    string Where,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Rulesets and their versions from the UI: a new ruleset (id, title, legal basis, sources) with a first version from
/// scratch, and a new version of an existing ruleset from scratch or from another version, placed on the timeline with
/// its gaps and overlaps shown before it is created. Every change is audited in the store.
/// </summary>
public sealed partial class RulesetService(VersionRepository versions, SnapshotHolder snapshots, TimeProvider time)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    /// <summary>Null when <paramref name="id"/> can name a new ruleset, else why not.</summary>
    public string? CheckId(string? id)
    {
        var t = (id ?? "").Trim();
        if (t.Length == 0) return "Skriv regelsættets id, fx sel-97 for servicelovens § 97.";
        if (!IdPattern().IsMatch(t) || t.Length > 60) return "Et id har kun små bogstaver a-z, tal og bindestreg og begynder med et bogstav eller tal (fx sel-85a).";
        if (versions.Rulesets().Any(r => r.Id == t)) return $"Regelsættet '{t}' findes allerede.";
        return null;
    }

    public RulesetDefinition? Definition(string id) =>
        versions.Rulesets().FirstOrDefault(r => r.Id == id) is { } row ? RulesJson.Deserialize<RulesetDefinition>(row.DefinitionJson) : null;

    /// <summary>A ruleset's definition may change only until its first version is published: after that it is part of what was approved.</summary>
    public bool DefinitionEditable(string id) => versions.ForRuleset(id).All(v => v.Status != Status.Published);

    /// <summary>Creates the ruleset and its first version, empty, as a draft; returns the draft.</summary>
    public VersionRow Create(AdminUser me, RulesetDefinition definition, DateOnly validFrom, DateOnly? validTo)
    {
        DraftService.RequireEditor(me);
        var clean = Clean(definition);
        if (CheckId(clean.Id) is { } problem) throw new RefusedException(problem);
        CheckDefinition(clean);
        if (validTo is { } to && to < validFrom) throw new RefusedException("Versionen kan ikke slutte, før den begynder.");
        versions.CreateRuleset(clean.Id, JsonSerializer.Serialize(clean, RulesJson.Canonical), me.Username);
        var content = JsonSerializer.Serialize(EditableVersion.Blank(validFrom, validTo), RulesJson.Canonical);
        return versions.CreateDraft(clean.Id, validFrom, validTo, content, ContentHash.OfText(content), "[]", "[]", null, me.Username);
    }

    public void UpdateDefinition(AdminUser me, RulesetDefinition definition)
    {
        DraftService.RequireEditor(me);
        var clean = Clean(definition);
        if (Definition(clean.Id) is null) throw new RefusedException($"Regelsættet '{clean.Id}' findes ikke.");
        if (!DefinitionEditable(clean.Id))
            throw new RefusedException("Regelsættet har en offentliggjort version; titel, retsgrundlag og kilder kan ikke længere ændres her.");
        CheckDefinition(clean);
        versions.UpdateRulesetDefinition(clean.Id, JsonSerializer.Serialize(clean, RulesJson.Canonical), me.Username);
    }

    /// <summary>
    /// A new draft of an existing ruleset: a copy of <paramref name="fromId"/>'s content, or (without it) an empty
    /// version. Either way it carries the ruleset's test cases and templates from the latest publication (or from
    /// <paramref name="fromId"/>), since those belong to the whole ruleset.
    /// </summary>
    public VersionRow CreateVersion(AdminUser me, string rulesetId, DateOnly validFrom, DateOnly? validTo, long? fromId)
    {
        DraftService.RequireEditor(me);
        if (Definition(rulesetId) is null) throw new RefusedException($"Regelsættet '{rulesetId}' findes ikke.");
        if (validTo is { } to && to < validFrom) throw new RefusedException("Versionen kan ikke slutte, før den begynder.");
        var all = versions.ForRuleset(rulesetId);
        VersionRow? from = null;
        if (fromId is { } fid)
            from = all.FirstOrDefault(v => v.Id == fid) ?? throw new RefusedException($"Version {fid} hører ikke til {rulesetId}.");
        var carrier = from ?? all.Where(v => v.Status == Status.Published).OrderBy(v => v.PublishedAt).ThenBy(v => v.Id).LastOrDefault();
        var content = from is null
            ? EditableVersion.Blank(validFrom, validTo)
            : RulesJson.Deserialize<RulesetVersion>(from.ContentJson) with { ValidFrom = validFrom, ValidTo = validTo, ChangeNote = null };
        var json = JsonSerializer.Serialize(content, RulesJson.Canonical);
        return versions.CreateDraft(rulesetId, validFrom, validTo, json, ContentHash.OfText(json),
            carrier?.TestsJson ?? "[]", carrier?.TemplatesJson ?? "[]", from?.Id ?? carrier?.Id, me.Username);
    }

    /// <summary>The ruleset's timeline as the API answers it (published) and its open drafts, with the planned version placed on it.</summary>
    public TimelinePlan Plan(string rulesetId, DateOnly from, DateOnly? to)
    {
        var timeline = snapshots.Current.Timeline(rulesetId);
        var published = timeline.Select(c => new TimelineVersion(c.Item.Id, c.ValidFrom, c.Item.Compiled.Content.ValidTo, Status.Published)).ToList();
        var open = versions.ForRuleset(rulesetId).Where(v => v.Status != Status.Published)
            .Select(v => new TimelineVersion(v.Id, v.ValidFrom, ContentValidTo(v), v.Status)).ToList();
        var notes = new List<string>();
        var warnings = new List<string>();
        if (to is { } end && end < from) warnings.Add("Versionen slutter, før den begynder.");

        var replaced = published.FirstOrDefault(p => p.From == from);
        var previous = published.LastOrDefault(p => p.From < from);
        var next = published.FirstOrDefault(p => p.From > from);
        var where = (previous, next) switch
        {
            (null, null) => "Regelsættets første version.",
            (null, { } n) => $"Før den første version (fra {DanishFormat.Date(n.From)}).",
            ({ } p, null) => $"Efter den seneste version (fra {DanishFormat.Date(p.From)}).",
            ({ } p, { } n) => $"Mellem versionen fra {DanishFormat.Date(p.From)} og versionen fra {DanishFormat.Date(n.From)}.",
        };
        if (replaced is not null)
        {
            where = $"På samme dag som den offentliggjorte version fra {DanishFormat.Date(from)}.";
            notes.Add($"Når den godkendes, afløser den versionen fra {DanishFormat.Date(from)} for afgørelser fra {DanishFormat.Date(from)} (en rettelse); afgørelser truffet før rettelsen kan stadig genskabes med asOf.");
        }
        if (previous is { To: null })
            notes.Add($"Versionen fra {DanishFormat.Date(previous.From)} gælder derefter kun til og med {DanishFormat.Date(from.AddDays(-1))}.");
        if (next is not null && to is null)
            notes.Add($"Den nye version gælder til og med {DanishFormat.Date(next.From.AddDays(-1))}, dagen før næste version.");
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (from < today) notes.Add($"Versionen gælder med tilbagevirkende kraft: afgørelser med afgørelsesdato fra {DanishFormat.Date(from)} får et nyt svar.");
        foreach (var o in open.Where(o => o.From == from))
            warnings.Add($"Der er allerede en {Common.Danish.Status(o.Status)} fra samme dag (version {o.Id}); kun én af dem kan godkendes uden at afløse den anden.");

        // The gate's own timeline check on the timeline as it would be; only what touches the new version is new.
        var planned = published.Where(p => p.From != from)
            .Select(p => EditableVersion.Blank(p.From, p.To))
            .Append(EditableVersion.Blank(from, to))
            .ToList();
        var report = new ValidationReport();
        VersionValidator.CheckTimeline(rulesetId, planned, report);
        var touching = new HashSet<DateOnly?> { from, previous?.From };
        warnings.AddRange(report.Errors.Where(e => touching.Contains(e.Version)).Select(e => e.Message));
        if (previous is { To: { } prevTo } && prevTo < from.AddDays(-1) && !warnings.Any(w => w.StartsWith("Hul", StringComparison.Ordinal)))
            warnings.Add($"Hul i tidslinjen: ingen version gælder {DanishFormat.Period(prevTo.AddDays(1), from.AddDays(-1))}.");
        return new TimelinePlan(from, to, published, open, where, notes, warnings.Distinct().ToList());
    }

    private static DateOnly? ContentValidTo(VersionRow row)
    {
        try { return RulesJson.Deserialize<RulesetVersion>(row.ContentJson).ValidTo; }
        catch (JsonException) { return row.ValidTo; }
    }

    private static RulesetDefinition Clean(RulesetDefinition d) => d with
    {
        Id = d.Id.Trim(),
        Title = d.Title.Trim(),
        LegalBasis = string.IsNullOrWhiteSpace(d.LegalBasis) ? null : d.LegalBasis.Trim(),
        Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim(),
        Sources = d.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Ref))
            .Select(s => new SourceNote { Ref = s.Ref.Trim(), Note = string.IsNullOrWhiteSpace(s.Note) ? null : s.Note.Trim() }).ToList(),
    };

    private static void CheckDefinition(RulesetDefinition d)
    {
        if (d.Title.Length == 0) throw new RefusedException("Skriv regelsættets titel, fx Ledsageordning (servicelovens § 97).");
    }
}
