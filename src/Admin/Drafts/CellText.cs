using System.Text;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>
/// The names and text literals in a cell or expression, found the way the cell lexer reads them (a name inside a text
/// literal is not a name), but tolerant of a cell that does not parse yet: a half-typed cell is still renamed right.
/// </summary>
public static class CellText
{
    private enum Kind { Name, Text }

    private readonly record struct Piece(Kind Kind, int Start, int Length, string Value);

    /// <summary>A text literal as the cell language writes it.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>True when the cell refers to <paramref name="name"/> (a fact, derived value or output).</summary>
    public static bool UsesName(string cell, string name) => Pieces(cell).Any(p => p.Kind == Kind.Name && p.Value == name);

    /// <summary>True when the cell holds the text literal <paramref name="value"/> (an enum value, say).</summary>
    public static bool UsesText(string cell, string value) => Pieces(cell).Any(p => p.Kind == Kind.Text && p.Value == value);

    /// <summary>The cell with every reference to <paramref name="from"/> made to <paramref name="to"/>; text literals and other names untouched.</summary>
    public static string RenameName(string cell, string from, string to) => Replace(cell, Kind.Name, from, _ => to);

    /// <summary>The cell with every text literal <paramref name="from"/> made <paramref name="to"/>.</summary>
    public static string RenameText(string cell, string from, string to) => Replace(cell, Kind.Text, from, _ => Quote(to));

    private static string Replace(string cell, Kind kind, string from, Func<Piece, string> with)
    {
        var pieces = Pieces(cell).Where(p => p.Kind == kind && p.Value == from).ToList();
        if (pieces.Count == 0) return cell;
        var sb = new StringBuilder(cell.Length);
        var at = 0;
        foreach (var p in pieces)
        {
            sb.Append(cell, at, p.Start - at).Append(with(p));
            at = p.Start + p.Length;
        }
        return sb.Append(cell, at, cell.Length - at).ToString();
    }

    /// <summary>Names and text literals with their place; numbers, operators and anything unknown are skipped.</summary>
    private static IEnumerable<Piece> Pieces(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var start = i++;
                var sb = new StringBuilder();
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) yield break; // an unterminated text: nothing after it is code
                i++;
                yield return new Piece(Kind.Text, start, i - start, sb.ToString());
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))) i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                yield return new Piece(Kind.Name, start, i - start, text[start..i]);
            }
            else i++;
        }
    }
}

/// <summary>
/// Enum values as lawyers type them: the value or its Danish label, without quotes. The stored cell keeps the cell
/// language's form (<c>"bevilget"</c>), so rules/ files and the compiler are unchanged; the grid shows the values bare.
/// </summary>
public static class EnumCells
{
    private static readonly HashSet<string> Keywords = new(["true", "false", "null", "not", "and", "or", "-"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The cell as the grid shows it: enum values without their quotes where that cannot be misread.</summary>
    public static string Display(string cell, IReadOnlyList<EnumValue>? values)
    {
        if (values is not { Count: > 0 }) return cell;
        var bare = values.Select(v => v.Value).Where(CanStandBare).ToHashSet(StringComparer.Ordinal);
        if (bare.Count == 0) return cell;
        var sb = new StringBuilder(cell.Length);
        var i = 0;
        while (i < cell.Length)
        {
            if (cell[i] != '"') { sb.Append(cell[i++]); continue; }
            var end = cell.IndexOf('"', i + 1);
            if (end < 0 || cell.IndexOf('\\', i + 1, end - i - 1) >= 0) { sb.Append(cell, i, cell.Length - i); break; }
            var text = cell[(i + 1)..end];
            sb.Append(bare.Contains(text) ? text : cell[i..(end + 1)]);
            i = end + 1;
        }
        return sb.ToString();
    }

    /// <summary>
    /// The cell language's form of what was typed: a bare value or label (any case) becomes the quoted value; in an
    /// input cell each item of a list, a <c>not(...)</c> and an item after = or != as well. Anything else is left as
    /// typed, so the checker reports it where it stands.
    /// </summary>
    public static string Canonical(string typed, IReadOnlyList<EnumValue>? values)
    {
        if (values is not { Count: > 0 }) return typed;
        if (Match(typed, values) is { } whole) return Keep(typed, whole);
        var trimmed = typed.Trim();
        if (trimmed.StartsWith("not(", StringComparison.OrdinalIgnoreCase) && trimmed.EndsWith(')'))
        {
            var open = typed.IndexOf('(');
            var close = typed.LastIndexOf(')');
            return typed[..(open + 1)] + Canonical(typed[(open + 1)..close], values) + typed[close..];
        }
        var items = SplitTopLevel(typed);
        if (items.Count == 1) return Item(typed, values);
        return string.Join(",", items.Select(item => Item(item, values)));
    }

    private static string Item(string item, IReadOnlyList<EnumValue> values)
    {
        var trimmed = item.TrimStart();
        foreach (var op in new[] { "!=", "==", "=" })
        {
            if (!trimmed.StartsWith(op, StringComparison.Ordinal)) continue;
            var at = item.IndexOf(op, StringComparison.Ordinal) + op.Length;
            var rest = item[at..];
            return Match(rest, values) is { } v ? item[..at] + Keep(rest, v) : item;
        }
        return Match(item, values) is { } value ? Keep(item, value) : item;
    }

    /// <summary>The quoted value in place of the trimmed text, keeping the whitespace around it.</summary>
    private static string Keep(string text, string value)
    {
        var start = text.Length - text.TrimStart().Length;
        var end = text.TrimEnd().Length;
        return text[..start] + CellText.Quote(value) + text[end..];
    }

    private static string? Match(string text, IReadOnlyList<EnumValue> values)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.StartsWith('"') || Keywords.Contains(t)) return null;
        return values.FirstOrDefault(v => string.Equals(v.Value, t, StringComparison.OrdinalIgnoreCase))?.Value
            ?? values.FirstOrDefault(v => v.Label is { } l && string.Equals(l.Trim(), t, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    /// <summary>Splits at commas outside quotes and parentheses.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var items = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) { if (c == '\\') i++; }
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == ',' && depth == 0) { items.Add(text[start..i]); start = i + 1; }
        }
        items.Add(text[start..]);
        return items;
    }

    /// <summary>A value that reads as itself without quotes: starts with a letter, no separator, quote or space, not a keyword.</summary>
    private static bool CanStandBare(string value) =>
        value.Length > 0 && char.IsLetter(value[0]) && !Keywords.Contains(value)
        && !value.Any(c => c is '"' or ',' or '(' or ')' or '[' or ']' or '\\' || char.IsWhiteSpace(c));
}
