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
