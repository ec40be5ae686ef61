using System.Text;
using Serviceloven.Engine.Letters;

namespace Serviceloven.Engine.Tests.Letters;

public class LetterTests
{
    private const string Text = """
        Afgørelse om ledsageordning

        Du er bevilget 15 timer.

        Vores vurdering

        Vi har lagt vægt på følgende:
        - Kan ikke færdes alene: ja.
        - Varig funktionsnedsættelse: ja.
        Det er vores vurdering.

        Klagevejledning

        Du kan klage.
        """;

    private static Letterhead Head(LetterLogo? logo = null) => new()
    {
        Key = "aadal", Name = "Ådal <Kommune>", Address = ["Rådhuspladsen 1", "9999 Ådal"], Contact = ["Telefon 99 99 99 99"],
        SigningUnit = "Socialforvaltningen", ComplaintAddress = ["Ådal Kommune", "9999 Ådal"], ReplyDeadline = "Ring til os.", Logo = logo,
    };

    [Fact]
    public void Blocks_are_read_from_the_text_form()
    {
        var blocks = LetterBlocks.Parse(Text.Replace("\r\n", "\n"));
        Assert.Equal(
            [LetterBlockKind.Title, LetterBlockKind.Paragraph, LetterBlockKind.Heading, LetterBlockKind.Paragraph, LetterBlockKind.List,
             LetterBlockKind.Paragraph, LetterBlockKind.Heading, LetterBlockKind.Paragraph],
            blocks.Select(b => b.Kind));
        Assert.Equal(["Kan ikke færdes alene: ja.", "Varig funktionsnedsættelse: ja."], blocks[4].Lines);
    }

    [Fact]
    public void A_one_line_sentence_is_not_a_heading()
    {
        var blocks = LetterBlocks.Parse("Titel\n\nDu er bevilget hjælp.\n\nDu kan få hjælp uden at betale for det i de første fire uger og heller ikke senere");
        Assert.Equal([LetterBlockKind.Title, LetterBlockKind.Paragraph, LetterBlockKind.Paragraph], blocks.Select(b => b.Kind));
    }

    [Fact]
    public void Html_letter_is_an_A4_document_with_letterhead_headings_and_closing()
    {
        var letter = LetterDocument.From(Text, new DateOnly(2024, 3, 1), Head(), "Ledsageordning");
        var html = HtmlLetter.Render(letter);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"da\">", html);
        Assert.Contains("@page { size: A4;", html);
        Assert.Contains("break-after: avoid", html); // a heading stays with its text when printed
        Assert.Contains("<p class=\"name\">Ådal &lt;Kommune&gt;</p>", html);
        Assert.Contains("<p class=\"date\">Dato: 1.\u00a0marts\u00a02024</p>", html); // no-break spaces: the date stays on one line
        Assert.Contains("<h1>Afgørelse om ledsageordning</h1>", html);
        Assert.Contains("<h2>Vores vurdering</h2>", html);
        Assert.Contains("<ul>\n<li>Kan ikke færdes alene: ja.</li>", html);
        Assert.Contains("<p>Ring til os.</p>\n<p>Med venlig hilsen<br>\nSocialforvaltningen</p>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Html_letter_without_letterhead_has_no_header_and_no_closing()
    {
        var html = HtmlLetter.Render(LetterDocument.From(Text, new DateOnly(2024, 3, 1), null, "x"));
        Assert.DoesNotContain("letterhead", html.Replace("header.letterhead", ""));
        Assert.DoesNotContain("Med venlig hilsen", html);
    }

    [Fact]
    public void Logo_is_a_data_url_with_its_text()
    {
        var svg = Convert.ToBase64String(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"));
        var html = HtmlLetter.Render(LetterDocument.From(Text, new DateOnly(2024, 3, 1), Head(new LetterLogo(LetterLogo.Svg, svg, "Logo")), "x"));
        Assert.Contains($"<img src=\"data:image/svg+xml;base64,{svg}\" alt=\"Logo\">", html);
    }

    [Fact]
    public void Letter_lines_are_header_letter_and_closing()
    {
        var letter = LetterDocument.From("Titel\n\nTekst.", new DateOnly(2027, 3, 1), Head(), "x");
        Assert.Equal(["Ådal <Kommune>", "Rådhuspladsen 1", "9999 Ådal", "Telefon 99 99 99 99", "Dato: 1.\u00a0marts\u00a02027", "Titel", "Tekst.",
            "Ring til os.", "Med venlig hilsen", "Socialforvaltningen"], letter.AllLines());
    }

    [Fact]
    public void Letterhead_problems_name_the_field()
    {
        var bad = Head() with { Key = "Ådal Kommune", Name = " ", ComplaintAddress = [] };
        var problems = bad.Problems();
        Assert.Equal(["complaintAddress", "key", "name"], problems.Keys.Order());
        Assert.Empty(Head().Problems());
    }

    [Theory]
    [InlineData(LetterLogo.Png, "not a png", "Filen er ikke en PNG-fil.")]
    [InlineData(LetterLogo.Svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "Filen er ikke et SVG-dokument.")]
    [InlineData(LetterLogo.Svg, "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>&x;</svg>", "Filen er ikke et SVG-dokument.")]
    [InlineData(LetterLogo.Svg, "<html/>", "Filen er ikke et SVG-dokument.")]
    [InlineData("image/gif", "GIF89a", "Logoet skal være PNG eller SVG.")]
    public void Logo_bytes_must_be_what_they_claim(string mediaType, string content, string problem) =>
        Assert.Equal(problem, new LetterLogo(mediaType, Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), "Logo").Problem());

    [Fact]
    public void A_real_png_signature_is_accepted()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        Assert.Null(new LetterLogo(LetterLogo.Png, Convert.ToBase64String(png), "Logo").Problem());
        Assert.Equal(LetterLogo.Png, LetterLogo.Sniff(png));
    }
}
