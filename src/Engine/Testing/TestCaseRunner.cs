using System.Globalization;
using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Versions;

namespace Serviceloven.Engine.Testing;

public sealed record TestCaseResult(string RulesetId, string File, TestCase Case, IReadOnlyList<string> Failures, EvaluationResult? Result, CompiledVersion? Version)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Runs a ruleset's worked cases against the version valid on each case's decision date.</summary>
public static class TestCaseRunner
{
    public static async Task<IReadOnlyList<TestCaseResult>> RunAsync(
        string rulesetId, IReadOnlyList<CompiledVersion> versions, IEnumerable<(string File, TestCase Case)> cases,
        SatsCatalog satser, LookupCatalog lookups)
    {
        var candidates = versions.Select(v => new VersionCandidate<CompiledVersion>(v.ValidFrom, v.Content.ValidTo, null, v)).ToList();
        var results = new List<TestCaseResult>();
        foreach (var (file, tc) in cases)
        {
            var resolution = VersionResolver.Resolve(rulesetId, candidates, tc.DecisionDate);
            if (!resolution.Found)
            {
                var failures = new List<string>();
                if (tc.Expect.Status != "error")
                    failures.Add(resolution.Problem!);
                else if (tc.Expect.Error is { } e && !resolution.Problem!.Contains(e, StringComparison.OrdinalIgnoreCase))
                    failures.Add($"fejlen skulle indeholde '{e}', men var: {resolution.Problem}");
                results.Add(new TestCaseResult(rulesetId, file, tc, failures, null, null));
                continue;
            }
            var cv = resolution.Item!;
            var bound = FactBinder.Bind(cv.Facts, tc.Facts);
            var result = await Evaluator.EvaluateAsync(cv, tc.DecisionDate, bound, satser, lookups);
            results.Add(new TestCaseResult(rulesetId, file, tc, Compare(tc.Expect, result), result, cv));
        }
        return results;
    }

    /// <summary>The results when the ruleset's versions do not all compile: every case fails for that reason.</summary>
    public static IReadOnlyList<TestCaseResult> NotCompiled(string rulesetId, IEnumerable<(string File, TestCase Case)> cases) =>
        cases.Select(c => new TestCaseResult(rulesetId, c.File, c.Case, ["versionen kan ikke oversættes"], null, null)).ToList();

    public static string StatusName(EvaluationStatus status) => status switch
    {
        EvaluationStatus.Determined => "determined",
        EvaluationStatus.Undetermined => "undetermined",
        EvaluationStatus.InvalidInput => "invalid",
        _ => "error",
    };

    public static List<string> Compare(TestExpectation expect, EvaluationResult result)
    {
        var failures = new List<string>();
        var actualStatus = StatusName(result.Status);
        var expectedStatus = expect.Status ?? (expect.Error is not null ? "error" : expect.MissingFacts is not null ? "undetermined" : "determined");
        if (expectedStatus != actualStatus)
        {
            var detail = result.Status switch
            {
                EvaluationStatus.Error => ": " + result.Error,
                EvaluationStatus.InvalidInput => ": " + string.Join("; ", result.FactErrors.Select(e => e.Message)),
                EvaluationStatus.Undetermined => ": mangler " + string.Join(", ", result.MissingFacts),
                _ => "",
            };
            failures.Add($"status skulle være {expectedStatus}, men var {actualStatus}{detail}");
            return failures;
        }
        if (expect.Error is { } err && !(result.Error?.ToString() ?? "").Contains(err, StringComparison.OrdinalIgnoreCase))
            failures.Add($"fejlen skulle indeholde '{err}', men var: {result.Error}");
        if (expect.Outcome is not null && expect.Outcome != result.Outcome)
            failures.Add($"udfald skulle være '{expect.Outcome}', men var '{result.Outcome ?? "(intet)"}'" +
                (result.NoRuleMatched ? " (ingen regel passede)" : ""));
        if (expect.MissingFacts is { } missing && !missing.Order().SequenceEqual(result.MissingFacts.Order()))
            failures.Add($"manglende fakta skulle være [{string.Join(", ", missing)}], men var [{string.Join(", ", result.MissingFacts)}]");
        if (expect.Rules is { } rules)
        {
            var actual = result.DecisiveRows.Select(r => r.Rule).ToList();
            if (!rules.SequenceEqual(actual))
                failures.Add($"afgørende rækker skulle være [{string.Join(", ", rules)}], men var [{string.Join(", ", actual)}]");
        }
        if (expect.Outputs is { } outputs)
        {
            foreach (var (name, expected) in outputs)
            {
                var found = result.Outputs.TryGetValue(name, out var actual) || result.Values.TryGetValue(name, out actual);
                if (!found) failures.Add($"resultatet '{name}' findes ikke");
                else if (!JsonEquals(expected, actual))
                    failures.Add($"'{name}' skulle være {expected.GetRawText()}, men var {Show(actual)}");
            }
        }
        return failures;
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => $"\"{d:yyyy-MM-dd}\"",
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>Numbers compare as decimals (15 equals 15.00), dates as "yyyy-MM-dd", lists element by element.</summary>
    public static bool JsonEquals(JsonElement expected, object? actual) => expected.ValueKind switch
    {
        JsonValueKind.Null => actual is null,
        JsonValueKind.True => actual is true,
        JsonValueKind.False => actual is false,
        JsonValueKind.Number => actual is decimal d && expected.TryGetDecimal(out var e) && d == e,
        JsonValueKind.String => actual switch
        {
            string s => s == expected.GetString(),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == expected.GetString(),
            _ => false,
        },
        JsonValueKind.Array => actual is System.Collections.IList list && list.Count == expected.GetArrayLength()
            && expected.EnumerateArray().Select((x, i) => JsonEquals(x, list[i])).All(ok => ok),
        _ => false,
    };
}
