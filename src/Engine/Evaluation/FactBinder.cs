using System.Globalization;
using System.Text.Json;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Evaluation;

/// <summary>
/// A fact the caller sent that does not fit the schema (wrong type, unknown enum value, unknown name). Fact is the
/// path below <c>facts</c>: <c>birthDate</c>, or for a field of a list item <c>opsparing[2].timer</c> (0-based).
/// </summary>
public sealed record FactError(string Fact, string Message);

/// <summary>
/// Facts converted to their schema types (decimal, DateOnly, bool, string; a list as <see cref="ListValue"/>, a record
/// as <see cref="RecordValue"/>), plus what was missing or wrong.
/// </summary>
public sealed class BoundFacts
{
    public Dictionary<string, object> Values { get; } = new(StringComparer.Ordinal);
    public List<string> Missing { get; } = [];
    public List<FactError> Errors { get; } = [];
    public bool IsValid => Errors.Count == 0;

    /// <summary>Lists given under old names that could not be built: their problems are reported under those names.</summary>
    internal HashSet<string>? Explained { get; set; }
}

/// <summary>
/// Converts request facts to schema types before anything reaches RulesEngine, so one version always sees one
/// input type. Request data is only ever a value here; it never becomes expression text.
/// </summary>
public static class FactBinder
{
    /// <summary>Binds JSON facts; old names in <paramref name="legacy"/> are mapped onto the items of their list.</summary>
    public static BoundFacts Bind(IReadOnlyDictionary<string, FactDefinition> schema, IReadOnlyDictionary<string, JsonElement>? facts,
        IReadOnlyList<LegacyFact>? legacy = null)
    {
        var bound = new BoundFacts();
        if (facts is not null)
        {
            List<(LegacyFact Map, JsonElement Value)>? old = null;
            foreach (var (name, element) in facts)
            {
                if (!schema.TryGetValue(name, out var def))
                {
                    if (Legacy(legacy, name) is { } map) (old ??= []).Add((map, element));
                    else bound.Errors.Add(new FactError(Echo.Of(name), $"'{Echo.Of(name)}' er ikke et faktum i denne version af regelsættet."));
                    continue;
                }
                if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
                if (def.Type.IsStructured()) BindStructured(def, element, bound);
                else if (TryConvert(def, name, element, out var value, out var error)) bound.Values[name] = value!;
                else bound.Errors.Add(new FactError(name, error!));
            }
            if (old is not null) BindLegacy(schema, legacy!, old, bound);
        }
        AddMissing(schema, bound);
        return bound;
    }

    /// <summary>Binds CLR values (int, long, double and string dates are accepted and converted; lists as sequences of dictionaries).</summary>
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
            if (def.Type.IsStructured())
            {
                BindStructured(def, raw, bound);
                continue;
            }
            var value = Clr(def, raw);
            var error = value is null ? TypeError(def, name) : Check(def, name, value);
            if (error is null) bound.Values[name] = value!;
            else bound.Errors.Add(new FactError(name, error));
        }
        AddMissing(schema, bound);
        return bound;
    }

    private static object? Clr(FactDefinition def, object raw) => (def.Type, raw) switch
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

    // ---------- lists and records ----------

    /// <summary>A list (JSON array of objects) or a record (one object); every problem is named by its path.</summary>
    private static void BindStructured(FactDefinition def, JsonElement element, BoundFacts bound)
    {
        var fields = def.Fields ?? [];
        if (def.Type == ValueKind.Record)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                bound.Errors.Add(new FactError(def.Name, $"'{def.Name}' skal være et objekt med felterne {FieldNames(fields)}."));
                return;
            }
            if (Record(def.Name, fields, element, bound) is { } record) bound.Values[def.Name] = record;
            return;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            bound.Errors.Add(new FactError(def.Name, $"'{def.Name}' skal være en liste (et JSON-array) af objekter med felterne {FieldNames(fields)}."));
            return;
        }
        var items = new List<RecordValue>(element.GetArrayLength());
        var ok = true;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"{def.Name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                bound.Errors.Add(new FactError(path, $"'{path}' skal være et objekt med felterne {FieldNames(fields)}."));
                ok = false;
                continue;
            }
            if (Record(path, fields, item, bound) is { } record) items.Add(record);
            else ok = false;
        }
        if (ok) bound.Values[def.Name] = new ListValue(items);
    }

    /// <summary>One object's fields; null when one of them is wrong (the errors are recorded, missing ones too).</summary>
    private static RecordValue? Record(string path, IReadOnlyList<FactDefinition> fields, JsonElement obj, BoundFacts bound)
    {
        var values = new object?[fields.Count];
        var ok = true;
        foreach (var property in obj.EnumerateObject())
        {
            var i = IndexOf(fields, property.Name);
            var fieldPath = $"{path}.{(i < 0 ? Echo.Of(property.Name) : property.Name)}";
            if (i < 0)
            {
                bound.Errors.Add(new FactError(fieldPath, $"'{Echo.Of(property.Name)}' er ikke et felt i '{path}'. Felterne er {FieldNames(fields)}."));
                ok = false;
                continue;
            }
            if (property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
            if (TryConvert(fields[i], fieldPath, property.Value, out var value, out var error)) values[i] = value;
            else
            {
                bound.Errors.Add(new FactError(fieldPath, error!));
                ok = false;
            }
        }
        return Complete(path, fields, values, bound) && ok ? new RecordValue(Names(fields), values) : null;
    }

    /// <summary>CLR form of a list (a sequence of dictionaries) or a record (a dictionary), as the DMN check hands them over.</summary>
    private static void BindStructured(FactDefinition def, object raw, BoundFacts bound)
    {
        var fields = def.Fields ?? [];
        if (def.Type == ValueKind.Record)
        {
            if (raw is IReadOnlyDictionary<string, object?> one && Record(def.Name, fields, one, bound) is { } record) bound.Values[def.Name] = record;
            else if (raw is not IReadOnlyDictionary<string, object?>) bound.Errors.Add(new FactError(def.Name, $"'{def.Name}' skal være en post med felterne {FieldNames(fields)}."));
            return;
        }
        if (raw is not IEnumerable<IReadOnlyDictionary<string, object?>> list)
        {
            bound.Errors.Add(new FactError(def.Name, $"'{def.Name}' skal være en liste af poster med felterne {FieldNames(fields)}."));
            return;
        }
        var items = new List<RecordValue>();
        var ok = true;
        var index = 0;
        foreach (var item in list)
        {
            if (Record($"{def.Name}[{index++}]", fields, item, bound) is { } record) items.Add(record);
            else ok = false;
        }
        if (ok) bound.Values[def.Name] = new ListValue(items);
    }

    private static RecordValue? Record(string path, IReadOnlyList<FactDefinition> fields, IReadOnlyDictionary<string, object?> item, BoundFacts bound)
    {
        var values = new object?[fields.Count];
        var ok = true;
        foreach (var (name, raw) in item)
        {
            var i = IndexOf(fields, name);
            var fieldPath = $"{path}.{name}";
            if (i < 0)
            {
                bound.Errors.Add(new FactError(fieldPath, $"'{name}' er ikke et felt i '{path}'. Felterne er {FieldNames(fields)}."));
                ok = false;
                continue;
            }
            if (raw is null) continue;
            var value = Clr(fields[i], raw);
            var error = value is null ? TypeError(fields[i], fieldPath) : Check(fields[i], fieldPath, value);
            if (error is null) values[i] = value;
            else
            {
                bound.Errors.Add(new FactError(fieldPath, error));
                ok = false;
            }
        }
        return Complete(path, fields, values, bound) && ok ? new RecordValue(Names(fields), values) : null;
    }

    /// <summary>A required field not given is missing by its path (opsparing[2].timer), as a required fact is by its name.</summary>
    private static bool Complete(string path, IReadOnlyList<FactDefinition> fields, object?[] values, BoundFacts bound)
    {
        var complete = true;
        for (var i = 0; i < fields.Count; i++)
        {
            if (values[i] is not null || !fields[i].Required) continue;
            var fieldPath = $"{path}.{fields[i].Name}";
            if (!HasError(bound, fieldPath)) bound.Missing.Add(fieldPath);
            complete = false;
        }
        return complete;
    }

    /// <summary>
    /// Old names become items of their list, one item per item number, in that order. A list given under its own name
    /// as well is refused: the two would have to be merged by guessing.
    /// </summary>
    private static void BindLegacy(IReadOnlyDictionary<string, FactDefinition> schema, IReadOnlyList<LegacyFact> legacy,
        List<(LegacyFact Map, JsonElement Value)> old, BoundFacts bound)
    {
        foreach (var group in old.GroupBy(o => o.Map.List, StringComparer.Ordinal))
        {
            var list = schema[group.Key];
            var fields = list.Fields ?? [];
            if (bound.Values.ContainsKey(list.Name) || HasError(bound, list.Name))
            {
                foreach (var (map, _) in group)
                    bound.Errors.Add(new FactError(map.Name, $"'{map.Name}' er et forældet navn for et felt i '{list.Name}' og kan ikke sendes sammen med '{list.Name}'."));
                continue;
            }
            var items = new List<RecordValue>();
            var ok = true;
            foreach (var item in group.GroupBy(o => o.Map.Item).OrderBy(g => g.Key))
            {
                var values = new object?[fields.Count];
                var given = false;
                foreach (var (map, element) in item)
                {
                    if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
                    var i = IndexOf(fields, map.Field);
                    if (TryConvert(fields[i], map.Name, element, out var value, out var error))
                    {
                        values[i] = value;
                        given = true;
                    }
                    else
                    {
                        bound.Errors.Add(new FactError(map.Name, error!));
                        ok = false;
                    }
                }
                if (!given) continue;
                // Fixed values the old names stand for (checked against the field's type at the gate).
                foreach (var (map, _) in item)
                    foreach (var (field, text) in map.Set ?? EmptySet)
                    {
                        var i = IndexOf(fields, field);
                        values[i] ??= text;
                    }
                // A field left out is missing under the old name the caller would have sent it as.
                for (var i = 0; i < fields.Count; i++)
                {
                    if (values[i] is not null || !fields[i].Required) continue;
                    var oldName = legacy.FirstOrDefault(l => l.List == list.Name && l.Item == item.Key && l.Field == fields[i].Name)?.Name
                        ?? $"{list.Name}[{items.Count}].{fields[i].Name}";
                    bound.Missing.Add(oldName);
                    ok = false;
                }
                items.Add(new RecordValue(Names(fields), values));
            }
            if (ok) bound.Values[list.Name] = new ListValue(items);
            else (bound.Explained ??= []).Add(list.Name);
        }
    }

    private static readonly Dictionary<string, string> EmptySet = new(StringComparer.Ordinal);

    private static LegacyFact? Legacy(IReadOnlyList<LegacyFact>? legacy, string name)
    {
        if (legacy is null) return null;
        foreach (var l in legacy)
            if (l.Name == name) return l;
        return null;
    }

    private static int IndexOf(IReadOnlyList<FactDefinition> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
            if (fields[i].Name == name) return i;
        return -1;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<FactDefinition>, string[]> FieldNameCache = new();

    /// <summary>The field names of a schema, one array per schema shared by all its records.</summary>
    private static string[] Names(IReadOnlyList<FactDefinition> fields) =>
        FieldNameCache.GetValue(fields, f => f.Select(x => x.Name).ToArray());

    private static string FieldNames(IReadOnlyList<FactDefinition> fields) => string.Join(", ", fields.Select(f => f.Name));

    // ---------- single values ----------

    private static void AddMissing(IReadOnlyDictionary<string, FactDefinition> schema, BoundFacts bound)
    {
        foreach (var def in schema.Values)
            if (def.Required && !bound.Values.ContainsKey(def.Name) && !HasError(bound, def.Name) && !HasItemProblem(bound, def.Name)
                && bound.Explained?.Contains(def.Name) != true)
                bound.Missing.Add(def.Name);
    }

    /// <summary>A list or record with an error or a missing field inside is not also missing as a whole.</summary>
    private static bool HasItemProblem(BoundFacts bound, string name)
    {
        foreach (var e in bound.Errors)
            if (e.Fact.Length > name.Length && e.Fact.StartsWith(name, StringComparison.Ordinal) && e.Fact[name.Length] is '[' or '.') return true;
        foreach (var m in bound.Missing)
            if (m.Length > name.Length && m.StartsWith(name, StringComparison.Ordinal) && m[name.Length] is '[' or '.') return true;
        return false;
    }

    // A loop, not Errors.All(lambda): the lambda's closure was allocated for every fact of every request.
    private static bool HasError(BoundFacts bound, string name)
    {
        foreach (var e in bound.Errors)
            if (e.Fact == name) return true;
        return false;
    }

    private static bool TryConvert(FactDefinition def, string path, JsonElement e, out object? value, out string? error)
    {
        value = null;
        var text = e.ValueKind == JsonValueKind.String ? StringOf(e) : null;
        if (e.ValueKind == JsonValueKind.String && text is null)
        {
            error = $"'{path}' indeholder ugyldig tekst: et enligt UTF-16-surrogattegn (fx \\ud800).";
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
        error = value is null ? TypeError(def, path) : Check(def, path, value);
        return error is null;
    }

    /// <summary>The text of a JSON string, or null when it is not valid text: GetString throws on a lone surrogate ("\ud800").</summary>
    private static string? StringOf(JsonElement e)
    {
        try { return e.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    private static string? Check(FactDefinition def, string path, object value) => def.Type switch
    {
        ValueKind.Int when value is decimal d && d != decimal.Truncate(d) => $"'{path}' skal være et heltal, men var {d.ToString(CultureInfo.InvariantCulture)}.",
        ValueKind.Enum when value is string s && def.Values is { } vs && vs.All(v => v.Value != s) =>
            $"'{Echo.Of(s)}' er ikke en tilladt værdi for '{path}'. Tilladte værdier: {string.Join(", ", vs.Select(v => v.Value))}.",
        _ => null,
    };

    private static string TypeError(FactDefinition def, string path) => def.Type switch
    {
        ValueKind.Bool => $"'{path}' skal være true eller false.",
        ValueKind.Int => $"'{path}' skal være et heltal.",
        ValueKind.Decimal => $"'{path}' skal være et tal.",
        ValueKind.Date => $"'{path}' skal være en dato på formen \"ÅÅÅÅ-MM-DD\".",
        ValueKind.Enum => $"'{path}' skal være en af: {string.Join(", ", def.Values?.Select(v => v.Value) ?? [])}.",
        ValueKind.List or ValueKind.Record => $"'{path}' kan ikke indeholde en liste eller en post.",
        _ => $"'{path}' skal være tekst.",
    };

    private static bool TryDate(string s, out DateOnly d) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);
}
