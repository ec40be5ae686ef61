using System.Globalization;
using System.Text.Json;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Common;

/// <summary>
/// What a facts form holds: text per single fact (empty = not given; a record's fields as "laan.beloeb"), and for each
/// list fact its items in order, each item text per field.
/// </summary>
public sealed class FactEntries
{
    public Dictionary<string, string> Values { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<Dictionary<string, string>>> Lists { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The items of a list fact, created empty on first use.</summary>
    public List<Dictionary<string, string>> Items(string list) =>
        Lists.TryGetValue(list, out var items) ? items : Lists[list] = [];
}

/// <summary>
/// Fact values as the form holds them and as the API takes them (JSON values). Numbers may be typed the Danish way
/// ("12,5"), dates as dd-mm-åååå (the JSON holds ISO dates). A problem is named by the same path the API uses: "birthDate", "opsparing[2].timer", "laan.beloeb".
/// </summary>
public static class FactValues
{
    public static FactEntries FromJson(IReadOnlyDictionary<string, JsonElement>? facts)
    {
        var entries = new FactEntries();
        foreach (var (name, value) in facts ?? new Dictionary<string, JsonElement>())
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Array:
                    entries.Lists[name] = value.EnumerateArray()
                        .Select(item => item.ValueKind == JsonValueKind.Object
                            ? item.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value), StringComparer.Ordinal)
                            : new Dictionary<string, string>(StringComparer.Ordinal))
                        .ToList();
                    break;
                case JsonValueKind.Object:
                    foreach (var field in value.EnumerateObject()) entries.Values[$"{name}.{field.Name}"] = Text(field.Value);
                    break;
                default:
                    entries.Values[name] = Text(value);
                    break;
            }
        }
        return entries;
    }

    // Dates are typed and shown as dd-mm-åååå; the JSON holds them as ISO dates.
    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Danish.Short(date) : e.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => e.GetRawText(),
    };

    /// <summary>The typed JSON values of the filled-in facts; a value that cannot be read is reported by its path.</summary>
    public static (Dictionary<string, JsonElement> Facts, Dictionary<string, string> Errors) ToJson(IEnumerable<FactDefinition> schema, FactEntries entries)
    {
        var facts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in schema)
        {
            switch (f.Type)
            {
                case ValueKind.List:
                {
                    // A list left untouched is not given; an empty list the user kept is given as [].
                    if (!entries.Lists.TryGetValue(f.Name, out var items)) continue;
                    var array = new List<Dictionary<string, JsonElement>>();
                    for (var i = 0; i < items.Count; i++)
                        array.Add(Record(f.Fields ?? [], items[i], $"{f.Name}[{i}]", errors));
                    facts[f.Name] = JsonSerializer.SerializeToElement(array);
                    break;
                }
                case ValueKind.Record:
                {
                    var fields = (f.Fields ?? []).ToDictionary(x => x.Name,
                        x => entries.Values.GetValueOrDefault($"{f.Name}.{x.Name}", ""), StringComparer.Ordinal);
                    if (fields.Values.All(string.IsNullOrWhiteSpace)) continue;
                    facts[f.Name] = JsonSerializer.SerializeToElement(Record(f.Fields ?? [], fields, f.Name, errors));
                    break;
                }
                default:
                    if (entries.Values.TryGetValue(f.Name, out var text) && Value(f, text, f.Name, errors) is { } value) facts[f.Name] = value;
                    break;
            }
        }
        return (facts, errors);
    }

    private static Dictionary<string, JsonElement> Record(IReadOnlyList<FactDefinition> fields, Dictionary<string, string> texts, string path,
        Dictionary<string, string> errors)
    {
        var record = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in fields)
            if (texts.TryGetValue(field.Name, out var text) && Value(field, text, $"{path}.{field.Name}", errors) is { } value)
                record[field.Name] = value;
        return record;
    }

    /// <summary>One single value; null when empty (not given) or not readable (then the error is recorded under its path).</summary>
    private static JsonElement? Value(FactDefinition f, string text, string path, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        switch (f.Type)
        {
            case ValueKind.Bool:
                if (text is "true" or "false") return JsonSerializer.SerializeToElement(text == "true");
                errors[path] = "Vælg ja eller nej.";
                return null;
            case ValueKind.Int or ValueKind.Decimal:
                if (Danish.TryParseAmount(text, out var number)) return JsonSerializer.SerializeToElement(number);
                errors[path] = "Skriv et tal.";
                return null;
            case ValueKind.Date:
                if (Danish.TryParseDate(text, out var date))
                    return JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                errors[path] = "Skriv datoen som dd-mm-åååå.";
                return null;
            default:
                return JsonSerializer.SerializeToElement(text);
        }
    }
}
