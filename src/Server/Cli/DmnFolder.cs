using Serviceloven.Engine.Dmn;

namespace Serviceloven.Server.Cli;

/// <summary><c>dmn check &lt;mappe&gt;</c>: every TCK test file below a folder, with the models beside it, through <see cref="DmnCheck"/>.</summary>
public static class DmnFolder
{
    /// <summary>Prints one line per failing or refused test case, the figure per folder, and finally "N passed, M failed[, K refused]".</summary>
    public static (int Passed, int Failed) Check(string folder, TextWriter output)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Mappen '{folder}' findes ikke.");
        var check = new DmnCheck(output, model =>
        {
            var path = Path.Combine(folder, model);
            return File.Exists(path) ? File.OpenRead(path) : null;
        });
        foreach (var path in Directory.EnumerateFiles(folder, "*-test-*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            check.RunTestFile(Path.GetRelativePath(folder, path), stream);
        }
        return check.Finish();
    }
}
