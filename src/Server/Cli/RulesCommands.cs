using Serviceloven.Store.Transfer;
using Serviceloven.Engine.Validation;

namespace Serviceloven.Server.Cli;

/// <summary>The verbs that work on a rules/ folder without a database: test, validate, format.</summary>
public static class RulesCommands
{
    /// <summary>
    /// Runs every ruleset's test cases; prints each failure and ends with "N passed, M failed" (the closing line test
    /// runners and CI count by). A ruleset whose version does not compile prints the cause once, with the cases it kept
    /// from running folded under it, instead of one failure per case.
    /// </summary>
    public static async Task<int> TestAsync(string dir, TextWriter output)
    {
        var content = RulesFolder.Read(dir);
        var (report, runs) = await RulesCheck.RunAsync(content);
        var passed = 0;
        var failed = 0;
        var shown = new HashSet<ValidationIssue>();
        foreach (var run in runs)
        {
            var id = run.Ruleset.Definition.Id;
            if (run.Versions.Count < run.Ruleset.Versions.Count && run.Results.Count > 0)
            {
                // The cases could not run at all: the compilation errors are the failure.
                foreach (var e in report.Errors.Where(e => e.Ruleset == id && shown.Add(e))) output.WriteLine(e);
                failed += run.Results.Count;
                output.WriteLine($"  └ {run.Results.Count} testcases i {id} er ikke kørt, fordi en version ikke kan oversættes: " +
                    string.Join(", ", run.Results.Take(10).Select(r => $"{r.File}/{r.Case.Id}")) + (run.Results.Count > 10 ? ", …" : "."));
                continue;
            }
            foreach (var r in run.Results)
            {
                if (r.Passed) { passed++; continue; }
                failed++;
                output.WriteLine($"FEJLET {r.RulesetId} {r.File}/{r.Case.Id} ({r.Case.Source}): {string.Join("; ", r.Failures)}");
            }
        }
        foreach (var e in report.Errors.Where(e => !e.Where.StartsWith("test ", StringComparison.Ordinal) && !shown.Contains(e)))
            output.WriteLine(e);
        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 && report.Errors.All(e => e.Where.StartsWith("test ", StringComparison.Ordinal)) ? 0 : 1;
    }

    /// <summary>The validation gate over every version: compilation, overlaps, satser coverage, timelines, test cases.</summary>
    public static async Task<int> ValidateAsync(string dir, TextWriter output)
    {
        var content = RulesFolder.Read(dir);
        var (report, runs) = await RulesCheck.RunAsync(content);
        foreach (var issue in report.Issues) output.WriteLine(issue);
        var versions = runs.Sum(r => r.Ruleset.Versions.Count);
        output.WriteLine($"{runs.Count} regelsæt, {versions} versioner: {report.Errors.Count()} fejl, {report.Warnings.Count()} advarsler.");
        return report.IsValid ? 0 : 1;
    }

    /// <summary>Rewrites the folder in canonical form, so import followed by export is byte-identical.</summary>
    public static int Format(string dir, TextWriter output)
    {
        var content = RulesFolder.Read(dir);
        RulesFolder.Write(dir, content);
        output.WriteLine($"Skrev {content.Rulesets.Count} regelsæt, {content.Satser.Count} satser og {content.Lookups.Count} opslagstabeller i kanonisk form til {dir}.");
        return 0;
    }
}
