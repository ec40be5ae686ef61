using SkiaSharp;
using Serviceloven.Engine.Letters;

namespace Serviceloven.Server.Tests.Letters;

/// <summary>Letterheads of made-up municipalities for the letter tests, with an SVG and a PNG logo drawn here.</summary>
internal static class TestLetterheads
{
    public const string SvgLogo = """
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">
          <rect width="200" height="80" rx="8" fill="#0b3d6e"/>
          <circle cx="40" cy="40" r="26" fill="#f2c200"/>
          <rect x="80" y="22" width="100" height="10" fill="#ffffff"/>
          <rect x="80" y="44" width="70" height="10" fill="#ffffff"/>
        </svg>
        """;

    public static Letterhead Aadal(bool svg = true) => new()
    {
        Key = "aadal",
        Name = "Ådal Kommune",
        Address = ["Rådhuspladsen 1", "9999 Ådal"],
        Contact = ["Telefon 99 99 99 99", "social@aadal.example", "www.aadal.example"],
        SigningUnit = "Socialforvaltningen, Handicap og Psykiatri",
        ComplaintAddress = ["Ådal Kommune", "Socialforvaltningen", "Rådhuspladsen 1", "9999 Ådal"],
        ReplyDeadline = "Har du spørgsmål til afgørelsen, er du velkommen til at ringe til os på 99 99 99 99 alle hverdage kl. 9-12.",
        Logo = svg
            ? new LetterLogo(LetterLogo.Svg, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(SvgLogo)), "Ådal Kommunes logo")
            : new LetterLogo(LetterLogo.Png, Convert.ToBase64String(Png()), "Ådal Kommunes logo"),
        IsDefault = true,
    };

    public static Letterhead Fjordby() => new()
    {
        Key = "fjordby",
        Name = "Fjordby Kommune",
        Address = ["Havnegade 7", "8888 Fjordby"],
        Contact = ["Telefon 88 88 88 88"],
        SigningUnit = "Borgerservice, Voksenhandicap",
        ComplaintAddress = ["Fjordby Kommune", "Havnegade 7", "8888 Fjordby"],
    };

    /// <summary>A small PNG with a transparent corner, so the flattening onto white is exercised.</summary>
    public static byte[] Png()
    {
        using var bitmap = new SKBitmap(240, 96, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { Color = new SKColor(0x0b, 0x3d, 0x6e), IsAntialias = true };
            canvas.DrawRoundRect(new SKRect(0, 0, 240, 96), 10, 10, paint);
            paint.Color = new SKColor(0xf2, 0xc2, 0x00);
            canvas.DrawCircle(48, 48, 30, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
