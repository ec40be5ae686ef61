using System.Reflection;
using System.Text;
using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Evaluations;

/// <summary>Either the result of an evaluation or why there is none.</summary>
public sealed record EvaluationOutcome(EvaluationResponse? Response, EvaluationFailure? Failure)
{
    public static EvaluationOutcome Ok(EvaluationResponse r) => new(r, null);
    public static EvaluationOutcome Fail(EvaluationFailure f) => new(null, f);
}

/// <summary>
/// One evaluation against a snapshot: resolve the version on both time axes, bind facts, evaluate, build the
/// response. Touches no database and compiles nothing. The API and the admin's playground both call it.
/// </summary>
public sealed class EvaluationService(SnapshotHolder snapshots, BegrundelseService begrundelser)
{
    public static readonly string EngineVersion =
        $"serviceloven-engine/{typeof(Evaluator).Assembly.GetName().Version?.ToString(3)}; RulesEngine/{typeof(RulesEngine.RulesEngine).Assembly.GetName().Version?.ToString(3)}";

    public async Task<EvaluationOutcome> EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Current; // taken once: a publication meanwhile does not affect this request
        var fieldErrors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Ruleset)) fieldErrors["ruleset"] = ["Angiv regelsættets id, fx \"sel-97\"."];
        if (request.DecisionDate is null) fieldErrors["decisionDate"] = ["Angiv afgørelsesdatoen som \"ÅÅÅÅ-MM-DD\"."];
        if (request.Format is not (null or "text" or "html")) fieldErrors["format"] = ["Formatet skal være \"text\" eller \"html\"."];
        if (fieldErrors.Count > 0) return EvaluationOutcome.Fail(EvaluationFailure.InvalidRequest("Anmodningen er ufuldstændig.", fieldErrors));

        if (!snapshot.Rulesets.TryGetValue(request.Ruleset!, out var entry))
            return EvaluationOutcome.Fail(EvaluationFailure.UnknownRuleset(request.Ruleset));

        var decisionDate = request.DecisionDate!.Value;
        var timeline = entry.TimelineAsOf(request.AsOf);
        var resolution = VersionResolver.ResolveIn(entry.Definition.Id, timeline, decisionDate, request.AsOf);
        if (!resolution.Found)
            return EvaluationOutcome.Fail(EvaluationFailure.NoValidVersion(resolution.Problem!));
        var version = resolution.Item!;
        var cv = version.Compiled;

        var bound = FactBinder.Bind(cv.Facts, request.Facts);
        if (!bound.IsValid)
            return EvaluationOutcome.Fail(EvaluationFailure.InvalidFacts("Et eller flere fakta er ugyldige.",
                bound.Errors.GroupBy(e => "facts." + e.Fact).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())));

        var (satser, lookups, satsHashes) = snapshot.CatalogsAsOf(request.AsOf);
        var result = await Evaluator.EvaluateAsync(cv, decisionDate, bound, satser, lookups, cancellationToken);
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

        string? begrundelse = null;
        if (request.Begrundelse && result.Status == EvaluationStatus.Determined)
        {
            var rendered = begrundelser.Render(entry, version, result, request.Notes, request.Format ?? "text", cancellationToken);
            if (rendered.Failure is not null) return EvaluationOutcome.Fail(rendered.Failure);
            begrundelse = rendered.Text;
        }

        var validTo = VersionResolver.EndOf(version.ValidTo, timeline.FirstOrDefault(c => c.ValidFrom > version.ValidFrom)?.ValidFrom);
        return EvaluationOutcome.Ok(new EvaluationResponse(
            entry.Definition.Id,
            decisionDate,
            result.Status == EvaluationStatus.Determined ? "determined" : "undetermined",
            result.Outcome,
            result.Outputs,
            result.MissingFacts,
            new VersionRef(version.Id, version.ValidFrom, validTo, version.PublishedAt, version.Hash),
            result.Satser.Select(s => new SatsRef(s.Key, s.Label, s.Value, s.Unit, s.ValidFrom, s.ValidTo, s.Source, s.PriceLevel)).ToList(),
            result.Trace.Select(t => new TraceEntry(t.Table, t.Rule, t.Matched, t.Failed, t.Ref, t.Reason)).ToList(),
            result.References,
            begrundelse,
            new Receipt(
                // With the latest satser the hash depends only on the version, so the snapshot keeps it.
                request.AsOf is null
                    ? snapshot.LatestVersionSetHashes.GetOrAdd(version.Id, _ => VersionSetHash(cv, version, satsHashes, snapshot, null))
                    : VersionSetHash(cv, version, satsHashes, snapshot, request.AsOf),
                InputHash(entry.Definition.Id, decisionDate, bound), EngineVersion)));
    }

    /// <summary>Identifies the version and every sats and lookup revision it could use, so a decision can be traced.</summary>
    private static string VersionSetHash(CompiledVersion cv, PublishedVersion version, IReadOnlyDictionary<string, string> satsHashes, RulesSnapshot snapshot, DateTimeOffset? asOf)
    {
        var sb = new StringBuilder(version.Hash);
        foreach (var key in cv.UsedSats.Order(StringComparer.Ordinal))
            sb.Append('|').Append(key).Append('=').Append(satsHashes.GetValueOrDefault(key, "-"));
        foreach (var key in cv.UsedLookups.Order(StringComparer.Ordinal))
        {
            var rev = snapshot.LookupRevisions.Where(r => r.Key == key && (asOf is null || r.PublishedAt <= asOf)).MaxBy(r => r.PublishedAt);
            sb.Append('|').Append(key).Append('=').Append(rev?.Hash ?? "-");
        }
        return ContentHash.OfText(sb.ToString());
    }

    /// <summary>A hash of the canonical input; the facts themselves are never stored or logged.</summary>
    private static string InputHash(string ruleset, DateOnly decisionDate, BoundFacts facts)
    {
        var canonical = new SortedDictionary<string, object>(facts.Values, StringComparer.Ordinal);
        return ContentHash.OfText(JsonSerializer.Serialize(new { ruleset, decisionDate, facts = canonical }, RulesJson.Canonical));
    }
}
