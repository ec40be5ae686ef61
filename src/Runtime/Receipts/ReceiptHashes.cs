using System.Text;
using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Runtime.Receipts;

/// <summary>
/// The hashes of an evaluation's receipt: what it was decided on (the version and every sats and lookup revision it
/// could use) and on which input, so a decision can be traced without storing the facts.
/// </summary>
public static class ReceiptHashes
{
    public static readonly string Engine =
        $"serviceloven-engine/{typeof(Evaluator).Assembly.GetName().Version?.ToString(3)}; RulesEngine/{typeof(RulesEngine.RulesEngine).Assembly.GetName().Version?.ToString(3)}";

    /// <summary>The version's hash with the revision hash of each sats and lookup it uses ("-" for one not published).</summary>
    public static string VersionSet(string versionHash, CompiledVersion cv, IReadOnlyDictionary<string, string> satsHashes,
        IReadOnlyDictionary<string, string> lookupHashes)
    {
        var sb = new StringBuilder(versionHash);
        foreach (var key in cv.UsedSats.Order(StringComparer.Ordinal))
            sb.Append('|').Append(key).Append('=').Append(satsHashes.GetValueOrDefault(key, "-"));
        foreach (var key in cv.UsedLookups.Order(StringComparer.Ordinal))
            sb.Append('|').Append(key).Append('=').Append(lookupHashes.GetValueOrDefault(key, "-"));
        return ContentHash.OfText(sb.ToString());
    }

    /// <summary>A hash of the canonical input; the facts themselves are never stored or logged.</summary>
    public static string Input(string ruleset, DateOnly decisionDate, BoundFacts facts)
    {
        var canonical = new SortedDictionary<string, object>(facts.Values, StringComparer.Ordinal);
        return ContentHash.OfText(JsonSerializer.Serialize(new { ruleset, decisionDate, facts = canonical }, RulesJson.Canonical));
    }
}
