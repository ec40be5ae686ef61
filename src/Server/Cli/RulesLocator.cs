namespace Serviceloven.Server.Cli;

/// <summary>Finds the shipped rules/ folder: next to the current directory, or at the repository root above the binary.</summary>
public static class RulesLocator
{
    public static string Find(string? configured = null)
    {
        if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);
        var local = Path.Combine(Directory.GetCurrentDirectory(), "rules");
        if (Directory.Exists(local)) return local;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serviceloven.sln")) && Directory.Exists(Path.Combine(dir.FullName, "rules")))
                return Path.Combine(dir.FullName, "rules");
        }
        return local;
    }
}
