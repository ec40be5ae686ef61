using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Letters;
using Serviceloven.Runtime.Receipts;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Evaluations;

/// <summary>Either the result of an evaluation or why there is none.</summary>
public sealed record EvaluationOutcome(EvaluationResponse? Response, EvaluationFailure? Failure)
{
    /// <summary>The letter as PDF bytes when format "pdf" was asked for (the response carries it as base64).</summary>
    public byte[]? Pdf { get; init; }

    public static EvaluationOutcome Ok(EvaluationResponse r) => new(r, null);
    public static EvaluationOutcome Fail(EvaluationFailure f) => new(null, f);
}

/// <summary>
/// One evaluation against a snapshot: resolve the version on both time axes, bind facts, evaluate, build the
/// response. Touches no database and compiles nothing. The API and the admin's playground both call it.
/// </summary>
public sealed class EvaluationService(SnapshotHolder snapshots, BegrundelseService begrundelser, LetterheadCatalog letterheads)
{
    public Task<EvaluationOutcome> EvaluateAsync(EvaluationRequest? request, CancellationToken cancellationToken) =>
        EvaluateAsync(request, null, cancellationToken);

    /// <summary>
    /// Evaluates; a begrundelse carries the letterhead named by <paramref name="letterheadKey"/> (the API key's
    /// municipality), or the default letterhead when it is null.
    /// </summary>
    public async Task<EvaluationOutcome> EvaluateAsync(EvaluationRequest? request, string? letterheadKey, CancellationToken cancellationToken)
    {
        if (request is null)
            return EvaluationOutcome.Fail(EvaluationFailure.InvalidRequest("Evalueringen mangler.",
                new Dictionary<string, string[]> { ["body"] = ["Angiv evalueringen som et JSON-objekt."] }));
        var snapshot = snapshots.Current; // taken once: a publication meanwhile does not affect this request
        var fieldErrors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Ruleset)) fieldErrors["ruleset"] = ["Angiv regelsættets id, fx \"sel-97\"."];
        if (request.DecisionDate is null) fieldErrors["decisionDate"] = ["Angiv afgørelsesdatoen som \"ÅÅÅÅ-MM-DD\"."];
        if (request.Format is { } f && !BegrundelseService.Formats.Contains(f)) fieldErrors["format"] = ["Formatet skal være \"text\", \"html\" eller \"pdf\"."];
        if (fieldErrors.Count > 0) return EvaluationOutcome.Fail(EvaluationFailure.InvalidRequest("Anmodningen er ufuldstændig.", fieldErrors));

        if (!snapshot.Rulesets.TryGetValue(request.Ruleset!, out var entry))
            return EvaluationOutcome.Fail(snapshot.Unavailable.TryGetValue(request.Ruleset!, out var unavailable)
                ? EvaluationFailure.RulesetUnavailable(unavailable)
                : EvaluationFailure.UnknownRuleset(request.Ruleset));

        var decisionDate = request.DecisionDate!.Value;
        var timeline = entry.TimelineAsOf(request.AsOf);
        var resolution = VersionResolver.ResolveIn(entry.Definition.Id, timeline, decisionDate, request.AsOf);
        if (!resolution.Found)
            return EvaluationOutcome.Fail(EvaluationFailure.NoValidVersion(resolution.Problem!));
        var version = resolution.Item!;
        var cv = version.Compiled;

        var bound = FactBinder.Bind(cv.Facts, request.Facts, cv.Content.LegacyFacts);
        if (!bound.IsValid)
            return EvaluationOutcome.Fail(EvaluationFailure.InvalidFacts("Et eller flere fakta er ugyldige.",
                bound.Errors.GroupBy(e => "facts." + e.Fact).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())));

        var catalogs = snapshot.CatalogsAsOf(request.AsOf);
        var result = await Evaluator.EvaluateAsync(cv, decisionDate, bound, catalogs.Satser, catalogs.Lookups, cancellationToken);
        if (result.Status == EvaluationStatus.Error)
        {
            return EvaluationOutcome.Fail(new EvaluationFailure(EvaluationFailureKind.EvaluationError, "Fejl under evalueringen", result.Error!.ToString())
            {
                Extensions = new Dictionary<string, object?>
                {
                    ["error"] = new { kind = result.Error.Kind, table = result.Error.Table, rule = result.Error.Rule, column = result.Error.Column },
                },
            });
        }

        RenderedLetter? letter = null;
        if (request.Begrundelse && result.Status == EvaluationStatus.Determined)
        {
            var rendered = begrundelser.Render(entry, version, result, decisionDate, request.Notes, request.Format ?? BegrundelseService.Text,
                letterheads.For(letterheadKey, request.AsOf), cancellationToken);
            if (rendered.Failure is not null) return EvaluationOutcome.Fail(rendered.Failure);
            letter = rendered.Letter;
        }

        var validTo = VersionResolver.EndBeside(timeline, version.ValidFrom, version.ValidTo);
        return EvaluationOutcome.Ok(new EvaluationResponse(
            entry.Definition.Id,
            decisionDate,
            result.Status == EvaluationStatus.Determined ? "determined" : "undetermined",
            result.Outcome,
            result.Outputs,
            result.MissingFacts,
            new VersionRef(version.Id, version.ValidFrom, validTo, version.PublishedAt, version.Hash),
            result.Satser.Select(s => new SatsRef(s.Key, s.Label, s.Value, s.Unit, s.ValidFrom, s.ValidTo, s.Source, s.PriceLevel)).ToList(),
            result.Trace.Select(Trace).ToList(),
            Decisions(result.Decisions),
            result.References,
            letter?.Text,
            new Receipt(snapshot.VersionSetHash(version, catalogs, request.AsOf),
                ReceiptHashes.Input(entry.Definition.Id, decisionDate, bound), ReceiptHashes.Engine))) with { Pdf = letter?.Pdf };
    }

    private static List<DecisionEntry> Decisions(IReadOnlyList<DecisionTrace> decisions)
    {
        var entries = new List<DecisionEntry>(decisions.Count);
        foreach (var d in decisions)
            entries.Add(new DecisionEntry(d.Name, d.Kind, d.Label, d.Value, d.Lists.Count == 0 ? null
                : d.Lists.Select(l => new ListEntry(l.Expression, l.List, l.ListLabel,
                    l.Items.Select(i => new ListItemEntry(i.Index, i.Counted, i.Why, i.Item)).ToList())).ToList()));
        return entries;
    }

    private static TraceEntry Trace(RowTrace t) => new(t.Table, t.HitPolicy, t.Rule, t.Matched, t.Decisive, t.Failed,
        t.FailedCell is { } c ? new TraceCell(c.Input, c.Cell, c.Value) : null, t.Ref, t.Reason);
}
