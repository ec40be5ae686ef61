namespace Serviceloven.Admin.Diff;

public enum LineOp { Same, Removed, Added }

public sealed record DiffLine(LineOp Op, string Text, int? OldNumber, int? NewNumber);

/// <summary>A line diff by longest common subsequence; templates are short, so the quadratic table is fine.</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compare(string? oldText, string? newText)
    {
        var a = Split(oldText);
        var b = Split(newText);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { result.Add(new DiffLine(LineOp.Same, a[x], x + 1, y + 1)); x++; y++; }
            // Removed lines before added ones where both fit, as reviewers read a change: old, then new.
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { result.Add(new DiffLine(LineOp.Removed, a[x], x + 1, null)); x++; }
            else { result.Add(new DiffLine(LineOp.Added, b[y], null, y + 1)); y++; }
        }
        return result;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
