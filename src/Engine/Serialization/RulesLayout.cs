using System.Globalization;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Serialization;

/// <summary>One file of a rules/ folder: its path below the folder, '/'-separated, and its text.</summary>
public sealed record RulesFile(string Path, string Text);

/// <summary>
/// The rules/ layout of DESIGN.md over files in memory: which file holds what, and the checks that a file's name
/// agrees with its content. Whoever holds the folder (Store's RulesFolder on disk) reads and writes the files;
/// errors name a file by its path below the folder. Writing is deterministic (sorted, canonical JSON, LF), so
/// content read and written again is byte-identical once it is in canonical form.
/// </summary>
public static class RulesLayout
{
    public const string RulesetFile = "ruleset.json";

    /// <summary>True for the files the layout reads; others in the folder (a README, say) are not its business.</summary>
    public static bool IsRulesFile(string path) => path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".scriban", StringComparison.Ordinal);

    public static RulesContent Read(IEnumerable<RulesFile> files)
    {
        var all = files.ToList();
        var rulesets = all
            .Where(f => Segments(f.Path) is [_, RulesetFile])
            .Select(f => Segments(f.Path)[0])
            .Order(StringComparer.Ordinal)
            .Select(id => ReadRuleset(id, all))
            .ToList();
        var satser = ReadAll<SatsSeries>(all, "satser", RulesFileKind.Sats, s => s.Key);
        var lookups = ReadAll<LookupTable>(all, "tables", RulesFileKind.Lookup, l => l.Key);
        return new RulesContent(rulesets, satser, lookups, Templates(all, "templates"));
    }

    private static RulesetContent ReadRuleset(string folder, List<RulesFile> all)
    {
        var defFile = all.Single(f => f.Path == $"{folder}/{RulesetFile}");
        var def = SchemaCatalog.Read<RulesetDefinition>(defFile.Text, RulesFileKind.Ruleset, defFile.Path);
        if (def.Id != folder)
            throw new RulesFileException(defFile.Path, [$"id '{def.Id}' skal være det samme som mappens navn '{folder}'"]);
        var versions = new List<RulesetVersion>();
        foreach (var file in FilesIn(all, $"{folder}/versions", ".json"))
        {
            var v = SchemaCatalog.Read<RulesetVersion>(file.Text, RulesFileKind.Version, file.Path);
            if (NameOf(file.Path) != v.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                throw new RulesFileException(file.Path, [$"filnavnet skal være versionens validFrom ({v.ValidFrom:yyyy-MM-dd}.json)"]);
            versions.Add(v);
        }
        var tests = FilesIn(all, $"{folder}/tests", ".json")
            .Select(f => new TestFile(NameOf(f.Path), SchemaCatalog.Read<TestSuite>(f.Text, RulesFileKind.Tests, f.Path)))
            .ToList();
        return new RulesetContent(def, versions.OrderBy(v => v.ValidFrom).ToList(), tests, Templates(all, $"{folder}/templates"));
    }

    /// <summary>Templates below a folder, at any depth; a subfolder named by a validFrom date holds that version's own templates.</summary>
    private static List<TemplateFile> Templates(List<RulesFile> all, string folder) =>
        all.Where(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal) && f.Path.EndsWith(".scriban", StringComparison.Ordinal))
            .Select(f => new TemplateFile(f.Path[(folder.Length + 1)..], f.Text))
            .OrderBy(t => t.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>One item per file, named by its key: a copied file with an unchanged key would otherwise silently replace the original.</summary>
    private static List<T> ReadAll<T>(List<RulesFile> all, string folder, RulesFileKind kind, Func<T, string> key) =>
        FilesIn(all, folder, ".json").Select(f =>
        {
            var item = SchemaCatalog.Read<T>(f.Text, kind, f.Path);
            if (key(item) != NameOf(f.Path))
                throw new RulesFileException(f.Path, [$"filnavnet skal være nøglen '{key(item)}' ({key(item)}.json)"]);
            return item;
        }).ToList();

    /// <summary>The files directly in a folder (not in its subfolders) with the extension, in name order.</summary>
    private static IEnumerable<RulesFile> FilesIn(List<RulesFile> all, string folder, string extension) =>
        all.Where(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal)
                && f.Path.IndexOf('/', folder.Length + 1) < 0
                && f.Path.EndsWith(extension, StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal);

    private static string[] Segments(string path) => path.Split('/');

    /// <summary>The file name without its extension.</summary>
    private static string NameOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    /// <summary>The content in the rules/ layout, plus the JSON Schemas under schema/ for editors.</summary>
    public static IEnumerable<RulesFile> Write(RulesContent content)
    {
        foreach (var rs in content.Rulesets)
        {
            var dir = rs.Definition.Id;
            yield return new($"{dir}/{RulesetFile}", RulesJson.Serialize(rs.Definition));
            foreach (var v in rs.Versions)
                yield return new($"{dir}/versions/{v.ValidFrom:yyyy-MM-dd}.json", RulesJson.Serialize(v));
            foreach (var t in rs.Tests)
                yield return new($"{dir}/tests/{t.Name}.json", RulesJson.Serialize(t.Suite));
            foreach (var t in rs.Templates)
                yield return new($"{dir}/templates/{t.Path}", t.Text);
        }
        foreach (var s in content.Satser)
            yield return new($"satser/{s.Key}.json", RulesJson.Serialize(s));
        foreach (var l in content.Lookups)
            yield return new($"tables/{l.Key}.json", RulesJson.Serialize(l));
        foreach (var t in content.SharedTemplates)
            yield return new($"templates/{t.Path}", t.Text);
        foreach (var kind in Enum.GetValues<RulesFileKind>())
            yield return new($"schema/{SchemaCatalog.FileName(kind)}", SchemaCatalog.Text(kind));
    }
}
