using System.Collections.Concurrent;
using SkiaSharp;
using Serviceloven.Engine.Letters;

namespace Serviceloven.Runtime.Letters;

/// <summary>
/// A logo as the PDF draws it: PNG bytes on a white ground (PDF/A allows no transparency), an SVG drawn at print
/// resolution first. Each logo is converted once per process, by its content.
/// </summary>
public static class LogoImage
{
    /// <summary>Pixels per point of the longer side's target size: about 300 dpi at the printed size.</summary>
    private const float Scale = 300f / 72f;
    private const int MaxSide = 1600;
    private static readonly ConcurrentDictionary<string, (byte[] Png, int Width, int Height)> Cache = new();

    /// <summary>The logo as opaque PNG and its pixel size, or null when it cannot be drawn.</summary>
    public static (byte[] Png, int Width, int Height)? ToPng(LetterLogo logo, double widthPoints, double heightPoints)
    {
        if (logo.Problem() is not null) return null;
        var key = logo.MediaType + ":" + Engine.Serialization.ContentHash.OfText(logo.Data) + $":{widthPoints}x{heightPoints}";
        if (Cache.TryGetValue(key, out var cached)) return cached;
        var converted = logo.MediaType == LetterLogo.Svg ? FromSvg(logo.Bytes(), widthPoints, heightPoints) : Flatten(logo.Bytes());
        if (converted is { } c && Cache.Count < 256) Cache[key] = c;
        return converted;
    }

    private static (byte[], int, int)? FromSvg(byte[] bytes, double widthPoints, double heightPoints)
    {
        using var svg = new Svg.Skia.SKSvg();
        using (var stream = new MemoryStream(bytes)) svg.Load(stream);
        if (svg.Picture is not { } picture) return null;
        var bounds = picture.CullRect;
        if (bounds.Width <= 0 || bounds.Height <= 0) return null;
        var fit = (float)Math.Min(widthPoints / bounds.Width, heightPoints / bounds.Height) * Scale;
        var width = Math.Clamp((int)Math.Ceiling(bounds.Width * fit), 1, MaxSide);
        var height = Math.Clamp((int)Math.Ceiling(bounds.Height * fit), 1, MaxSide);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(width / bounds.Width, height / bounds.Height);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        }
        return Encode(bitmap);
    }

    private static (byte[], int, int)? Flatten(byte[] png)
    {
        using var source = SKBitmap.Decode(png);
        if (source is null) return null;
        using var bitmap = new SKBitmap(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        }
        return Encode(bitmap);
    }

    private static (byte[], int, int) Encode(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return (data.ToArray(), bitmap.Width, bitmap.Height);
    }
}
