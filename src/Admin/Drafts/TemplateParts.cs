using System.Text.RegularExpressions;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Admin.Drafts;

/// <summary>
/// What the template editor says about a version's templates: which are letters (one per outcome) and which are the
/// ruleset's own partials (templates/partials/), which letters include a partial, and whether a new name may be added.
/// </summary>
public static partial class TemplateParts
{
    /// <summary>"partials/vilkaar.scriban" and "2023-10-01/partials/vilkaar.scriban" are partials.</summary>
    public static bool IsPartial(string path) => path.Trim().Split('/') is [.., BegrundelseTemplates.PartialsFolder, _];

    /// <summary>The templates whose text includes the partial named by <paramref name="partialPath"/>, by path.</summary>
    public static IReadOnlyList<string> UsedBy(string partialPath, IEnumerable<EditableTemplate> templates)
    {
        var name = ParsedTemplate.NameOf(partialPath.Trim());
        return templates.Where(t => t.Path != partialPath && Includes(t.Text).Contains(name))
            .Select(t => t.Path).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The partial names a template's text includes.</summary>
    public static IReadOnlySet<string> Includes(string text) =>
        IncludeCall().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Why a template of that path cannot be added to the version (a folder other than partials/ or a version's date, the
    /// name of a shared partial, a path already taken), in Danish; null when it can. Adds .scriban when missing.
    /// </summary>
    public static string? Problem(ref string path, string rulesetId, DateOnly validFrom, IEnumerable<EditableTemplate> existing,
        IReadOnlyList<TemplateFile> sharedTemplates)
    {
        path = path.Trim().Replace('\\', '/');
        if (path.Length == 0) return "Skriv et navn.";
        if (!path.EndsWith(ParsedTemplate.Extension, StringComparison.Ordinal)) path += ParsedTemplate.Extension;
        var candidate = path;
        if (existing.Any(t => t.Path.Trim() == candidate)) return $"Versionen har allerede {candidate}.";
        try
        {
            BegrundelseTemplates.Compile(rulesetId, validFrom, [new TemplateFile(candidate, "")], sharedTemplates);
            return null;
        }
        catch (BegrundelseException ex) { return ex.Detail; }
    }

    [GeneratedRegex("""include\s+["'](?<name>[^"']+)["']""")]
    private static partial Regex IncludeCall();
}
