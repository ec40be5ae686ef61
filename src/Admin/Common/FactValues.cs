using System.Globalization;
using System.Text.Json;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Common;

/// <summary>
/// Fact values as the form holds them (text per fact, empty = not given) and as the API takes them (JSON values).
/// Numbers may be typed the Danish way ("12,5"), dates as dd-mm-åååå.
/// </summary>
public static class FactValues
{
    public static Dictionary<string, string> FromJson(IReadOnlyDictionary<string, JsonElement>? facts) =>
        (facts ?? new Dictionary<string, JsonElement>()).ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
        {
            // Dates are typed and shown as dd-mm-åååå; the JSON holds them as ISO dates.
            JsonValueKind.String => kv.Value.GetString() is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? Danish.Short(date) : kv.Value.GetString() ?? "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "",
            _ => kv.Value.GetRawText(),
        });

    /// <summary>The typed JSON values of the filled-in facts; a value that cannot be read is reported by fact name.</summary>
    public static (Dictionary<string, JsonElement> Facts, Dictionary<string, string> Errors) ToJson(IEnumerable<FactDefinition> schema, IReadOnlyDictionary<string, string> values)
    {
        var facts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in schema)
        {
            if (!values.TryGetValue(f.Name, out var text) || string.IsNullOrWhiteSpace(text)) continue;
            text = text.Trim();
            switch (f.Type)
            {
                case ValueKind.Bool:
                    if (text is "true" or "false") facts[f.Name] = JsonSerializer.SerializeToElement(text == "true");
                    else errors[f.Name] = "Vælg ja eller nej.";
                    break;
                case ValueKind.Int or ValueKind.Decimal:
                    if (Danish.TryParseAmount(text, out var number)) facts[f.Name] = JsonSerializer.SerializeToElement(number);
                    else errors[f.Name] = "Skriv et tal.";
                    break;
                case ValueKind.Date:
                    if (Danish.TryParseDate(text, out var date))
                        facts[f.Name] = JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    else errors[f.Name] = "Skriv datoen som dd-mm-åååå.";
                    break;
                default:
                    facts[f.Name] = JsonSerializer.SerializeToElement(text);
                    break;
            }
        }
        return (facts, errors);
    }
}
