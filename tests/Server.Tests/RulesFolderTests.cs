using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Transfer;

namespace Serviceloven.Server.Tests;

/// <summary>Store's RulesFolder: the rules/ layout read from and written to disk, errors naming the file on disk.</summary>
public sealed class RulesFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sl-rules-folder-" + Guid.NewGuid().ToString("N")[..12]);

    private string Again => _root + "-again";

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        if (Directory.Exists(Again)) Directory.Delete(Again, recursive: true);
    }

    [Fact]
    public void A_malformed_file_is_named_by_its_path_on_disk()
    {
        RulesFolder.Write(_root, RulesFolder.Read(RulesServerFactory.RulesFolder));
        var file = Path.Combine(_root, "sel-97", "versions", "2018-02-01.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"FIRST\"", "\"MAYBE\""));
        var ex = Assert.Throws<RulesFileException>(() => RulesFolder.Read(_root));
        Assert.Equal(file, ex.File);
        Assert.StartsWith(file + ":\n", ex.Message);
        Assert.Contains(ex.Problems, p => p.Contains("hitPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void Written_files_read_back_to_the_same_files_and_other_files_in_the_folder_are_left_alone()
    {
        var content = RulesFolder.Read(RulesServerFactory.RulesFolder);
        RulesFolder.Write(_root, content);
        File.WriteAllText(Path.Combine(_root, "README.md"), "Ikke en regelfil.");
        var again = Again;
        RulesFolder.Write(again, RulesFolder.Read(_root));
        foreach (var file in RulesLayout.Write(content))
        {
            var first = File.ReadAllBytes(Path.Combine(_root, file.Path));
            Assert.True(first.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, file.Path))), file.Path);
            Assert.False(first.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{file.Path} har et byte order mark.");
        }
        Assert.False(File.Exists(Path.Combine(again, "README.md")));
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => RulesFolder.Read(_root));
        Assert.Contains(_root, ex.Message);
    }
}
