using System.Globalization;
using System.Text;
using Serviceloven.Engine.Compilation;

namespace Serviceloven.Engine.Dmn;

/// <summary>Turns DMN names ("Approval Status", "Approved/Declined", "Ældre borger") into camelCase identifiers.</summary>
public static class DmnNames
{
    public static string ToIdentifier(string dmnName)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in Transliterate(dmnName))
        {
            if (char.IsAsciiLetterOrDigit(ch)) current.Append(ch);
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        if (words.Count == 0) return "value";

        var sb = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            // A word in capitals (AGE, BPA) is one word, not an acronym to keep in the middle of a name.
            if (w.All(c => !char.IsAsciiLetterLower(c))) w = w.ToLowerInvariant();
            sb.Append(i == 0 ? char.ToLowerInvariant(w[0]) : char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
        }
        var name = sb.ToString();
        if (!char.IsAsciiLetter(name[0])) name = "v" + name;
        return VersionCompiler.IsUsableName(name) ? name : name + "Value";
    }

    /// <summary>Identifiers are ASCII: Danish letters become their usual two-letter forms, other accents are dropped.</summary>
    private static string Transliterate(string s)
    {
        s = s.Replace("æ", "ae").Replace("Æ", "Ae").Replace("ø", "oe").Replace("Ø", "Oe").Replace("å", "aa").Replace("Å", "Aa");
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        return sb.ToString();
    }

    /// <summary>A name not yet in <paramref name="taken"/>: the identifier, else prefixed, else numbered.</summary>
    public static string Unique(string dmnName, HashSet<string> taken, string? prefix = null)
    {
        var name = ToIdentifier(dmnName);
        if (taken.Contains(name) && prefix is not null)
            name = prefix + char.ToUpperInvariant(name[0]) + name[1..];
        var candidate = name;
        for (var n = 2; taken.Contains(candidate); n++) candidate = name + n.ToString(CultureInfo.InvariantCulture);
        taken.Add(candidate);
        return candidate;
    }
}
