using System.Text.RegularExpressions;

namespace Serviceloven.Engine.Letters;

/// <summary>
/// Danish typesetting of a letter's lines for HTML and PDF: a no-break space where a line break would split what is
/// read as one thing – "§ 97", "stk. 2", "nr. 3", "1. marts 2027", "15 timer", "14.467 kr." – so the browser and the
/// PDF's line breaker keep them together. The API's text format gets them too (a caseworker pastes it into a letter);
/// the templates and their golden letters are written with plain spaces, and the words are the same: only the kind of
/// space differs.
/// </summary>
public static partial class DanishTypography
{
    public const char NoBreakSpace = '\u00a0';

    private const string Months = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december";
    private const string Units = "kr\\.|timer|time|minutter|minut|dage|dag|uger|uge|måneder|måned|år|procent|%";

    public static string Apply(string line)
    {
        var text = Section().Replace(line, m => m.Groups[1].Value + NoBreakSpace);
        text = Abbreviation().Replace(text, m => m.Groups[1].Value + NoBreakSpace);
        text = DayMonth().Replace(text, m => m.Groups[1].Value + NoBreakSpace + m.Groups[2].Value + NoBreakSpace + m.Groups[3].Value);
        text = DayMonthOnly().Replace(text, m => m.Groups[1].Value + NoBreakSpace);
        return NumberUnit().Replace(text, m => m.Groups[1].Value + NoBreakSpace);
    }

    /// <summary>A whole text, line by line (a number and its unit on two lines stay as they are).</summary>
    public static string ApplyToText(string text) => string.Join('\n', text.Split('\n').Select(Apply));

    /// <summary>"§ 97", "§§ 97"; the space after the sign, before a number.</summary>
    [GeneratedRegex(@"(§§?) (?=\d)")]
    private static partial Regex Section();

    /// <summary>"stk. 2", "nr. 3", "pkt. 1", "kap. 2" before a number (a letter after them is left: "Stk. A" may begin a sentence).</summary>
    [GeneratedRegex(@"(\b(?:stk|nr|pkt|kap)\.) (?=\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Abbreviation();

    /// <summary>"1. marts 2027": day, month and year stay on one line.</summary>
    [GeneratedRegex(@"(\b\d{1,2}\.) (" + Months + @") (\d{4}\b)")]
    private static partial Regex DayMonth();

    /// <summary>"1. marts" without a year.</summary>
    [GeneratedRegex(@"(\b\d{1,2}\.) (?=(?:" + Months + @")\b)")]
    private static partial Regex DayMonthOnly();

    /// <summary>"15 timer", "7,5 timer", "14.467 kr.", "4 uger": a number and its unit.</summary>
    [GeneratedRegex(@"(\b\d[\d.,]*) (?=(?:" + Units + @")(?![\p{L}]))")]
    private static partial Regex NumberUnit();
}
