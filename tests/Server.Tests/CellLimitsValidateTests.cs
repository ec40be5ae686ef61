using System.Text.Json.Nodes;
using Serviceloven.Server.Cli;

namespace Serviceloven.Server.Tests;

/// <summary>
/// The cases of issue 18 through the command line: `validate` aborted with exit 134 (a stack overflow in Dynamic LINQ)
/// on a 2,000-term cell or a 20,000-term derived value; now it refuses both with a Danish error naming the place.
/// </summary>
public class CellLimitsValidateTests
{
    [Fact]
    public async Task Validate_refuses_a_2000_term_cell_and_a_20000_term_derived_value_naming_each_place()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sl-limits-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            // sel-3a alone, with the shared satser, tables and templates beside it.
            foreach (var sub in new[] { "satser", "tables", "templates", "sel-3a" })
                CopyFolder(Path.Combine(RulesServerFactory.RulesFolder, sub), Path.Combine(dir, sub));
            var file = Path.Combine(dir, "sel-3a", "versions", "2018-02-01.json");
            var version = JsonNode.Parse(File.ReadAllText(file))!;
            var table = version["tables"]![0]!;
            var row = table["rows"]![0]!;
            row["then"]![1] = "noticeWeeksApplied" + string.Concat(Enumerable.Repeat(" + 1", 2_000));
            var derived = version["derived"]![0]!;
            derived["expression"] = "14" + string.Concat(Enumerable.Repeat(" + 1", 20_000));
            File.WriteAllText(file, version.ToJsonString());

            var output = new StringWriter();
            var exit = await CommandLine.RunAsync(["validate", dir], output, output);

            Assert.Equal(1, exit);
            var lines = output.ToString().Split('\n');
            var name = derived["name"]!.GetValue<string>();
            var onDerived = Assert.Single(lines, l => l.StartsWith("FEJL sel-3a 2018-02-01", StringComparison.Ordinal) && l.Contains("Udtrykket er for langt"));
            Assert.Contains($"[(afledte værdier)/{name}/{name}, tegn 8001]: Udtrykket er for langt: højst 8000 tegn.", onDerived);
            var column = table["outputs"]![1]!["name"]!.GetValue<string>();
            var onCell = Assert.Single(lines, l => l.StartsWith("FEJL sel-3a 2018-02-01", StringComparison.Ordinal) && l.Contains("Cellen er for lang"));
            Assert.Contains($"[{table["id"]}/{row["id"]}/{column}, tegn 2001]: Cellen er for lang: højst 2000 tegn.", onCell);
            Assert.True(onDerived.Length < 1000, "the message quotes the expression in part, not 80 KB of it");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* the temp cleaner takes it */ }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}
