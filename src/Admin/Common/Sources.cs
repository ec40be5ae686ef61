using System.Text.RegularExpressions;

namespace Serviceloven.Admin.Common;

/// <summary>A source text the rules cite, by the file name rules/ uses and the title users read.</summary>
public sealed record SourceDocument(string File, string Title, string Description);

/// <summary>
/// Sources as lawyers name them: "Vejledning om ledsageordning (2018), l. 397" rather than the seed file name the
/// rules/ files store ("003_e9312490f6af4059.txt l.397"). The stored form is unchanged; only what users read is.
/// </summary>
public static partial class Sources
{
    /// <summary>The seed texts (../shared/README.md, "Which seed is which").</summary>
    public static readonly IReadOnlyList<SourceDocument> Documents =
    [
        new("000_70dc85726bf360e2.txt", "Vejledning om socialpædagogisk bistand m.v. (2023)",
            "VEJ nr. 9764 af 02/10/2023, gældende fra 1. oktober 2023: §§ 85, 85 a, 99, 102, 118"),
        new("001_6a5c30f66f8e122a.txt", "Vejledning om socialpædagogisk bistand m.v. (2018)",
            "VEJ nr. 10284 af 11/12/2017, gældende fra 1. januar 2018: §§ 85, 99, 102, 118"),
        new("002_441ec9f7f3a3537d.txt", "Vejledning nr. 2 til serviceloven (2014)",
            "VEJ nr. 9441 af 24/06/2014: §§ 79-94 a, 99, 102, 118-122, betaling, frit valg, klage"),
        new("003_e9312490f6af4059.txt", "Vejledning om ledsageordning (2018)",
            "Vejledning om ledsageordning (§ 97), kontaktperson til døvblinde (§ 98), funktionsevnemetoden, §§ 103-105"),
        new("004_7a79bbc7225a7fe8.txt", "Ankestyrelsens praksisnotat om kontant tilskud (2021)",
            "Praksisnotat om kontant tilskud efter § 95 med bekendtgørelser og sager"),
    ];

    [GeneratedRegex(@"\b(\d{3}_[0-9a-f]{16}\.txt)(?:\s*l\.\s*(\d+(?:\s*[-–]\s*\d+)?))?")]
    private static partial Regex Citation();

    /// <summary>The citation with each seed file named by its title and its line as "l. 397".</summary>
    public static string Display(string? source) =>
        string.IsNullOrWhiteSpace(source) ? "" : FurtherLines().Replace(Citation().Replace(source, m =>
        {
            var title = Documents.FirstOrDefault(d => d.File == m.Groups[1].Value)?.Title ?? m.Groups[1].Value;
            return m.Groups[2].Success ? $"{title}, l. {Regex.Replace(m.Groups[2].Value, @"\s", "")}" : title;
        }), "l. $1");

    /// <summary>A further line reference after the first ("…, l.166-167"), written "l. 166-167" as well.</summary>
    [GeneratedRegex(@"(?<![\w.])l\.(\d)")]
    private static partial Regex FurtherLines();

    /// <summary>The stored form of a citation of a seed document and a line (or lines "55-72").</summary>
    public static string Cite(string file, string? lines) =>
        string.IsNullOrWhiteSpace(lines) ? file : $"{file} l.{lines.Trim().Replace(" ", "")}";

    /// <summary>Splits a stored citation into its seed document and lines, when it is one.</summary>
    public static (SourceDocument? Document, string? Lines) Parse(string? source)
    {
        if (source is null) return (null, null);
        var m = Citation().Match(source.Trim());
        if (!m.Success || m.Index != 0 || m.Length != source.Trim().Length) return (null, null);
        return (Documents.FirstOrDefault(d => d.File == m.Groups[1].Value), m.Groups[2].Success ? m.Groups[2].Value.Replace(" ", "") : null);
    }
}
