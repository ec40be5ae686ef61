using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Letters;

/// <summary>
/// A whole letter: the municipality's letterhead (if any), the date, the begrundelse and the closing with the reply
/// deadline text and the signing unit. HTML and PDF are laid out from it, so both say the same words.
/// </summary>
public sealed record LetterDocument(string Title, DateOnly Date, IReadOnlyList<LetterBlock> Blocks, Letterhead? Letterhead)
{
    public const string Greeting = "Med venlig hilsen";

    /// <summary>
    /// A letter from a begrundelse in text form, typeset the Danish way (<see cref="DanishTypography"/>); the title is
    /// its first heading, else the fallback.
    /// </summary>
    public static LetterDocument From(string begrundelseText, DateOnly date, Letterhead? letterhead, string fallbackTitle)
    {
        var blocks = LetterBlocks.Parse(begrundelseText)
            .Select(b => b with { Lines = b.Lines.Select(DanishTypography.Apply).ToList() }).ToList();
        var title = blocks.FirstOrDefault(b => b.Kind == LetterBlockKind.Title)?.Lines[0] ?? fallbackTitle;
        return new LetterDocument(title, date, blocks, letterhead);
    }

    /// <summary>"Dato: 1. marts 2024".</summary>
    public string DateLine => "Dato: " + DanishTypography.Apply(DanishFormat.Date(Date));

    /// <summary>The letterhead's lines above the letter: name, address, contact lines, then the date.</summary>
    public IReadOnlyList<string> HeaderLines => (Letterhead?.HeaderLines ?? []).Append(DateLine).ToList();

    /// <summary>The lines below the letter: the reply deadline text, the greeting and the signing unit (none without a letterhead).</summary>
    public IReadOnlyList<string> ClosingLines => Letterhead is { } l
        ? (l.ReplyDeadline ?? "").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0).Select(DanishTypography.Apply).Concat([Greeting, l.SigningUnit]).ToList()
        : [];

    /// <summary>Every line of text the letter holds, in reading order: header, the begrundelse's lines, closing.</summary>
    public IEnumerable<string> AllLines() =>
        HeaderLines.Concat(Blocks.SelectMany(b => b.Lines)).Concat(ClosingLines);
}
