using System.Runtime.CompilerServices;

namespace Serviceloven.Engine.Tests;

/// <summary>Folders of the source tree the tests read: the repository itself and the shared DMN TCK subset beside it.</summary>
internal static class RepositoryFolders
{
    /// <summary>The folder holding Serviceloven.sln; fails loudly when it cannot be found.</summary>
    public static string Root()
    {
        var repo = FindRepo(AppContext.BaseDirectory) ?? FindRepo(Path.GetDirectoryName(SourceFile())!);
        Assert.True(repo is not null, $"Fandt ingen mappe med Serviceloven.sln over {AppContext.BaseDirectory} eller {SourceFile()}.");
        return repo!;
    }

    /// <summary>../shared/dmn-tck-dt-subset next to the repository; fails loudly when absent.</summary>
    public static string Tck()
    {
        var folder = Path.GetFullPath(Path.Combine(Root(), "..", "shared", "dmn-tck-dt-subset"));
        Assert.True(Directory.Exists(folder), $"DMN TCK-mappen '{folder}' findes ikke; testen kan ikke køre.");
        return folder;
    }

    private static string? FindRepo(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Serviceloven.sln"))) return dir.FullName;
        return null;
    }

    // The build output may sit outside the repository (--artifacts-path), so the source file's path is the fallback.
    private static string SourceFile([CallerFilePath] string path = "") => path;
}
