using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Testing;

namespace Serviceloven.Admin.Diff;

public sealed record OutcomeChange(string File, string CaseId, string? Name, DateOnly DecisionDate, string Before, string After);

/// <summary>Runs the test cases with each of two versions in place and lists the cases whose result differs.</summary>
public sealed class OutcomeComparer(TestRunService runs, PublishedRules published)
{
    public async Task<IReadOnlyList<OutcomeChange>> CompareAsync(string rulesetId, RulesetVersion a, RulesetVersion b, IReadOnlyList<TestFile> tests)
    {
        var catalogs = published.Catalogs();
        var cases = tests.SelectMany(f => f.Suite.Cases.Select(c => (f.Name, c))).ToList();
        // Each run replaces only its own version, so give both runs the cases that fall in either version.
        var before = await runs.RunAsync(rulesetId, a, cases, catalogs);
        var after = await runs.RunAsync(rulesetId, b, cases, catalogs);
        var changes = new List<OutcomeChange>();
        for (var i = 0; i < cases.Count; i++)
        {
            var x = Summary(before.Results[i]);
            var y = Summary(after.Results[i]);
            if (x != y) changes.Add(new OutcomeChange(cases[i].Name, cases[i].c.Id, cases[i].c.Name, cases[i].c.DecisionDate, x, y));
        }
        return changes;
    }

    public static string Summary(TestCaseResult r)
    {
        if (r.Result is not { } res) return r.Failures.Count > 0 ? r.Failures[0] : "ingen version";
        return res.Status switch
        {
            EvaluationStatus.Determined => $"{res.Outcome ?? "(intet udfald)"}" +
                (res.Outputs.Count > 0 ? " · " + string.Join(", ", res.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={TestCaseRunner.Show(o.Value)}")) : ""),
            EvaluationStatus.Undetermined => "uafklaret: mangler " + string.Join(", ", res.MissingFacts),
            EvaluationStatus.InvalidInput => "ugyldige fakta",
            _ => "fejl: " + res.Error?.Message,
        };
    }
}
