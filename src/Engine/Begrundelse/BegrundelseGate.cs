using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Testing;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>An evaluation result to render at publish time, e.g. one of the version's test cases with its notes.</summary>
public sealed record BegrundelseSample(string Name, EvaluationResult Result, IReadOnlyDictionary<string, string>? Notes = null)
{
    /// <summary>A test case run by TestCaseRunner; null when no version was found for it.</summary>
    public static BegrundelseSample? From(TestCaseResult run) =>
        run.Result is null ? null : new BegrundelseSample(run.Case.Id, run.Result, run.Case.Notes);
}

/// <summary>One reason the templates may not be published (or, as a warning, a doubt). Where names the outcome, sample or template.</summary>
public sealed record BegrundelseIssue(string Where, string Message, bool IsWarning = false)
{
    public override string ToString() => $"[{Where}] {Message}";
}

/// <summary>
/// The begrundelse part of the publish gate (docs/begrundelse.md section 8): every declared outcome has a template,
/// and every given determined result renders in text and html without an error or an empty placeholder.
/// </summary>
public static class BegrundelseGate
{
    /// <summary>The outcome values the version declares (its outcome output's values); none for a free-text outcome.</summary>
    public static IReadOnlyList<string> DeclaredOutcomes(CompiledVersion version) =>
        version.Content.Tables.SelectMany(t => t.Outputs).FirstOrDefault(o => o.Name == version.Content.Outcome)?.Values?.Select(v => v.Value).ToList() ?? [];

    /// <summary>A caseworker's note for every discretionary fact, for rendering facts the gate made up itself.</summary>
    public static IReadOnlyDictionary<string, string> ExampleNotes(CompiledVersion version) =>
        version.Content.Facts.Where(f => f.Discretionary).ToDictionary(f => f.Name, f => $"Eksempel på sagsbehandlerens vurdering af {f.Label}.");

    public static IReadOnlyList<BegrundelseIssue> Check(BegrundelseTemplates templates, CompiledVersion version,
        RulesetDefinition ruleset, IEnumerable<BegrundelseSample> samples)
    {
        var issues = new List<BegrundelseIssue>();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var outcome = version.Content.Tables.SelectMany(t => t.Outputs).FirstOrDefault(o => o.Name == version.Content.Outcome);
        if (outcome?.Values is { Count: > 0 } values)
        {
            foreach (var v in values)
                if (templates.ForOutcome(v.Value) is null && missing.Add(v.Value))
                    issues.Add(new BegrundelseIssue($"udfald '{v.Value}'",
                        $"Der mangler en skabelon: {v.Value}{ParsedTemplate.Extension} eller {BegrundelseTemplates.DefaultName}{ParsedTemplate.Extension}."));
        }
        else if (templates.ForOutcome(BegrundelseTemplates.DefaultName) is null)
        {
            issues.Add(new BegrundelseIssue($"udfald '{version.Content.Outcome}'",
                $"Udfaldet har ingen faste værdier, så der skal være en {BegrundelseTemplates.DefaultName}{ParsedTemplate.Extension}."));
        }

        foreach (var sample in samples)
        {
            if (sample.Result.Status != EvaluationStatus.Determined || sample.Result.Outcome is not { } sampleOutcome) continue;
            if (templates.ForOutcome(sampleOutcome) is null)
            {
                // Reported once per outcome, not once per sample.
                if (missing.Add(sampleOutcome))
                    issues.Add(new BegrundelseIssue($"udfald '{sampleOutcome}'",
                        $"Der mangler en skabelon: {sampleOutcome}{ParsedTemplate.Extension} eller {BegrundelseTemplates.DefaultName}{ParsedTemplate.Extension}."));
                continue;
            }
            foreach (var format in Enum.GetValues<BegrundelseFormat>())
            {
                try
                {
                    templates.Render(version, ruleset, sample.Result, sample.Notes, format);
                }
                catch (BegrundelseException ex)
                {
                    issues.Add(new BegrundelseIssue($"{sample.Name} ({format.ToString().ToLowerInvariant()})", ex.Message));
                    break; // the same template error would repeat for the other format
                }
            }
        }
        return issues;
    }

    /// <summary>
    /// Klart sprog: each template's letters measured with LIX (the highest among the samples it wrote). A template whose
    /// letter reaches LIX 55 (meget svær) is named with that sample and the sentences of more than 30 words to shorten.
    /// Samples that do not render are left to <see cref="Check"/>.
    /// </summary>
    public static IReadOnlyList<BegrundelseIssue> Readability(BegrundelseTemplates templates, CompiledVersion version,
        RulesetDefinition ruleset, IEnumerable<BegrundelseSample> samples)
    {
        var worst = new Dictionary<string, (string Sample, Readability.LixResult Lix)>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (sample.Result.Status != EvaluationStatus.Determined || sample.Result.Outcome is not { } outcome) continue;
            if (templates.ForOutcome(outcome) is not { } template) continue;
            string text;
            try { text = templates.Render(version, ruleset, sample.Result, sample.Notes); }
            catch (BegrundelseException) { continue; }
            var lix = Engine.Readability.Lix.Measure(text);
            if (!worst.TryGetValue(template.SourcePath, out var w) || lix.Value > w.Lix.Value) worst[template.SourcePath] = (sample.Name, lix);
        }
        return worst.Where(w => w.Value.Lix.Rounded >= Engine.Readability.Lix.WarnAt)
            .Select(w => new BegrundelseIssue(w.Key,
                $"Brevet til {w.Value.Sample} har {w.Value.Lix} (ord pr. sætning {(decimal)w.Value.Lix.Words / w.Value.Lix.Sentences:0.#}, " +
                $"lange ord {100m * w.Value.Lix.LongWords / w.Value.Lix.Words:0}%). Skriv kortere sætninger og ord." +
                (w.Value.Lix.LongSentences.Count == 0 ? "" :
                    $" Sætninger over {Engine.Readability.Lix.LongSentenceWords} ord: " + string.Join(" ", w.Value.Lix.LongSentences.Select(s => $"»{s}«")))))
            .ToList();
    }

    /// <summary>
    /// The template of an outcome that neither a test case nor example facts reach, rendered on another result with the
    /// outcome put in its place. An error of the template itself (an unknown include, a loop or recursion without end, an
    /// unknown name) is an error as anywhere; a value missing from the borrowed result, or a note, only a warning.
    /// </summary>
    public static IReadOnlyList<BegrundelseIssue> CheckBorrowed(BegrundelseTemplates templates, CompiledVersion version,
        RulesetDefinition ruleset, string outcome, EvaluationResult borrowed, IReadOnlyDictionary<string, string>? notes)
    {
        var where = $"udfald '{outcome}'";
        var issues = new List<BegrundelseIssue>
        {
            new(where, "Hverken en testcase eller eksempelfakta fører til udfaldet, så skabelonen er kun prøvet på et andet resultats værdier. " +
                "Tilføj en testcase med udfaldet.", IsWarning: true),
        };
        var result = WithOutcome(version, borrowed, outcome);
        foreach (var format in Enum.GetValues<BegrundelseFormat>())
        {
            try
            {
                templates.Render(version, ruleset, result, notes, format);
            }
            catch (BegrundelseException ex)
            {
                issues.Add(new BegrundelseIssue($"{where} ({format.ToString().ToLowerInvariant()})", ex.Message,
                    IsWarning: ex.BlankValue || ex.MissingNote is not null));
                break;
            }
        }
        return issues;
    }

    private static EvaluationResult WithOutcome(CompiledVersion version, EvaluationResult result, string outcome)
    {
        var name = version.Content.Outcome;
        return new EvaluationResult
        {
            Status = EvaluationStatus.Determined,
            Outcome = outcome,
            Outputs = new Dictionary<string, object?>(result.Outputs) { [name] = outcome },
            Values = new Dictionary<string, object?>(result.Values) { [name] = outcome },
            Trace = result.Trace,
            Tables = result.Tables,
            References = result.References,
            DecisiveRows = result.DecisiveRows,
            Satser = result.Satser,
        };
    }
}
