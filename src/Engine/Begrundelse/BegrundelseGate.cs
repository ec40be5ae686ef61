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

/// <summary>One reason the templates may not be published. Where names the outcome, sample or template.</summary>
public sealed record BegrundelseIssue(string Where, string Message)
{
    public override string ToString() => $"[{Where}] {Message}";
}

/// <summary>
/// The begrundelse part of the publish gate (docs/begrundelse.md section 8): every declared outcome has a template,
/// and every given determined result renders in text and html without an error or an empty placeholder.
/// </summary>
public static class BegrundelseGate
{
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
}
