using System.Text;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Serialization;

/// <summary>One ruleset as it lies in rules/&lt;id&gt;/.</summary>
public sealed record RulesetContent(
    RulesetDefinition Definition,
    IReadOnlyList<RulesetVersion> Versions,
    IReadOnlyList<TestFile> Tests,
    IReadOnlyList<TemplateFile> Templates);

public sealed record TestFile(string Name, TestSuite Suite);

/// <summary>A begrundelse template; Path is relative to the ruleset's templates/ folder.</summary>
public sealed record TemplateFile(string Path, string Text);

/// <summary>Everything in a rules/ folder.</summary>
public sealed record RulesContent(
    IReadOnlyList<RulesetContent> Rulesets,
    IReadOnlyList<SatsSeries> Satser,
    IReadOnlyList<LookupTable> Lookups,
    /// <summary>Partials every ruleset's templates may include (rules/templates/*.scriban): klagevejledning, ...</summary>
    IReadOnlyList<TemplateFile> SharedTemplates);

/// <summary>
/// Reads and writes the rules/ layout of DESIGN.md. Writing is deterministic (sorted, canonical JSON, LF),
/// so a folder read and written again is byte-identical once it is in canonical form.
/// </summary>
public static class RulesFolder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static RulesContent Read(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Mappen '{root}' findes ikke.");
        var rulesets = Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "ruleset.json")))
            .OrderBy(d => d, StringComparer.Ordinal)
            .Select(ReadRuleset)
            .ToList();
        var satser = ReadAll<SatsSeries>(Path.Combine(root, "satser"), RulesFileKind.Sats, s => s.Key);
        var lookups = ReadAll<LookupTable>(Path.Combine(root, "tables"), RulesFileKind.Lookup, l => l.Key);
        return new RulesContent(rulesets, satser, lookups, ReadTemplates(Path.Combine(root, "templates")));
    }

    public static RulesetContent ReadRuleset(string dir)
    {
        var defFile = Path.Combine(dir, "ruleset.json");
        var def = SchemaCatalog.Read<RulesetDefinition>(File.ReadAllText(defFile), RulesFileKind.Ruleset, defFile);
        if (def.Id != Path.GetFileName(dir))
            throw new RulesFileException(defFile, [$"id '{def.Id}' skal være det samme som mappens navn '{Path.GetFileName(dir)}'"]);
        var versions = new List<RulesetVersion>();
        foreach (var file in Files(Path.Combine(dir, "versions"), "*.json"))
        {
            var v = SchemaCatalog.Read<RulesetVersion>(File.ReadAllText(file), RulesFileKind.Version, file);
            if (Path.GetFileNameWithoutExtension(file) != v.ValidFrom.ToString("yyyy-MM-dd"))
                throw new RulesFileException(file, [$"filnavnet skal være versionens validFrom ({v.ValidFrom:yyyy-MM-dd}.json)"]);
            versions.Add(v);
        }
        var tests = Files(Path.Combine(dir, "tests"), "*.json")
            .Select(f => new TestFile(Path.GetFileNameWithoutExtension(f), SchemaCatalog.Read<TestSuite>(File.ReadAllText(f), RulesFileKind.Tests, f)))
            .ToList();
        var templates = ReadTemplates(Path.Combine(dir, "templates"));
        return new RulesetContent(def, versions.OrderBy(v => v.ValidFrom).ToList(), tests, templates);
    }

    /// <summary>Templates below a folder; a subfolder named by a validFrom date holds that version's own templates.</summary>
    private static List<TemplateFile> ReadTemplates(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.scriban", SearchOption.AllDirectories)
                .Select(f => new TemplateFile(Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText(f)))
                .OrderBy(t => t.Path, StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>One item per file, named by its key: a copied file with an unchanged key would otherwise silently replace the original.</summary>
    private static List<T> ReadAll<T>(string dir, RulesFileKind kind, Func<T, string> key) =>
        Files(dir, "*.json").Select(f =>
        {
            var item = SchemaCatalog.Read<T>(File.ReadAllText(f), kind, f);
            if (key(item) != Path.GetFileNameWithoutExtension(f))
                throw new RulesFileException(f, [$"filnavnet skal være nøglen '{key(item)}' ({key(item)}.json)"]);
            return item;
        }).ToList();

    private static IEnumerable<string> Files(string dir, string pattern) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir, pattern).OrderBy(f => f, StringComparer.Ordinal) : [];

    /// <summary>Writes the content in the rules/ layout, plus the JSON Schemas under schema/ for editors.</summary>
    public static void Write(string root, RulesContent content)
    {
        Directory.CreateDirectory(root);
        foreach (var rs in content.Rulesets)
        {
            var dir = Path.Combine(root, rs.Definition.Id);
            WriteText(Path.Combine(dir, "ruleset.json"), RulesJson.Serialize(rs.Definition));
            foreach (var v in rs.Versions)
                WriteText(Path.Combine(dir, "versions", $"{v.ValidFrom:yyyy-MM-dd}.json"), RulesJson.Serialize(v));
            foreach (var t in rs.Tests)
                WriteText(Path.Combine(dir, "tests", t.Name + ".json"), RulesJson.Serialize(t.Suite));
            foreach (var t in rs.Templates)
                WriteText(Path.Combine(dir, "templates", t.Path), t.Text);
        }
        foreach (var s in content.Satser)
            WriteText(Path.Combine(root, "satser", s.Key + ".json"), RulesJson.Serialize(s));
        foreach (var l in content.Lookups)
            WriteText(Path.Combine(root, "tables", l.Key + ".json"), RulesJson.Serialize(l));
        foreach (var t in content.SharedTemplates)
            WriteText(Path.Combine(root, "templates", t.Path), t.Text);
        foreach (var kind in Enum.GetValues<RulesFileKind>())
            WriteText(Path.Combine(root, "schema", SchemaCatalog.FileName(kind)), SchemaCatalog.Text(kind));
    }

    private static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8);
    }
}
