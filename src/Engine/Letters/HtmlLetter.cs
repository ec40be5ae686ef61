using System.Text;
using Serviceloven.Engine.Begrundelse;

namespace Serviceloven.Engine.Letters;

/// <summary>
/// The letter as one HTML document for A4: letterhead, date, title and headings as h1/h2, paragraphs and lists, the
/// closing; a print stylesheet sets the page and keeps a heading with the text after it. Every text is encoded, and
/// the logo is the only image (a data URL of the checked PNG or SVG bytes), so the document loads nothing.
/// </summary>
public static class HtmlLetter
{
    private const string Style = """
        @page { size: A4; margin: 20mm 20mm 22mm 25mm; }
        html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #000; }
        body { margin: 0; }
        .sheet { max-width: 165mm; margin: 0 auto; }
        header.letterhead { display: flex; justify-content: space-between; align-items: flex-start; gap: 10mm; margin-bottom: 8mm; }
        header.letterhead .sender p { margin: 0; }
        header.letterhead .name { font-weight: bold; font-size: 12pt; }
        header.letterhead img { max-width: 45mm; max-height: 22mm; }
        .date { margin: 0 0 8mm; }
        h1 { font-size: 15pt; margin: 0 0 4mm; }
        h2 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
        p, li { orphans: 3; widows: 3; }
        p { margin: 0 0 3mm; }
        ul { margin: 0 0 3mm; padding-left: 6mm; }
        footer.closing { margin-top: 8mm; break-inside: avoid; page-break-inside: avoid; }
        footer.closing p { margin: 0 0 2mm; }
        @media screen { body { background: #eee; } .sheet { background: #fff; padding: 20mm 20mm 22mm 25mm; min-height: 253mm; box-shadow: 0 0 4px #999; } }
        @media print { .sheet { max-width: none; } }
        """;

    public static string Render(LetterDocument letter)
    {
        var sb = new StringBuilder(4096);
        sb.Append("<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(letter.Letterhead is { } lh ? $"{letter.Title} – {lh.Name}" : letter.Title)).Append("</title>\n<style>\n")
            .Append(Style).Append("\n</style>\n</head>\n<body>\n<div class=\"sheet\">\n");
        if (letter.Letterhead is { } head)
        {
            sb.Append("<header class=\"letterhead\">\n<div class=\"sender\">\n<p class=\"name\">").Append(E(head.Name)).Append("</p>\n");
            if (head.Address.Count > 0) sb.Append("<p>").Append(string.Join("<br>", head.Address.Select(E))).Append("</p>\n");
            if (head.Contact.Count > 0) sb.Append("<p>").Append(string.Join("<br>", head.Contact.Select(E))).Append("</p>\n");
            sb.Append("</div>\n");
            if (head.Logo is { } logo && logo.Problem() is null)
                sb.Append("<img src=\"data:").Append(logo.MediaType).Append(";base64,").Append(logo.Data).Append("\" alt=\"").Append(E(logo.AltText)).Append("\">\n");
            sb.Append("</header>\n");
        }
        sb.Append("<p class=\"date\">").Append(E(letter.DateLine)).Append("</p>\n<main>\n");
        foreach (var block in letter.Blocks)
        {
            switch (block.Kind)
            {
                case LetterBlockKind.Title: sb.Append("<h1>").Append(E(block.Lines[0])).Append("</h1>\n"); break;
                case LetterBlockKind.Heading: sb.Append("<h2>").Append(E(block.Lines[0])).Append("</h2>\n"); break;
                case LetterBlockKind.List:
                    sb.Append("<ul>\n");
                    foreach (var item in block.Lines) sb.Append("<li>").Append(E(item)).Append("</li>\n");
                    sb.Append("</ul>\n");
                    break;
                default: sb.Append("<p>").Append(string.Join("<br>\n", block.Lines.Select(E))).Append("</p>\n"); break;
            }
        }
        sb.Append("</main>\n");
        if (letter.ClosingLines.Count > 0)
        {
            var closing = letter.ClosingLines;
            sb.Append("<footer class=\"closing\">\n");
            foreach (var line in closing.Take(closing.Count - 2)) sb.Append("<p>").Append(E(line)).Append("</p>\n");
            sb.Append("<p>").Append(E(closing[^2])).Append("<br>\n").Append(E(closing[^1])).Append("</p>\n</footer>\n");
        }
        sb.Append("</div>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string E(string text) => LetterLayout.Encode(text);
}
