using Serviceloven.Server.Cli;
using Xunit.Abstractions;

namespace Serviceloven.Server.Tests;

/// <summary>
/// The DMN TCK decision-table subset (/work/shared/dmn-tck-dt-subset) through the real engine path, as
/// <c>dmn check</c> runs it: the CLI finds the files, the engine's DmnCheck runs them.
/// </summary>
public class DmnTckConformanceTests(ITestOutputHelper log)
{
    [Fact]
    public void All_51_tck_decision_table_cases_pass()
    {
        var output = new StringWriter();
        var (passed, failed) = DmnFolder.Check(TckFolder(), output);
        log.WriteLine(output.ToString());
        Assert.True(failed == 0, $"{failed} TCK-tilfælde fejlede:\n{output}");
        Assert.Equal(51, passed);
        Assert.Equal("51 passed, 0 failed", output.ToString().TrimEnd().Split('\n')[^1].TrimEnd('\r'));
    }

    /// <summary>
    /// The 32 level-2 and level-3 TCK models (../shared/dmn-tck-tier2-open, 337 cases): the figure per folder is printed; no
    /// case may get a wrong answer, every case not supported is refused with its reason, and the cases supported today
    /// (159: durations, contexts, lists, BKM tables) keep passing.
    /// </summary>
    [Fact]
    public void Tier2_open_cases_get_no_wrong_answer_and_every_unsupported_case_is_refused_by_name()
    {
        var folder = Path.GetFullPath(Path.Combine(RulesServerFactory.RepositoryRoot, "..", "shared", "dmn-tck-tier2-open"));
        Assert.True(Directory.Exists(folder), $"DMN TCK-mappen '{folder}' findes ikke; konformanstesten kan ikke køre.");
        var output = new StringWriter();
        var (passed, failed) = DmnFolder.Check(folder, output);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // The figure, per folder and in all, in the test log of every run.
        foreach (var line in lines.Where(l => !l.StartsWith("REFUSED ", StringComparison.Ordinal))) log.WriteLine(line);
        Assert.True(failed == 0, $"{failed} TCK-tilfælde fik et forkert svar:\n{string.Join("\n", lines.Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal)))}");
        var figures = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\S+: (\d+) passed, (\d+) failed, (\d+) refused$"))
            .Where(m => m.Success).ToList();
        Assert.Equal(32, figures.Count);
        // Every case is counted once, as passed, failed or refused: none drops out of the figure.
        Assert.Equal(337, figures.Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(lines.Where(l => l.StartsWith("REFUSED ", StringComparison.Ordinal)), l => Assert.Matches(@"testCase \S+: \S", l));
        Assert.True(passed >= 159, $"kun {passed} tilfælde bestod; før denne ændring bestod 159");
        Assert.Matches(@"^\d+ passed, 0 failed, \d+ refused$", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void A_wrong_expectation_is_reported_as_a_failing_case()
    {
        var dir = Directory.CreateTempSubdirectory("dmn-check-");
        try
        {
            var source = Path.Combine(TckFolder(), "tier1-cl2", "0115-sum-collect-hitpolicy");
            File.Copy(Path.Combine(source, "0115-sum-collect-hitpolicy.dmn"), Path.Combine(dir.FullName, "0115-sum-collect-hitpolicy.dmn"));
            var tests = File.ReadAllText(Path.Combine(source, "0115-sum-collect-hitpolicy-test-01.xml"));
            File.WriteAllText(Path.Combine(dir.FullName, "0115-sum-collect-hitpolicy-test-01.xml"), tests.Replace(">1100<", ">1100.01<"));
            var output = new StringWriter();
            var (passed, failed) = DmnFolder.Check(dir.FullName, output);
            Assert.Equal((2, 1), (passed, failed));
            Assert.Contains("testCase 001", output.ToString());
            Assert.Contains("forventet 1100.01, fik 1100", output.ToString());
            Assert.EndsWith("2 passed, 1 failed", output.ToString().TrimEnd());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void A_missing_folder_is_an_error_not_zero_cases()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => DmnFolder.Check("/nonexistent/dmn-tck", TextWriter.Null));
        Assert.Contains("/nonexistent/dmn-tck", ex.Message);
    }

    /// <summary>../shared/dmn-tck-dt-subset next to the repository; fails loudly when absent.</summary>
    internal static string TckFolder()
    {
        var folder = Path.GetFullPath(Path.Combine(RulesServerFactory.RepositoryRoot, "..", "shared", "dmn-tck-dt-subset"));
        Assert.True(Directory.Exists(folder), $"DMN TCK-mappen '{folder}' findes ikke; konformanstesten kan ikke køre.");
        return folder;
    }
}
