using PdfSharp.Fonts;

namespace Serviceloven.Runtime.Letters;

/// <summary>
/// The one font of the PDF letters, DejaVu Sans (regular and bold), read from the assembly: the PDF embeds it (as
/// PDF/A requires), and no letter depends on the fonts of the machine it is made on.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public static readonly LetterFonts Instance = new();
    private static readonly Lazy<byte[]> RegularBytes = new(() => Read(Regular));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Read(Bold));
    private static int _installed;

    /// <summary>PDFsharp takes one resolver for the process, before its first font.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0) GlobalFontSettings.FontResolver = Instance;
    }

    // Every family asked for is DejaVu Sans: the letters name no other, and a stray name must not fail a letter.
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName == Bold ? BoldBytes.Value : RegularBytes.Value;

    private static byte[] Read(string face)
    {
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream($"fonts/{face}.ttf")
            ?? throw new InvalidOperationException($"Skrifttypen {face}.ttf mangler i Serviceloven.Runtime.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
