namespace Serviceloven.Server.Cli;

/// <summary>
/// Resolves relative paths the way a user at the repository root means them: `dotnet run --project src/Server`
/// may run with the project folder as working directory, so "rules" is looked up at the repository root too.
/// </summary>
public static class RulesLocator
{
    public static string Find(string? configured = null) => Resolve(string.IsNullOrEmpty(configured) ? "rules" : configured, mustExist: true);

    /// <summary>An absolute path stays; a relative one resolves against the working directory if it exists there, else the repository root.</summary>
    public static string Resolve(string path, bool mustExist)
    {
        if (Path.IsPathRooted(path)) return path;
        var local = Path.GetFullPath(path);
        if (mustExist && (Directory.Exists(local) || File.Exists(local))) return local;
        if (RepositoryRoot() is { } root)
        {
            var fromRoot = Path.Combine(root, path);
            if (!mustExist || Directory.Exists(fromRoot) || File.Exists(fromRoot)) return fromRoot;
        }
        return local;
    }

    /// <summary>The folder holding Serviceloven.sln, above the working directory or the binary; null when deployed without it.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Serviceloven.sln"))) return dir.FullName;
        return null;
    }
}
