namespace Serviceloven.Engine.Cells;

/// <summary>Number literals as the cell language and the FEEL importer both write them.</summary>
internal static class NumberScanner
{
    /// <summary>
    /// Where the number starting at <paramref name="start"/> ends: digits, then a fraction only when a digit follows
    /// the '.', so "1..5" is a range and "1." leaves the point to the caller.
    /// </summary>
    public static int End(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        return i;
    }
}
