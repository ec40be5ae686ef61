namespace Serviceloven.Adversarial.Tests.Common;

/// <summary>
/// A copy of rules/ with four small rulesets (and all satser, tables and shared templates): a server on it starts in
/// a second or two, for tests that start many servers and care about what happens around a publication, not how much.
/// </summary>
public static class SmallRules
{
    public static readonly string[] Rulesets = ["sel-3a", "sel-98", "sel-104", "sel-madservice"];

    /// <summary>Copies the subset into <paramref name="folder"/>/rules and returns that path.</summary>
    public static string CopyTo(string folder)
    {
        var target = Path.Combine(folder, "rules");
        foreach (var dir in Directory.GetDirectories(Repository.RulesFolder))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith("sel-", StringComparison.Ordinal) && !Rulesets.Contains(name)) continue;
            Copy(dir, Path.Combine(target, name));
        }
        return target;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
