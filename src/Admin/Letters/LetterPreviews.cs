using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Serviceloven.Admin.Letters;

/// <summary>
/// PDF letters made in the admin (playground, template preview), kept in memory for a few minutes so the page can show
/// them in a frame from /admin/breve/{id}. Only the user who made one can fetch it; nothing is stored on disk.
/// </summary>
public sealed class LetterPreviews(TimeProvider time)
{
    public const string Path = "/admin/breve";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int MaxKept = 200;
    private readonly ConcurrentDictionary<string, (string Owner, byte[] Pdf, DateTimeOffset Expires)> _letters = new();

    /// <summary>Keeps a PDF; returns the address the page frames (relative to the admin's base).</summary>
    public string Add(string owner, byte[] pdf)
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _letters)
            if (entry.Expires < now || _letters.Count > MaxKept) _letters.TryRemove(id, out _);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _letters[key] = (owner, pdf, now + Lifetime);
        return $"admin/breve/{key}";
    }

    public byte[]? Get(string owner, string id) =>
        _letters.TryGetValue(id, out var entry) && entry.Owner == owner && entry.Expires >= time.GetUtcNow() ? entry.Pdf : null;
}
