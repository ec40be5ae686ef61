using System.Text;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Store.Transfer;

/// <summary>
/// A rules/ folder on disk: reads its files for <see cref="RulesLayout"/> and writes what the layout gives back. An
/// error in a file names it by its path on disk.
/// </summary>
public static class RulesFolder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static RulesContent Read(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Mappen '{root}' findes ikke.");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => (Path: Path.GetRelativePath(root, path).Replace('\\', '/'), Full: path))
            .Where(f => RulesLayout.IsRulesFile(f.Path))
            .Select(f => new RulesFile(f.Path, File.ReadAllText(f.Full)))
            .ToList();
        try { return RulesLayout.Read(files); }
        catch (RulesFileException ex) { throw new RulesFileException(OnDisk(root, ex.File), ex.Problems); }
    }

    /// <summary>Writes the content in the rules/ layout, plus the JSON Schemas under schema/ for editors.</summary>
    public static void Write(string root, RulesContent content)
    {
        Directory.CreateDirectory(root);
        foreach (var file in RulesLayout.Write(content))
        {
            var path = OnDisk(root, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text, Utf8);
        }
    }

    private static string OnDisk(string root, string path) => Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
}
