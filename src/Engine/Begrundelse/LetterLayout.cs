using System.Text;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// Turns rendered template output into the final letter text. Templates need not care about stray blank lines from
/// if/for blocks: lines are trimmed at the end, runs of blank lines become one, and the text is trimmed.
/// </summary>
internal static class LetterLayout
{
    public static string Text(string rendered)
    {
        var lines = rendered.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var sb = new StringBuilder(rendered.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0) { blank++; continue; }
            if (sb.Length > 0) sb.Append(blank > 0 ? "\n\n" : "\n");
            sb.Append(line);
            blank = 0;
        }
        return sb.ToString();
    }

    /// <summary>
    /// HTML from the normalized text: blank-line separated blocks become paragraphs, consecutive lines starting
    /// with "- " become a list, other line breaks become &lt;br&gt;. Everything is encoded, the template's own words
    /// included, so neither a model value nor a template can inject markup.
    /// </summary>
    public static string Html(string text)
    {
        var sb = new StringBuilder(text.Length + 64);
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            // Runs of "- " lines become a list; the lines around them stay a paragraph with line breaks.
            var lines = block.Split('\n');
            for (var i = 0; i < lines.Length;)
            {
                var isItem = IsItem(lines[i]);
                var run = lines.Skip(i).TakeWhile(l => IsItem(l) == isItem).ToList();
                if (isItem)
                {
                    sb.Append("<ul>\n");
                    foreach (var l in run) sb.Append("<li>").Append(Encode(l[2..].Trim())).Append("</li>\n");
                    sb.Append("</ul>\n");
                }
                else
                {
                    sb.Append("<p>").Append(string.Join("<br>\n", run.Select(Encode))).Append("</p>\n");
                }
                i += run.Count;
            }
        }
        return sb.ToString().TrimEnd('\n');
    }

    private static bool IsItem(string line) => line.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Minimal encoding for element content and quoted attributes; Danish letters stay readable (æ, ø, å, §).</summary>
    public static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            var entity = ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null) sb.Append(ch);
            else sb.Append(entity);
        }
        return sb.ToString();
    }
}
