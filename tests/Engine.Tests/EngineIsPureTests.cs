using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Serviceloven.Engine.Compilation;

namespace Serviceloven.Engine.Tests;

/// <summary>
/// The engine does no file-system I/O: it reads strings and streams, and whoever holds a folder (Store's RulesFolder,
/// the CLI's dmn check) reads the files. Both the compiled assembly and the sources are checked.
/// </summary>
public partial class EngineIsPureTests
{
    private static readonly string[] FileSystemTypes =
        ["File", "Directory", "Path", "FileInfo", "DirectoryInfo", "FileSystemInfo", "FileStream", "DriveInfo", "FileSystemWatcher"];

    [Fact]
    public void The_engine_assembly_references_no_file_system_type()
    {
        using var stream = File.OpenRead(typeof(VersionCompiler).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.TypeReferences
            .Select(h => metadata.GetTypeReference(h))
            .Where(t => metadata.GetString(t.Namespace) == "System.IO")
            .Select(t => metadata.GetString(t.Name))
            .ToList();
        Assert.Contains("Stream", referenced); // the check sees System.IO at all
        Assert.Empty(referenced.Intersect(FileSystemTypes));
    }

    [GeneratedRegex(@"(?<![\w.])(File|Directory|Path|FileInfo|DirectoryInfo|FileStream|DriveInfo)\s*\.|System\.IO\.(File|Directory|Path)\b|new\s+(FileStream|FileInfo|DirectoryInfo|DriveInfo)\s*\(")]
    private static partial Regex FileSystemUse();

    [Fact]
    public void No_engine_source_file_uses_the_file_system()
    {
        var engine = Path.Combine(RepositoryFolders.Root(), "src", "Engine");
        var sources = Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(engine, f).Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .ToList();
        Assert.NotEmpty(sources);
        var uses = new List<string>();
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0];
                if (FileSystemUse().Match(code) is { Success: true } m)
                    uses.Add($"{Path.GetRelativePath(engine, file)}:{i + 1}: {m.Value}");
            }
        }
        Assert.True(uses.Count == 0, "Engine må ikke læse eller skrive filer:\n" + string.Join("\n", uses));
    }
}
