using System.Text;
using System.Text.Json.Serialization;
using System.Xml;

namespace Serviceloven.Engine.Letters;

/// <summary>
/// A municipality's letterhead: what every letter carries besides the begrundelse itself. Several municipalities may
/// share one installation, each with its own key (chosen per API key). Stored as revisions; a letter uses the latest.
/// </summary>
public sealed record Letterhead
{
    /// <summary>Short stable id, lowercase letters, digits and '-': "aarhus", "kl-hosting-0751".</summary>
    public required string Key { get; init; }

    /// <summary>"Aarhus Kommune".</summary>
    public required string Name { get; init; }

    /// <summary>The municipality's postal address, one line each.</summary>
    public IReadOnlyList<string> Address { get; init; } = [];

    /// <summary>Telephone, e-mail, web, opening hours: one line each.</summary>
    public IReadOnlyList<string> Contact { get; init; } = [];

    /// <summary>The unit that signs the letter: "Socialforvaltningen, Handicap og Psykiatri".</summary>
    public required string SigningUnit { get; init; }

    /// <summary>Where a complaint is sent, one line each; the klagevejledning names it.</summary>
    public IReadOnlyList<string> ComplaintAddress { get; init; } = [];

    /// <summary>The municipality's words about when and how to answer or ask, printed above the signature.</summary>
    public string? ReplyDeadline { get; init; }

    public LetterLogo? Logo { get; init; }

    /// <summary>Used for API keys without a letterhead of their own and in the admin's previews.</summary>
    public bool IsDefault { get; init; }

    public const int MaxLogoBytes = 256 * 1024;

    /// <summary>Lines of the header, top left: name, then address, then contact lines.</summary>
    [JsonIgnore]
    public IEnumerable<string> HeaderLines => new[] { Name }.Concat(Address).Concat(Contact);

    /// <summary>What is wrong, by field, in Danish; empty when the letterhead may be saved.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Key) || Key.Length > 40 || !Key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            problems["key"] = "Nøglen skal være 1-40 tegn: små bogstaver a-z, cifre og bindestreg.";
        if (string.IsNullOrWhiteSpace(Name)) problems["name"] = "Skriv kommunens navn.";
        if (string.IsNullOrWhiteSpace(SigningUnit)) problems["signingUnit"] = "Skriv den enhed, der underskriver brevene.";
        if (Address.Count == 0 || Address.All(string.IsNullOrWhiteSpace)) problems["address"] = "Skriv kommunens adresse.";
        if (ComplaintAddress.Count == 0 || ComplaintAddress.All(string.IsNullOrWhiteSpace))
            problems["complaintAddress"] = "Skriv den adresse, klager sendes til.";
        foreach (var (field, lines) in new[] { ("address", Address), ("contact", Contact), ("complaintAddress", ComplaintAddress) })
            if (lines.Count > 8 || lines.Any(l => l.Length > 120 || l.Contains('\n')))
                problems.TryAdd(field, "Højst 8 linjer på hver højst 120 tegn.");
        if (Name?.Length > 120 || SigningUnit?.Length > 200) problems.TryAdd("name", "Navn og underskrivende enhed er for lange.");
        if (ReplyDeadline?.Length > 1000) problems["replyDeadline"] = "Teksten om svarfrist må højst være 1.000 tegn.";
        if (Logo is { } logo && logo.Problem() is { } p) problems["logo"] = p;
        return problems;
    }
}

/// <summary>A logo as PNG or SVG bytes (base64 in JSON), with the text a screen reader reads instead.</summary>
public sealed record LetterLogo(string MediaType, string Data, string AltText)
{
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public byte[] Bytes() => Convert.FromBase64String(Data);

    /// <summary>Null when the bytes are what the media type says (PNG signature, or an SVG document without DTD).</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(AltText)) return "Logoet skal have en tekst til skærmlæsere (fx kommunens navn).";
        byte[] bytes;
        try { bytes = Bytes(); }
        catch (FormatException) { return "Logoet er ikke gyldigt base64."; }
        if (bytes.Length == 0) return "Logoet er tomt.";
        if (bytes.Length > Letterhead.MaxLogoBytes) return $"Logoet fylder {bytes.Length:N0} byte; højst {Letterhead.MaxLogoBytes:N0}.";
        return MediaType switch
        {
            Png => bytes.AsSpan().StartsWith(PngSignature) ? null : "Filen er ikke en PNG-fil.",
            Svg => IsSvg(bytes) ? null : "Filen er ikke et SVG-dokument.",
            _ => "Logoet skal være PNG eller SVG.",
        };
    }

    /// <summary>An XML document whose root is svg; DTDs (and with them entity tricks) are refused.</summary>
    private static bool IsSvg(byte[] bytes)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            });
            reader.MoveToContent();
            if (reader.LocalName != "svg") return false;
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "script" or "foreignObject") return false;
            return true;
        }
        catch (XmlException) { return false; }
    }

    /// <summary>Recognises the format from the bytes, for an upload whose type the browser did not say.</summary>
    public static string? Sniff(byte[] bytes) =>
        bytes.AsSpan().StartsWith(PngSignature) ? Png
        : Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2048)).Contains("<svg", StringComparison.Ordinal) ? Svg
        : null;
}
