using System.Text.RegularExpressions;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// Danish wording for the Scriban errors legal staff will meet most; the original follows in parentheses so a
/// developer can still search for it. Unknown messages pass through unchanged.
/// </summary>
internal static partial class ScribanMessages
{
    public static string Danish(string message)
    {
        foreach (var (pattern, danish) in Known)
        {
            var m = pattern.Match(message);
            if (m.Success)
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, danish, m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)
                    + $" ({message})";
        }
        return message;
    }

    private static readonly (Regex Pattern, string Danish)[] Known =
    [
        (MemberNotFound(), "Feltet '{0}' findes ikke. Se docs/begrundelse.md for de felter, en skabelon kan bruge."),
        (VariableNotFound(), "Navnet '{0}' findes ikke (hverken som variabel eller funktion)."),
        (IterationLimit(), "En løkke gentages mere end {0} gange."),
        (RangeLimit(), "En talrække er længere end {0}."),
        (StringLimit(), "En tekst bliver længere end {0} tegn."),
        (OutputLimit(), "Begrundelsen bliver længere end {0} tegn."),
        (RecursionLimit(), "Funktioner kalder hinanden mere end {0} gange inde i hinanden."),
        (ArgumentCount(), "Funktionen '{1}' fik {0} argument(er), men skal have {2}."),
    ];

    [GeneratedRegex(@"^Cannot get member with name (\S+?)\.?$")] private static partial Regex MemberNotFound();
    [GeneratedRegex(@"^The variable or function `([^`]+)` was not found")] private static partial Regex VariableNotFound();
    [GeneratedRegex(@"^Exceeding number of iteration limit `(\d+)`")] private static partial Regex IterationLimit();
    [GeneratedRegex(@"^Range expression exceeds LoopLimit `(\d+)`")] private static partial Regex RangeLimit();
    [GeneratedRegex(@"exceeds LimitToString `(\d+)`")] private static partial Regex StringLimit();
    [GeneratedRegex(@"exceeds OutputLimit `(\d+)`")] private static partial Regex OutputLimit();
    [GeneratedRegex(@"^Exceeding number of recursive depth limit `(\d+)`")] private static partial Regex RecursionLimit();
    [GeneratedRegex(@"^Invalid number of arguments `(\d+)` passed to `([^`]+)` while expecting `(\d+)`")] private static partial Regex ArgumentCount();
}
