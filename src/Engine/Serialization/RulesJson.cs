using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serviceloven.Engine.Serialization;

/// <summary>The one JSON form of rules/ files: camelCase, 2-space indent, readable Danish letters, no nulls.</summary>
public static class RulesJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // rules/ files are never embedded in HTML; keep æ, ø, å, '<' and '>' readable for reviewers.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Canonical form for hashing: same as the file form but without indentation.</summary>
    public static readonly JsonSerializerOptions Canonical = new(Options) { WriteIndented = false };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException("Filen er tom.");
}

/// <summary>Content hashes over the canonical JSON form, so equal content always has the same hash.</summary>
public static class ContentHash
{
    public static string Of<T>(T value) => OfText(JsonSerializer.Serialize(value, RulesJson.Canonical));

    public static string OfText(string text) => OfBytes(Encoding.UTF8.GetBytes(text));

    public static string OfBytes(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
