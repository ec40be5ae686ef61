using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Serviceloven.Adversarial.Tests.Common;

/// <summary>Where the source tree is (for rules/), and free local ports below 32768.</summary>
public static class Repository
{
    public static string Root => typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string RulesFolder => Path.Combine(Root, "rules");

    /// <summary>A fresh folder under the temp folder, removed by the caller.</summary>
    public static string TempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* a file still open: the temp cleaner takes it */ }
        catch (UnauthorizedAccessException) { /* likewise */ }
    }


    /// <summary>An integer from the environment (the long mode: FUZZ_N=100000 ./test.sh), else the CI default.</summary>
    public static int Setting(string name, int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : ciDefault;

    /// <summary>The seed from the environment (to replay a run), else a new one; the test prints it either way.</summary>
    public static ulong Seed(string name) =>
        ulong.TryParse(Environment.GetEnvironmentVariable(name), out var seed) ? seed : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
}
