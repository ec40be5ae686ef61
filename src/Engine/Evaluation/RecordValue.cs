using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serviceloven.Engine.Evaluation;

/// <summary>
/// One record: the value of each field in its declared order (null for an optional field not given). A record fact's
/// value, one item of a list fact, or a context's entries. Read like a dictionary, written to JSON as an object.
/// </summary>
[JsonConverter(typeof(RecordValueConverter))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "A record is the domain's name for a fact's value; it is read like a dictionary, not used as one.")]
public sealed class RecordValue(IReadOnlyList<string> names, object?[] values) : IReadOnlyDictionary<string, object?>
{
    public IReadOnlyList<string> Names { get; } = names;
    /// <summary>By field position; the evaluation sets its fields from here without looking names up.</summary>
    public object?[] Values { get; } = values;

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => Names;
    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;
    public int Count => Names.Count;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? Values[i] : null;
        return i >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == key) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Names.Count; i++) yield return new(Names[i], Values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class RecordValueConverter : JsonConverter<RecordValue>
    {
        public override RecordValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Poster læses af FactBinder, ikke af serialiseringen.");

        public override void Write(Utf8JsonWriter writer, RecordValue value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            for (var i = 0; i < value.Names.Count; i++)
            {
                if (value.Values[i] is not { } v) continue;
                writer.WritePropertyName(value.Names[i]);
                JsonSerializer.Serialize(writer, v, v.GetType(), options);
            }
            writer.WriteEndObject();
        }
    }
}

/// <summary>The value of a list fact: its items in the order given.</summary>
public sealed class ListValue(IReadOnlyList<RecordValue> items) : IReadOnlyList<RecordValue>
{
    public static readonly ListValue Empty = new([]);

    public IReadOnlyList<RecordValue> Items { get; } = items;
    public RecordValue this[int index] => Items[index];
    public int Count => Items.Count;
    public IEnumerator<RecordValue> GetEnumerator() => Items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
