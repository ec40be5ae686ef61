using System.Globalization;
using System.Text;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Store.Transfer;

namespace Serviceloven.Server.Tests;

/// <summary>
/// Golden files: for every shipped ruleset, the begrundelse of each determined test case is checked in under
/// tests/Server.Tests/Golden/&lt;ruleset&gt;/ and compared exactly. Regenerate with UPDATE_GOLDEN=1 after a deliberate
/// change to a template, and review the diff in git.
/// </summary>
public class BegrundelseGoldenTests
{
    private static readonly Lazy<RulesContent> Content = new(() => RulesFolder.Read(RulesServerFactory.RulesFolder));
    private static string GoldenRoot => Path.Combine(RulesServerFactory.RepositoryRoot, "tests", "Server.Tests", "Golden");

    public static TheoryData<string> Rulesets()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RulesServerFactory.RulesFolder).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "ruleset.json"))) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Rulesets))]
    public async Task Rendered_begrundelser_match_the_checked_in_text(string rulesetId)
    {
        var content = Content.Value;
        var ruleset = content.Rulesets.Single(r => r.Definition.Id == rulesetId);
        var single = content with { Rulesets = [ruleset] };
        var (_, runs) = await RulesCheck.RunAsync(single);
        var run = runs.Single();
        var update = Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";
        var folder = Path.Combine(GoldenRoot, rulesetId);
        var problems = new List<string>();
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        var rendered = 0;
        foreach (var result in run.Results.Where(r => r.Result?.Status == EvaluationStatus.Determined && r.Result.Outcome is not null))
        {
            var templates = BegrundelseTemplates.Compile(ruleset, result.Version!.ValidFrom, content);
            if (templates.ForOutcome(result.Result!.Outcome!) is null) continue; // reported by the validation gate
            var text = templates.Render(result.Version, ruleset.Definition, result.Result, result.Case.Notes);
            var file = Path.Combine(folder, $"{result.File}.{result.Case.Id}.txt");
            expectedFiles.Add(file);
            rendered++;
            if (update)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(file, text, new UTF8Encoding(false));
                continue;
            }
            if (!File.Exists(file))
            {
                problems.Add($"{Path.GetRelativePath(GoldenRoot, file)} mangler (kør testene med UPDATE_GOLDEN=1 og gennemse filen).");
                continue;
            }
            var golden = File.ReadAllText(file);
            if (golden != text) problems.Add($"{Path.GetRelativePath(GoldenRoot, file)} afviger:\n{LineDiff(golden, text)}");
        }
        if (!update && Directory.Exists(folder))
            foreach (var stale in Directory.GetFiles(folder, "*.txt").Where(f => !expectedFiles.Contains(f)))
                problems.Add($"{Path.GetRelativePath(GoldenRoot, stale)} hører ikke til nogen testcase længere.");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.True(rendered > 0 || !ruleset.Templates.Any(), $"{rulesetId}: ingen begrundelse blev dannet.");
    }

    /// <summary>A readable diff: the changed lines with their numbers, expected (-) and actual (+).</summary>
    internal static string LineDiff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 12; i++)
        {
            var x = i < a.Length ? a[i] : null;
            var y = i < b.Length ? b[i] : null;
            if (x == y) continue;
            if (x is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1,4} - {x}");
            if (y is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1,4} + {y}");
            shown++;
        }
        return sb.ToString();
    }
}
