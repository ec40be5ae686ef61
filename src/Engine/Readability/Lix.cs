using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Serviceloven.Engine.Readability;

/// <summary>
/// A measured text: LIX = words per sentence + the percentage of long words (more than six letters), from Björnsson's
/// definition. The band is the Danish one: under 35 let, 35-44 middel, 45-54 svær, 55 and over meget svær.
/// </summary>
public sealed record LixResult(int Words, int Sentences, int LongWords, IReadOnlyList<string> LongSentences)
{
    public decimal Value => Words == 0 ? 0 : (decimal)Words / Sentences + 100m * LongWords / Words;

    /// <summary>LIX as it is usually told: a whole number.</summary>
    public int Rounded => (int)Math.Round(Value, MidpointRounding.AwayFromZero);

    public string Band => Lix.Band(Rounded);

    public override string ToString() => $"LIX {Rounded} ({Band})";
}

public static partial class Lix
{
    /// <summary>The gate warns from this LIX on ("meget svær").</summary>
    public const int WarnAt = 55;

    /// <summary>Sentences with more words than this are listed.</summary>
    public const int LongSentenceWords = 30;

    /// <summary>Abbreviations whose full stop does not end a sentence, even before a capital ("jf. Ankestyrelsens").</summary>
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "jf.", "stk.", "nr.", "pkt.", "kr.", "pr.", "f.eks.", "fx.", "bl.a.", "dvs.", "evt.", "ca.", "mv.", "m.v.", "m.m.",
        "inkl.", "ekskl.", "mht.", "vedr.", "hhv.", "osv.", "sml.", "kap.", "lbk.", "bek.", "vejl.", "tlf.", "ang.", "iht.", "jvf.",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string Band(int lix) => lix switch
    {
        < 35 => "let",
        < 45 => "middel",
        < 55 => "svær",
        _ => "meget svær",
    };

    /// <summary>
    /// Measures a text. A sentence ends at a line break, or at '.', '!', '?' or ':' when the next word begins with a
    /// capital letter or nothing follows on the line (so "stk. 2", "1. marts" and "jf. Ankestyrelsens" do not end one).
    /// Headings and list items are lines and so count as sentences. A word is a run of characters between spaces with
    /// at least one letter or digit ("§" alone is not a word, "15" is); a long word has more than six letters.
    /// </summary>
    public static LixResult Measure(string text)
    {
        int words = 0, sentences = 0, longWords = 0;
        var longSentences = new List<string>();
        var current = new List<string>();

        void EndSentence()
        {
            if (current.Count == 0) return;
            sentences++;
            if (current.Count > LongSentenceWords) longSentences.Add(string.Join(' ', current));
            current.Clear();
        }

        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            var tokens = line.Split([' ', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries);
            // A list item's dash is not a word.
            var start = tokens.Length > 0 && tokens[0] is "-" or "•" ? 1 : 0;
            for (var i = start; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if (!token.Any(char.IsLetterOrDigit))
                {
                    if (current.Count > 0) current[^1] += " " + token; // keep "§" in the quoted sentence
                    continue;
                }
                words++;
                if (token.Count(char.IsLetter) > 6) longWords++;
                current.Add(token);
                if (EndsSentence(token, i + 1 < tokens.Length ? tokens[i + 1] : null)) EndSentence();
            }
            EndSentence();
        }
        return new LixResult(words, sentences, longWords, longSentences);
    }

    private static bool EndsSentence(string token, string? next)
    {
        var bare = token.TrimEnd('»', '«', '"', '\'', ')', ']', '”', '’');
        if (bare.Length == 0 || bare[^1] is not ('.' or '!' or '?' or ':')) return false;
        if (next is null) return true;
        if (bare[^1] == '.' && Abbreviations.Contains(Leading().Replace(bare, ""))) return false;
        var first = next.TrimStart('»', '«', '"', '\'', '(', '[', '“', '‘').FirstOrDefault();
        return char.IsUpper(first);
    }

    [GeneratedRegex(@"^[»«""'(\[]+")]
    private static partial Regex Leading();

    /// <summary>
    /// The text a template writes itself, for measuring a template before it is rendered: values printed with
    /// {{ ... }} count as one short word each; statements (if, else, end, for, include, assignments, comments) as nothing.
    /// </summary>
    public static string TemplateProse(string template) =>
        Statement().Replace(Expression().Replace(template, m => IsStatement(m.Groups[1].Value) ? "" : "x"), "");

    private static bool IsStatement(string inner)
    {
        var t = inner.Trim();
        return t.Length == 0 || t.StartsWith('#') || StatementStart().IsMatch(t);
    }

    [GeneratedRegex(@"\{\{~?(.*?)~?\}\}", RegexOptions.Singleline)]
    private static partial Regex Expression();

    [GeneratedRegex(@"\{\{|\}\}")]
    private static partial Regex Statement();

    [GeneratedRegex(@"^(?:(?:if|else|end|for|while|include|case|when|capture|break|continue|ret|func|with|tablerow)\b|[A-Za-z_][A-Za-z0-9_.]*\s*=(?!=))")]
    private static partial Regex StatementStart();
}
