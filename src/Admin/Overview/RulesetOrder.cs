using System.Globalization;
using System.Text.RegularExpressions;

namespace Serviceloven.Admin.Overview;

/// <summary>
/// Rulesets in the order of the law: by paragraph number, then letter (sel-3a, sel-79a, sel-83, sel-84,
/// sel-84-doegnophold, sel-85, sel-85a, ..., sel-102, ..., sel-161), and ids without a paragraph number last, by text.
/// Ordinal text order would put sel-102 before sel-3a.
/// </summary>
public sealed partial class RulesetOrder : IComparer<string>
{
    public static readonly RulesetOrder Instance = new();

    [GeneratedRegex(@"^[a-z]+-(\d+)([a-z]*)(.*)$")]
    private static partial Regex Paragraph();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var a = Paragraph().Match(x);
        var b = Paragraph().Match(y);
        if (a.Success != b.Success) return a.Success ? -1 : 1;
        if (!a.Success) return string.CompareOrdinal(x, y);
        var byNumber = int.Parse(a.Groups[1].Value, CultureInfo.InvariantCulture).CompareTo(int.Parse(b.Groups[1].Value, CultureInfo.InvariantCulture));
        if (byNumber != 0) return byNumber;
        var byLetter = string.CompareOrdinal(a.Groups[2].Value, b.Groups[2].Value);
        return byLetter != 0 ? byLetter : string.CompareOrdinal(a.Groups[3].Value, b.Groups[3].Value);
    }
}
