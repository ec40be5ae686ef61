using System.Globalization;
using System.Text.Json;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Evaluation;

/// <summary>A fact the caller sent that does not fit the schema (wrong type, unknown enum value, unknown name).</summary>
public sealed record FactError(string Fact, string Message);

/// <summary>Facts converted to their schema types (decimal, DateOnly, bool, string), plus what was missing or wrong.</summary>
public sealed class BoundFacts
{
    public Dictionary<string, object> Values { get; } = new(StringComparer.Ordinal);
    public List<string> Missing { get; } = [];
    public List<FactError> Errors { get; } = [];
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Converts request facts to schema types before anything reaches RulesEngine, so one version always sees one
/// input type. Request data is only ever a value here; it never becomes expression text.
/// </summary>
public static class FactBinder
{
    public static BoundFacts Bind(IReadOnlyDictionary<string, FactDefinition> schema, IReadOnlyDictionary<string, JsonElement>? facts)
    {
        var bound = new BoundFacts();
        if (facts is not null)
        {
            foreach (var (name, element) in facts)
            {
                if (!schema.TryGetValue(name, out var def))
                {
                    bound.Errors.Add(new FactError(Echo.Of(name), $"'{Echo.Of(name)}' er ikke et faktum i denne version af regelsættet."));
                    continue;
                }
                if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
                if (TryConvert(def, element, out var value, out var error)) bound.Values[name] = value!;
                else bound.Errors.Add(new FactError(name, error!));
            }
        }
        AddMissing(schema, bound);
        return bound;
    }

    /// <summary>Binds CLR values (int, long, double and string dates are accepted and converted).</summary>
    public static BoundFacts Bind(IReadOnlyDictionary<string, FactDefinition> schema, IReadOnlyDictionary<string, object?> facts)
    {
        var bound = new BoundFacts();
        foreach (var (name, raw) in facts)
        {
            if (!schema.TryGetValue(name, out var def))
            {
                bound.Errors.Add(new FactError(name, $"'{name}' er ikke et faktum i denne version af regelsættet."));
                continue;
            }
            if (raw is null) continue;
            object? value = (def.Type, raw) switch
            {
                (ValueKind.Bool, bool b) => b,
                (ValueKind.Int or ValueKind.Decimal, decimal d) => d,
                (ValueKind.Int or ValueKind.Decimal, int i) => (decimal)i,
                (ValueKind.Int or ValueKind.Decimal, long l) => (decimal)l,
                (ValueKind.Int or ValueKind.Decimal, double x) when double.IsFinite(x) && Math.Abs(x) < 7.9e28 => (decimal)x,
                (ValueKind.Date, DateOnly d) => d,
                (ValueKind.Date, DateTime dt) => DateOnly.FromDateTime(dt),
                (ValueKind.Date, string s) when TryDate(s, out var d) => d,
                (ValueKind.Enum or ValueKind.Text, string s) => s,
                _ => null,
            };
            string? error = value is null ? TypeError(def) : Check(def, value);
            if (error is null) bound.Values[name] = value!;
            else bound.Errors.Add(new FactError(name, error));
        }
        AddMissing(schema, bound);
        return bound;
    }

    private static void AddMissing(IReadOnlyDictionary<string, FactDefinition> schema, BoundFacts bound)
    {
        foreach (var def in schema.Values)
            if (def.Required && !bound.Values.ContainsKey(def.Name) && !HasError(bound, def.Name))
                bound.Missing.Add(def.Name);
    }

    // A loop, not Errors.All(lambda): the lambda's closure was allocated for every fact of every request.
    private static bool HasError(BoundFacts bound, string name)
    {
        foreach (var e in bound.Errors)
            if (e.Fact == name) return true;
        return false;
    }

    private static bool TryConvert(FactDefinition def, JsonElement e, out object? value, out string? error)
    {
        value = null;
        var text = e.ValueKind == JsonValueKind.String ? StringOf(e) : null;
        if (e.ValueKind == JsonValueKind.String && text is null)
        {
            error = $"'{def.Name}' indeholder ugyldig tekst: et enligt UTF-16-surrogattegn (fx \\ud800).";
            return false;
        }
        switch (def.Type)
        {
            case ValueKind.Bool when e.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = e.GetBoolean();
                break;
            case ValueKind.Int or ValueKind.Decimal when e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d):
                value = d;
                break;
            case ValueKind.Date when text is not null && TryDate(text, out var date):
                value = date;
                break;
            case ValueKind.Enum or ValueKind.Text when text is not null:
                value = text;
                break;
        }
        error = value is null ? TypeError(def) : Check(def, value);
        return error is null;
    }

    /// <summary>The text of a JSON string, or null when it is not valid text: GetString throws on a lone surrogate ("\ud800").</summary>
    private static string? StringOf(JsonElement e)
    {
        try { return e.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    private static string? Check(FactDefinition def, object value) => def.Type switch
    {
        ValueKind.Int when value is decimal d && d != decimal.Truncate(d) => $"'{def.Name}' skal være et heltal, men var {d.ToString(CultureInfo.InvariantCulture)}.",
        ValueKind.Enum when value is string s && def.Values is { } vs && vs.All(v => v.Value != s) =>
            $"'{Echo.Of(s)}' er ikke en tilladt værdi for '{def.Name}'. Tilladte værdier: {string.Join(", ", vs.Select(v => v.Value))}.",
        _ => null,
    };

    private static string TypeError(FactDefinition def) => def.Type switch
    {
        ValueKind.Bool => $"'{def.Name}' skal være true eller false.",
        ValueKind.Int => $"'{def.Name}' skal være et heltal.",
        ValueKind.Decimal => $"'{def.Name}' skal være et tal.",
        ValueKind.Date => $"'{def.Name}' skal være en dato på formen \"ÅÅÅÅ-MM-DD\".",
        ValueKind.Enum => $"'{def.Name}' skal være en af: {string.Join(", ", def.Values?.Select(v => v.Value) ?? [])}.",
        _ => $"'{def.Name}' skal være tekst.",
    };

    private static bool TryDate(string s, out DateOnly d) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);
}
