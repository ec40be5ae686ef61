using Serviceloven.Store.Transfer;
using Serviceloven.Engine.Validation;

namespace Serviceloven.Server.Cli;

/// <summary>The verbs that work on a rules/ folder without a database: test, validate, format.</summary>
public static class RulesCommands
{
    /// <summary>Runs every ruleset's test cases; prints each failure and ends with "N passed, M failed".</summary>
    public static async Task<int> TestAsync(string dir, TextWriter output)
    {
        var content = RulesFolder.Read(dir);
        var (report, runs) = await RulesCheck.RunAsync(content);
        var passed = 0;
        var failed = 0;
        foreach (var run in runs)
        {
            foreach (var r in run.Results)
            {
                if (r.Passed) { passed++; continue; }
                failed++;
                output.WriteLine($"FAILED {r.RulesetId} {r.File}/{r.Case.Id} ({r.Case.Source}): {string.Join("; ", r.Failures)}");
            }
        }
        foreach (var e in report.Errors.Where(e => !e.Where.StartsWith("test ", StringComparison.Ordinal)))
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
