using Serviceloven.Engine.Versions;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Testing;

namespace Serviceloven.Engine.Validation;

/// <summary>The validation gate and the test cases over a whole rules/ folder (the CLI's validate and test).</summary>
public static class RulesCheck
{
    public sealed record RulesetRun(RulesetContent Ruleset, IReadOnlyList<CompiledVersion> Versions, IReadOnlyList<TestCaseResult> Results);

    /// <summary>Compiles every version and runs every test case; versions that do not compile are reported.</summary>
    public static async Task<(ValidationReport Report, IReadOnlyList<RulesetRun> Runs)> RunAsync(RulesContent content)
    {
        var report = new ValidationReport();
        var satser = new SatsCatalog(content.Satser);
        var lookups = new LookupCatalog(content.Lookups);
        var runs = new List<RulesetRun>();
        foreach (var rs in content.Rulesets)
        {
            var id = rs.Definition.Id;
            VersionValidator.CheckTimeline(id, rs.Versions, report);
            var compiled = new List<CompiledVersion>();
            for (var i = 0; i < rs.Versions.Count; i++)
            {
                var v = rs.Versions[i];
                var end = VersionResolver.EndOf(null, i + 1 < rs.Versions.Count ? rs.Versions[i + 1].ValidFrom : null);
                if (VersionValidator.CheckVersion(id, v, end, satser, lookups, report) is { } cv) compiled.Add(cv);
            }
            if (rs.Versions.Count == 0)
                report.Add(new ValidationIssue(Severity.Error, id, null, "versioner", "Regelsættet har ingen versioner."));
            var cases = rs.Tests.SelectMany(f => f.Suite.Cases.Select(c => (f.Name, c))).ToList();
            if (cases.Count == 0)
                report.Add(new ValidationIssue(Severity.Error, id, null, "tests", "Regelsættet har ingen testcases."));
            var results = compiled.Count == rs.Versions.Count
                ? await TestCaseRunner.RunAsync(id, compiled, cases, satser, lookups)
                : cases.Select(c => new TestCaseResult(id, c.Name, c.c, ["versionen kan ikke oversættes"], null, null)).ToList();
            VersionValidator.AddTestFailures(results, report);
            foreach (var cv in compiled)
                CheckTemplates(rs, cv, content, results, report);
            runs.Add(new RulesetRun(rs, compiled, results));
        }
        return (report, runs);
    }

    /// <summary>The begrundelse part of the gate: a template per outcome, and every test case of the version renders.</summary>
    public static void CheckTemplates(RulesetContent rs, CompiledVersion cv, RulesContent content, IEnumerable<TestCaseResult> results, ValidationReport report) =>
        CheckTemplates(rs.Definition, rs.Templates, content.SharedTemplates, cv, results, report);

    /// <summary>The same for a candidate version whose templates are not (yet) in a rules/ folder, as the admin UI has them.</summary>
    public static void CheckTemplates(RulesetDefinition definition, IReadOnlyList<TemplateFile> templates, IReadOnlyList<TemplateFile> shared,
        CompiledVersion cv, IEnumerable<TestCaseResult> results, ValidationReport report)
    {
        var id = definition.Id;
        BegrundelseTemplates parsed;
        try { parsed = BegrundelseTemplates.Compile(id, cv.ValidFrom, templates, shared); }
        catch (BegrundelseException ex)
        {
            report.Add(new ValidationIssue(Severity.Error, id, cv.ValidFrom, "skabeloner", ex.Message));
            return;
        }
        var samples = results
            .Where(r => ReferenceEquals(r.Version, cv) && r.Result is not null)
            .Select(r => new BegrundelseSample($"test {r.File}/{r.Case.Id}", r.Result!, r.Case.Notes));
        foreach (var issue in BegrundelseGate.Check(parsed, cv, definition, samples))
            report.Add(new ValidationIssue(Severity.Error, id, cv.ValidFrom, "begrundelse " + issue.Where, issue.Message));
    }
}
