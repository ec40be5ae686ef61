using System.Text.RegularExpressions;
using Serviceloven.Engine.Readability;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>A paragraph that stands in more than one template of a ruleset: a change to it would need an edit in each.</summary>
public sealed record SharedParagraph(string Paragraph, IReadOnlyList<string> Templates);

/// <summary>
/// Finds paragraphs repeated between templates. A paragraph is a block of a template between blank lines, compared
/// with its whitespace collapsed, code included; blocks whose own text has fewer than three words (a short heading,
/// an include) are not paragraphs here. Shared text belongs in a partial (docs/begrundelse.md section 5).
/// </summary>
public static partial class TemplateRepetition
{
    public const int MinWords = 3;

    public static IReadOnlyList<string> Paragraphs(string template) =>
        BlankLines().Split(template.Replace("\r\n", "\n"))
            .Select(b => Spaces().Replace(b, " ").Trim())
            .Where(b => Lix.Measure(Lix.TemplateProse(b)).Words >= MinWords)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every paragraph found in two or more of <paramref name="templates"/> (by source path), in first-seen order.</summary>
    public static IReadOnlyList<SharedParagraph> Find(IEnumerable<ParsedTemplate> templates)
    {
        var where = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in templates)
            foreach (var p in Paragraphs(t.Text))
            {
                if (!where.TryGetValue(p, out var list)) where[p] = list = [];
                if (!list.Contains(t.SourcePath)) list.Add(t.SourcePath);
            }
        return where.Where(w => w.Value.Count > 1).Select(w => new SharedParagraph(w.Key, w.Value)).ToList();
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
