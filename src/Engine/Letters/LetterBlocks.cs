namespace Serviceloven.Engine.Letters;

public enum LetterBlockKind { Title, Heading, Paragraph, List }

/// <summary>One block of a letter: a title or heading (one line), a paragraph (its lines), or a list (its items without "- ").</summary>
public sealed record LetterBlock(LetterBlockKind Kind, IReadOnlyList<string> Lines);

/// <summary>
/// Reads the structure of a begrundelse from its text form (docs/begrundelse.md section 7): blocks are separated by a
/// blank line; a block of one short line without closing punctuation is a heading (the letter's first such block is
/// its title); runs of "- " lines are lists. HTML and PDF letters are laid out from these blocks.
/// </summary>
public static class LetterBlocks
{
    /// <summary>A heading is at most this many words: longer single lines are sentences without a full stop.</summary>
    public const int MaxHeadingWords = 10;

    public static IReadOnlyList<LetterBlock> Parse(string text)
    {
        var blocks = new List<LetterBlock>();
        foreach (var raw in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = raw.Split('\n').Where(l => l.Trim().Length > 0).ToList();
            if (lines.Count == 0) continue;
            if (lines.Count == 1 && IsHeading(lines[0]))
            {
                blocks.Add(new LetterBlock(blocks.Count == 0 ? LetterBlockKind.Title : LetterBlockKind.Heading, [lines[0].Trim()]));
                continue;
            }
            for (var i = 0; i < lines.Count;)
            {
                var isItem = IsItem(lines[i]);
                var run = lines.Skip(i).TakeWhile(l => IsItem(l) == isItem).ToList();
                blocks.Add(isItem
                    ? new LetterBlock(LetterBlockKind.List, run.Select(l => l.Trim()[2..].Trim()).ToList())
                    : new LetterBlock(LetterBlockKind.Paragraph, run.Select(l => l.Trim()).ToList()));
                i += run.Count;
            }
        }
        return blocks;
    }

    public static bool IsItem(string line) => line.TrimStart().StartsWith("- ", StringComparison.Ordinal);

    private static bool IsHeading(string line)
    {
        var t = line.Trim();
        if (t.Length == 0 || IsItem(t) || t[^1] is '.' or ':' or ';' or ',' or '?' or '!' or '«' or '"' or ')') return false;
        return t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords && char.IsUpper(t[0]);
    }
}
