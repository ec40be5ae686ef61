using System.Globalization;
using System.Diagnostics;
using SkiaSharp;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Letters;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Runtime.Letters;
using Serviceloven.Store.Transfer;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Serviceloven.Server.Tests.Letters;

/// <summary>
/// Golden PDF letters: the text PdfPig reads out of the PDF is the text letter (the same begrundelse the text golden
/// files hold) plus the letterhead's lines, word for word; the pages are A4, every font is embedded, the file is
/// tagged; and pdftoppm (Debian's poppler-utils) renders every page to a PNG under bin/.../letters/ to look at.
/// </summary>
public class PdfLetterGoldenTests(ITestOutputHelper output)
{
    private static readonly Lazy<RulesContent> Content = new(() => RulesFolder.Read(RulesServerFactory.RulesFolder));
    public static string PicturesFolder => Path.Combine(AppContext.BaseDirectory, "letters");

    public static TheoryData<string, string, bool> Letters => new()
    {
        { "sel-97", "bevilget", true },
        { "sel-95", "afslag", false },
    };

    /// <summary>The begrundelse of the first test case of the ruleset whose outcome starts with <paramref name="outcome"/>.</summary>
    internal static async Task<(string Text, DateOnly Date, string Title, string Case)> RenderFirst(string rulesetId, string outcome, Letterhead? letterhead)
    {
        var content = Content.Value;
        var ruleset = content.Rulesets.Single(r => r.Definition.Id == rulesetId);
        var (_, runs) = await RulesCheck.RunAsync(content with { Rulesets = [ruleset] });
        var run = runs.Single().Results.First(r => r.Result is { Status: EvaluationStatus.Determined, Outcome: { } o } && o.StartsWith(outcome, StringComparison.Ordinal));
        var templates = BegrundelseTemplates.Compile(ruleset, run.Version!.ValidFrom, content);
        var text = templates.Render(run.Version, ruleset.Definition, run.Result!, run.Case.Notes, letterhead: letterhead);
        return (text, run.Case.DecisionDate, ruleset.Definition.Title, $"{run.File}.{run.Case.Id}");
    }

    [Theory]
    [MemberData(nameof(Letters))]
    public async Task Pdf_text_is_the_text_letter_plus_the_letterhead_lines(string rulesetId, string outcome, bool svgLogo)
    {
        var letterhead = TestLetterheads.Aadal(svgLogo);
        var (text, date, title, testCase) = await RenderFirst(rulesetId, outcome, letterhead);
        var letter = LetterDocument.From(text, date, letterhead, title);
        var pdf = PdfLetter.Write(letter);
        // The shared klagevejledning names the letterhead's klage address (without a letterhead: "kommunen").
        Assert.Contains("Du sender klagen til Ådal Kommune, Socialforvaltningen, Rådhuspladsen 1, 9999 Ådal.", text);

        var expected = Words(letter.HeaderLines.Concat(text.Split('\n')).Concat(letter.ClosingLines));
        using var document = PdfDocument.Open(pdf);
        var actual = new List<string>();
        var pages = document.GetPages().ToList();
        Assert.True(pages.Count >= 2, $"{testCase}: et helt brev fylder mere end én side.");
        foreach (var page in pages)
        {
            Assert.InRange(page.Width, 595, 596); // A4
            Assert.InRange(page.Height, 841, 842);
            var words = page.GetWords().ToList();
            // The page number sits in the bottom margin: "Side 2 af 3".
            var footer = words.Where(w => w.BoundingBox.Bottom < 60).Select(w => w.Text).ToList();
            Assert.Equal(["Side", page.Number.ToString(CultureInfo.InvariantCulture), "af", pages.Count.ToString(CultureInfo.InvariantCulture)], footer);
            var body = words.Where(w => w.BoundingBox.Bottom >= 60).ToList();
            actual.AddRange(body.SelectMany(w => Words([w.Text == "•" ? "-" : w.Text])));
            // Danish typography: no line ends with "§", "stk." or a day ("1."), none begins with "kr." or "timer".
            foreach (var line in body.GroupBy(w => Math.Round(w.BoundingBox.Bottom)).Select(g => g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text).ToList()))
            {
                var joined = string.Join(' ', line);
                Assert.False(line[^1] is "§" or "stk." or "nr." || line[^1].EndsWith('§'), $"{testCase}: linjen ender med '{line[^1]}': {joined}");
                Assert.False(line[0] is "kr." or "timer", $"{testCase}: linjen begynder med '{line[0]}': {joined}");
            }
        }
        Assert.True(expected.SequenceEqual(actual), Difference(expected, actual));

        var file = Path.Combine(PicturesFolder, $"{rulesetId}-{testCase}.pdf");
        Directory.CreateDirectory(PicturesFolder);
        await File.WriteAllBytesAsync(file, pdf);
        var fonts = Run("pdffonts", file);
        Assert.Contains("DejaVu Sans", fonts);
        var header = fonts.Split('\n')[0];
        foreach (var line in fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0))
            Assert.Equal("yes", line.Substring(header.IndexOf("emb", StringComparison.Ordinal), 3)); // every font embedded
        var info = Run("pdfinfo", file);
        Assert.Contains("Tagged:          yes", info);
        Assert.Contains("A4", info);

        Run("pdftoppm", "-r", "70", "-png", file, Path.Combine(PicturesFolder, $"{rulesetId}-{testCase}"));
        for (var i = 1; i <= pages.Count; i++)
        {
            var png = Directory.GetFiles(PicturesFolder, $"{rulesetId}-{testCase}-{i}.png").Concat(Directory.GetFiles(PicturesFolder, $"{rulesetId}-{testCase}-0{i}.png")).First();
            using var bitmap = SKBitmap.Decode(png);
            Assert.True(DarkShare(bitmap, 0, 0, bitmap.Width, bitmap.Height) > 0.005, $"{png} ser tom ud.");
            if (i == 1)
            {
                // The logo is drawn top right, in the municipality's dark blue.
                Assert.True(DarkShare(bitmap, bitmap.Width * 2 / 3, 0, bitmap.Width, bitmap.Height / 8) > 0.05, $"{png}: intet logo øverst til højre.");
            }
            output.WriteLine(png);
        }
    }

    private static List<string> Words(IEnumerable<string> lines) =>
        lines.SelectMany(l => l.Split([' ', '\u00a0', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static string Difference(List<string> expected, List<string> actual)
    {
        var i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i]) i++;
        return $"Første forskel ved ord {i}:\n  ventet: {string.Join(' ', expected.Skip(Math.Max(0, i - 5)).Take(15))}\n  fundet: {string.Join(' ', actual.Skip(Math.Max(0, i - 5)).Take(15))}";
    }

    private static double DarkShare(SKBitmap bitmap, int x0, int y0, int x1, int y1)
    {
        var dark = 0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 3 * 160) dark++;
            }
        return (double)dark / ((x1 - x0) * (y1 - y0));
    }

    internal static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} kunne ikke startes.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException($"{program} svarede ikke."); }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {stderr.Result}");
        return stdout.Result;
    }
}
