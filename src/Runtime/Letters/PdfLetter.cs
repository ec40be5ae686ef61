using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using Serviceloven.Engine.Letters;

namespace Serviceloven.Runtime.Letters;

/// <summary>
/// The letter as PDF with PDFsharp: A4, the letterhead on the first page, DejaVu Sans embedded, "Side 1 af 2" on every
/// page, a heading never alone at the foot of a page, and a structure tree (headings, paragraphs, lists, the logo with
/// its text) for screen readers. Marked with PDFsharp's PDF/A option, which in 6.2.4 declares PDF/A-1a (README).
/// </summary>
public static class PdfLetter
{
    private const double PageWidth = 595.28, PageHeight = 841.89;
    private const double Left = 70.87, Right = 56.69, Top = 56.69, Bottom = 70.87;
    private const double TextWidth = PageWidth - Left - Right;
    private const double BodySize = 10.5, Leading = BodySize * 1.45;
    private const double ListIndent = 14;
    private const double LogoWidth = 130, LogoHeight = 60;

    private static readonly XFont Body = Font(BodySize, false);
    private static readonly XFont Strong = Font(BodySize, true);
    private static readonly XFont Small = Font(9, false);
    private static readonly XFont SmallStrong = Font(12, true);
    private static readonly XFont TitleFont = Font(15, true);
    private static readonly XFont HeadingFont = Font(11.5, true);
    private static readonly XFont Footer = Font(8.5, false);

    private static XFont Font(double size, bool bold)
    {
        LetterFonts.Install();
        return new XFont(LetterFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
    }

    public static byte[] Write(LetterDocument letter)
    {
        var pages = Layout(letter);
        using var document = new PdfDocument();
        document.Info.Title = letter.Title;
        document.Info.Subject = letter.Title;
        if (letter.Letterhead is { } head) document.Info.Author = head.Name;
        document.Info.Creator = "Serviceloven regelserver";
        document.SetPdfA(); // tagged, sRGB output intent, fonts embedded; PDFsharp 6.2.4 marks it PDF/A-1a
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage("da-DK");
        var sb = ua.StructureBuilder;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var element in pages[i]) Draw(gfx, sb, element);
            sb.BeginArtifact();
            var number = $"Side {i + 1} af {pages.Count}";
            gfx.DrawString(number, Footer, XBrushes.DimGray, PageWidth - Right - gfx.MeasureString(number, Footer).Width, PageHeight - 40, XStringFormats.TopLeft);
            sb.End();
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Draw(XGraphics gfx, StructureBuilder sb, Element element)
    {
        switch (element.Tag)
        {
            case Tag.Figure:
                sb.BeginElement(PdfIllustrationElementTag.Figure, element.Alt!, element.Box);
                gfx.DrawImage(XImage.FromStream(new MemoryStream(element.Png!)), element.Box);
                sb.End();
                return;
            case Tag.H1: sb.BeginElement(PdfBlockLevelElementTag.Heading1); break;
            case Tag.H2: sb.BeginElement(PdfBlockLevelElementTag.Heading2); break;
            case Tag.List: sb.BeginElement(PdfBlockLevelElementTag.List); break;
            case Tag.Item: sb.BeginElement(PdfBlockLevelElementTag.ListItem); break;
            case Tag.Label: sb.BeginElement(PdfBlockLevelElementTag.Label); break;
            case Tag.ItemBody: sb.BeginElement(PdfBlockLevelElementTag.ListBody); break;
            default: sb.BeginElement(PdfBlockLevelElementTag.Paragraph); break;
        }
        foreach (var run in element.Runs) gfx.DrawString(run.Text, run.Font, XBrushes.Black, run.X, run.Y, XStringFormats.TopLeft);
        foreach (var child in element.Children) Draw(gfx, sb, child);
        sb.End();
    }

    private enum Tag { P, H1, H2, List, Item, Label, ItemBody, Figure }

    private sealed record Run(double X, double Y, XFont Font, string Text);

    private sealed class Element(Tag tag)
    {
        public Tag Tag { get; } = tag;
        public List<Run> Runs { get; } = [];
        public List<Element> Children { get; } = [];
        public string? Alt { get; init; }
        public XRect Box { get; init; }
        public byte[]? Png { get; init; }
    }

    /// <summary>Places every line on its page; page breaks follow the rules in the class summary.</summary>
    private static List<List<Element>> Layout(LetterDocument letter)
    {
        using var measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var pages = new List<List<Element>> { new() };
        var y = Top;
        double Room() => PageHeight - Bottom - y;
        void NewPage() { pages.Add([]); y = Top; }
        List<Element> Page() => pages[^1];

        // The letterhead: sender top left, logo top right, then the date.
        if (letter.Letterhead is { } head)
        {
            var top = y;
            if (head.Logo is { } logo && LogoImage.ToPng(logo, LogoWidth, LogoHeight) is { } png)
            {
                var scale = Math.Min(LogoWidth / png.Width, LogoHeight / png.Height);
                var (w, h) = (png.Width * scale, png.Height * scale);
                Page().Add(new Element(Tag.Figure) { Alt = logo.AltText, Png = png.Png, Box = new XRect(PageWidth - Right - w, top, w, h) });
            }
            var sender = new Element(Tag.P);
            sender.Runs.Add(new Run(Left, y, SmallStrong, head.Name));
            y += 16;
            Page().Add(sender);
            foreach (var group in new[] { head.Address, head.Contact }.Where(g => g.Count > 0))
            {
                var p = new Element(Tag.P);
                foreach (var line in group) { p.Runs.Add(new Run(Left, y, Small, line)); y += 12; }
                Page().Add(p);
                y += 4;
            }
            y = Math.Max(y, top + LogoHeight) + 14;
        }
        var date = new Element(Tag.P);
        date.Runs.Add(new Run(Left, y, Body, letter.DateLine));
        Page().Add(date);
        y += Leading + 14;

        var blocks = letter.Blocks;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            if (block.Kind is LetterBlockKind.Title or LetterBlockKind.Heading)
            {
                var (font, before, after, tag) = block.Kind == LetterBlockKind.Title ? (TitleFont, 0.0, 8.0, Tag.H1) : (HeadingFont, 8.0, 3.0, Tag.H2);
                var lines = Wrap(measure, block.Lines[0], font, TextWidth);
                var height = before + lines.Count * font.Size * 1.3 + after;
                // No heading alone at the foot of a page: it goes with the first two lines of what follows.
                var next = b + 1 < blocks.Count ? FirstLinesHeight(measure, blocks[b + 1], 2) : 0;
                if (height + next > Room() && y > Top) NewPage();
                if (y > Top) y += before;
                var e = new Element(tag);
                foreach (var line in lines) { e.Runs.Add(new Run(Left, y, font, line)); y += font.Size * 1.3; }
                Page().Add(e);
                y += after;
                continue;
            }
            if (block.Kind == LetterBlockKind.List)
            {
                var list = new Element(Tag.List);
                Page().Add(list);
                foreach (var item in block.Lines)
                {
                    var lines = Wrap(measure, item, Body, TextWidth - ListIndent);
                    var li = new Element(Tag.Item);
                    var body = new Element(Tag.ItemBody);
                    for (var i = 0; i < lines.Count; i++)
                    {
                        if (Leading > Room())
                        {
                            NewPage();
                            list = new Element(Tag.List);
                            Page().Add(list);
                            if (li.Children.Count > 0 || body.Runs.Count > 0) { li.Children.Add(body); list.Children.Add(li); }
                            li = new Element(Tag.Item);
                            body = new Element(Tag.ItemBody);
                        }
                        if (i == 0)
                        {
                            var label = new Element(Tag.Label);
                            label.Runs.Add(new Run(Left + 3, y, Body, "•"));
                            li.Children.Add(label);
                        }
                        body.Runs.Add(new Run(Left + ListIndent, y, Body, lines[i]));
                        y += Leading;
                    }
                    li.Children.Add(body);
                    list.Children.Add(li);
                }
                y += 6;
                continue;
            }
            Paragraph(measure, block.Lines, Body, ref y, Page, NewPage);
            y += 6;
        }

        // The closing stays together: reply deadline text, greeting, signing unit.
        var closing = letter.ClosingLines;
        if (closing.Count > 0)
        {
            var wrapped = closing.Select(l => Wrap(measure, l, Body, TextWidth)).ToList();
            var height = 14 + wrapped.Sum(w => w.Count) * Leading + (closing.Count - 2) * 6;
            if (height > Room() && y > Top) NewPage();
            y += 14;
            for (var i = 0; i < wrapped.Count; i++)
            {
                var p = new Element(Tag.P);
                foreach (var line in wrapped[i]) { p.Runs.Add(new Run(Left, y, i == wrapped.Count - 1 ? Strong : Body, line)); y += Leading; }
                Page().Add(p);
                if (i < wrapped.Count - 2) y += 6;
            }
        }
        return pages;
    }

    private static void Paragraph(XGraphics measure, IReadOnlyList<string> text, XFont font, ref double y,
        Func<List<Element>> page, Action newPage)
    {
        var lines = text.SelectMany(t => Wrap(measure, t, font, TextWidth)).ToList();
        // No single first line of a paragraph alone at the foot of a page.
        if (lines.Count > 1 && PageHeight - Bottom - y < 2 * Leading && y > Top) { newPage(); y = Top; }
        var p = new Element(Tag.P);
        page().Add(p);
        foreach (var line in lines)
        {
            if (Leading > PageHeight - Bottom - y)
            {
                newPage();
                y = Top;
                p = new Element(Tag.P);
                page().Add(p);
            }
            p.Runs.Add(new Run(Left, y, font, line));
            y += Leading;
        }
    }

    private static double FirstLinesHeight(XGraphics measure, LetterBlock block, int lines) => block.Kind switch
    {
        LetterBlockKind.Title or LetterBlockKind.Heading => HeadingFont.Size * 1.3 + 11,
        LetterBlockKind.List => Math.Min(lines, block.Lines.Sum(l => Wrap(measure, l, Body, TextWidth - ListIndent).Count)) * Leading,
        _ => Math.Min(lines, block.Lines.Sum(l => Wrap(measure, l, Body, TextWidth).Count)) * Leading,
    };

    /// <summary>Breaks a line at ordinary spaces only (a no-break space keeps "§ 97" together); a word wider than the line is cut.</summary>
    internal static List<string> Wrap(XGraphics measure, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (measure.MeasureString(candidate, font).Width <= width) { current = candidate; continue; }
            if (current.Length > 0) lines.Add(current);
            current = word;
            while (measure.MeasureString(current, font).Width > width && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && measure.MeasureString(current[..cut], font).Width > width) cut--;
                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        return lines;
    }
}
