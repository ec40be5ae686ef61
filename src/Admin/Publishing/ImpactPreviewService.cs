using System.Text.Json;
using Serviceloven.Admin.Diff;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Comparison;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Admin.Publishing;

/// <summary>One test case of the impact preview: where it came from, where it was moved to, and both answers.</summary>
public sealed record ImpactCase(string File, TestCase Case, MovedCase Moved, CaseComparison Comparison);

/// <summary>
/// What a draft would change if published: every test case of the ruleset on the published rules and on the rules with
/// the draft, each moved into the draft's period; and the changes themselves in legal terms.
/// </summary>
public sealed record ImpactReport(
    DateOnly PeriodFrom,
    DateOnly? PeriodTo,
    IReadOnlyList<ImpactCase> Cases,
    IReadOnlyList<CellErrorText> CompileErrors,
    string? TemplateProblem,
    IReadOnlyList<LegalChange> Changes)
{
    public int OutcomeChanges => Cases.Count(c => c.Comparison.OutcomeChanged);
    public int AmountChanges => Cases.Count(c => !c.Comparison.OutcomeChanged && c.Comparison.AmountsChanged);
    public int GroundsChanges => Cases.Count(c => !c.Comparison.OutcomeChanged && !c.Comparison.AmountsChanged && (c.Comparison.ReferencesChanged || c.Comparison.TextChanged));
    public int Moved => Cases.Count(c => c.Moved.Moved);
}

/// <summary>The sides of a comparison of a draft, or why the draft cannot be run.</summary>
public sealed record DraftSides(ComparisonSide Before, ComparisonSide? After, IReadOnlyList<CellErrorText> CompileErrors, string? TemplateProblem);

/// <summary>
/// The approver's impact preview: a draft against what is published, case by case, with nothing stored. The draft is
/// compiled once; one in review (fixed content, likely published soon) is kept in the runtime's compiled-version cache,
/// so publishing it compiles nothing, while drafts still being edited are not cached (every edit is new content).
/// </summary>
public sealed class ImpactPreviewService(SnapshotHolder snapshots, CompiledVersions compiledVersions, PublishedRules published)
{
    public DraftSides Sides(string rulesetId, RulesetVersion draft, IReadOnlyList<TemplateFile> templates, bool cache)
    {
        var snapshot = snapshots.Current;
        var before = ComparisonSide.Published(snapshot, rulesetId);
        CompiledVersion compiled;
        try
        {
            compiled = cache
                ? compiledVersions.GetOrCompile(rulesetId, ContentHash.Of(draft), () => draft, snapshot.LatestSatser, snapshot.LatestLookups)
                : compiledVersions.Find(rulesetId, ContentHash.Of(draft)) ?? VersionCompiler.Compile(rulesetId, draft, snapshot.LatestSatser, snapshot.LatestLookups);
        }
        catch (VersionCompilationException ex)
        {
            return new DraftSides(before, null, ex.Errors.Select(e => new CellErrorText(e.Table, e.Row, e.Column, e.Position, e.Message)).ToList(), null);
        }
        BegrundelseTemplates? parsed = null;
        string? templateProblem = null;
        try { parsed = BegrundelseTemplates.Compile(rulesetId, draft.ValidFrom, templates, snapshot.SharedTemplates); }
        catch (BegrundelseException ex) { templateProblem = ex.Message; }
        var after = ComparisonSide.WithCandidate(snapshot, rulesetId, new SideVersion(compiled, parsed, templateProblem, IsCandidate: true));
        return new DraftSides(before, after, [], templateProblem);
    }

    /// <summary>Every case run on both sides, each with its decision date (and its date facts) moved into the draft's period.</summary>
    public async Task<ImpactReport> PreviewAsync(string rulesetId, RulesetVersion draft, IReadOnlyList<TestFile> tests, IReadOnlyList<TemplateFile> templates,
        bool cache, CancellationToken cancellationToken = default)
    {
        var sides = Sides(rulesetId, draft, templates, cache);
        var publishedThen = sides.Before.Resolve(draft.ValidFrom).Item;
        var changes = publishedThen is { } p
            ? LegalDiff.Compare(p.Compiled.Content, draft, TemplatesOf(rulesetId, p), templates, published.Catalogs().Satser)
            : [];
        if (sides.After is not { } after)
            return new ImpactReport(draft.ValidFrom, draft.ValidTo, [], sides.CompileErrors, null, changes);
        var to = after.EndOf(draft.ValidFrom);
        var dateFacts = draft.Facts.Concat(publishedThen?.Compiled.Content.Facts ?? [])
            .Where(f => f.Type == ValueKind.Date).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var cases = new List<ImpactCase>();
        foreach (var file in tests)
            foreach (var tc in file.Suite.Cases)
            {
                var moved = CaseDates.MoveInto(new ComparisonCase(tc.DecisionDate, tc.Facts, tc.Notes), draft.ValidFrom, to, dateFacts);
                var comparison = await CaseComparer.CompareAsync(sides.Before, after, moved.Case, begrundelse: true, cancellationToken);
                cases.Add(new ImpactCase(file.Name, tc, moved, comparison));
            }
        return new ImpactReport(draft.ValidFrom, to, cases, [], sides.TemplateProblem, changes);
    }

    /// <summary>The approver's own facts, once, on both sides. They are used for this answer only and never stored or logged.</summary>
    public async Task<CaseComparison?> WhatIfAsync(string rulesetId, RulesetVersion draft, IReadOnlyList<TemplateFile> templates, bool cache,
        DateOnly decisionDate, IReadOnlyDictionary<string, JsonElement> facts, IReadOnlyDictionary<string, string>? notes, CancellationToken cancellationToken = default)
    {
        var sides = Sides(rulesetId, draft, templates, cache);
        if (sides.After is not { } after) return null;
        return await CaseComparer.CompareAsync(sides.Before, after, new ComparisonCase(decisionDate, facts, notes), begrundelse: true, cancellationToken);
    }

    /// <summary>The template files of a published version, for the diff of the draft against it.</summary>
    private IReadOnlyList<TemplateFile> TemplatesOf(string rulesetId, SideVersion version) =>
        snapshots.Current.Rulesets.TryGetValue(rulesetId, out var entry)
            ? entry.Versions.FirstOrDefault(v => v.Id == version.PublishedId)?.TemplateFiles ?? []
            : [];
}
