using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Serviceloven.Engine.Formatting;

namespace Serviceloven.Server.Evaluations;

/// <summary>
/// A JsonException as a 400 in Danish: malformed JSON by line and position, a value of the wrong type by its JSON path
/// and the kind of value expected there, read from the request type. The serializer's own text (which names .NET types)
/// is never shown.
/// </summary>
public static class JsonErrors
{
    /// <param name="target">The type the body (or the batch item) was read as.</param>
    /// <param name="prefix">The item's name within a batch ("evaluations[2]"); null for a whole body.</param>
    public static ProblemDetails Problem(JsonException ex, Type target, string? prefix)
    {
        var segments = Segments(ex.Path);
        var local = Name(segments);
        var field = prefix is null ? (local.Length == 0 ? "body" : local) : local.Length == 0 ? prefix : local.StartsWith('[') ? prefix + local : $"{prefix}.{local}";
        var where = prefix is null ? (local.Length == 0 ? "anmodningen" : local) : field;

        // A key twice in one object: a gateway that takes the first would see another request than the one evaluated.
        if (Duplicate(ex) is { } key)
        {
            var last = segments.Count > 0 && segments[^1] is string name ? name : null;
            // The path ends at the key itself for a property of ours or a fact; inside a fact's value it ends at that value.
            var named = key.Length == 0 || string.Equals(last, key, StringComparison.OrdinalIgnoreCase) ? field
                : field == "body" ? Echo.Of(key) : $"{field}.{Echo.Of(key)}";
            return Problems.Validation(400, $"Feltet {named} står mere end én gang.",
                new Dictionary<string, string[]> { [named] = ["Et felt må kun stå én gang i et JSON-objekt; fjern de andre forekomster."] });
        }
        // The reader's own errors (JsonReaderException, internal) come wrapped with the place in the text.
        if (ex.InnerException is JsonException)
            return Problems.Validation(400,
                $"Anmodningen er ikke gyldig JSON: fejl i linje {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}.",
                new Dictionary<string, string[]> { [field] = ["Teksten kan ikke læses som JSON her (et manglende eller overskydende tegn, fx komma, kolon, anførselstegn eller parentes)."] });
        // A lone surrogate ("\ud800") is valid JSON but not text; the reader says so only in its (English) message.
        if (ex.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF-16", StringComparison.Ordinal))
            return Problems.Validation(400, $"Værdien ved {where} er ikke gyldig tekst.",
                new Dictionary<string, string[]> { [field] = ["Teksten indeholder et enligt UTF-16-surrogattegn (fx \\ud800)."] });
        var expected = TypeAt(target, segments) is { } type ? Describe(type) : null;
        return Problems.Validation(400, $"Værdien ved {where} har en forkert type.",
            new Dictionary<string, string[]> { [field] = [expected is null ? "Værdien har en forkert type." : $"Værdien skal være {expected}."] });
    }

    /// <summary>
    /// The key a duplicate-property refusal names (AllowDuplicateProperties = false), or "" when it names none; null for
    /// any other error. The serializer says which key only in its text, and that text is read here, never shown.
    /// </summary>
    private static string? Duplicate(JsonException ex)
    {
        if (ex.InnerException is not null || !ex.Message.StartsWith("Duplicate propert", StringComparison.Ordinal)) return null;
        var start = ex.Message.IndexOf('\'');
        var end = start < 0 ? -1 : ex.Message.IndexOf("' encountered", start + 1, StringComparison.Ordinal);
        return end < 0 ? "" : ex.Message[(start + 1)..end];
    }

    /// <summary>$.a.b[2]['c d'] as its names and indexes.</summary>
    private static List<object> Segments(string? path)
    {
        var result = new List<object>();
        if (string.IsNullOrEmpty(path)) return result;
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '[')) end++;
                result.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                result.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index)) break;
                result.Add(index);
                i = end + 1;
            }
            else break;
        }
        return result;
    }

    private static string Name(List<object> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            if (s is int index) sb.Append('[').Append(index).Append(']');
            else sb.Append(sb.Length == 0 ? "" : ".").Append((string)s);
        }
        return sb.ToString();
    }

    /// <summary>The .NET type the path leads to within <paramref name="type"/> (properties by JSON name, dictionary values, list items).</summary>
    private static Type? TypeAt(Type type, List<object> segments)
    {
        Type? current = type;
        foreach (var s in segments)
        {
            current = Nullable.GetUnderlyingType(current!) ?? current;
            if (DictionaryValue(current!) is { } value) current = value;
            else if (s is int && ListItem(current!) is { } item) current = item;
            else if (s is string name)
                current = current!.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            else return null;
            if (current is null) return null;
        }
        return current;
    }

    private static Type? DictionaryValue(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var d && (d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? t.GetGenericArguments()[1]
            : null;

    private static Type? ListItem(Type t) =>
        t.IsArray ? t.GetElementType() : t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0] : null;

    /// <summary>What a value of the type looks like in JSON, in Danish.</summary>
    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "tekst";
        if (type == typeof(bool)) return "true eller false";
        if (type == typeof(DateOnly)) return "en dato på formen \"ÅÅÅÅ-MM-DD\"";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "et tidspunkt på formen \"2024-03-01T12:00:00+01:00\"";
        if (type == typeof(decimal) || type == typeof(int) || type == typeof(long) || type == typeof(double)) return "et tal";
        if (DictionaryValue(type) is { } value) return value == typeof(string) ? "et objekt med en tekst pr. felt" : "et objekt";
        if (ListItem(type) is not null) return "en liste";
        return "et objekt";
    }
}
