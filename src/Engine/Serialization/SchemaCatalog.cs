using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Json.Schema;

namespace Serviceloven.Engine.Serialization;

public enum RulesFileKind { Ruleset, Version, Tests, Sats, Lookup }

/// <summary>A rules/ file that breaks its JSON Schema or cannot be read; names the file and the JSON location.</summary>
public sealed class RulesFileException(string file, IReadOnlyList<string> problems)
    : Exception($"{file}:\n" + string.Join("\n", problems.Select(p => "  - " + p)))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The JSON Schemas of the rules/ files, embedded in the engine and checked on every load.</summary>
public static class SchemaCatalog
{
    private static readonly ConcurrentDictionary<RulesFileKind, Lazy<JsonSchema>> Schemas = new();

    public static string FileName(RulesFileKind kind) => kind switch
    {
        RulesFileKind.Ruleset => "ruleset.schema.json",
        RulesFileKind.Version => "version.schema.json",
        RulesFileKind.Tests => "tests.schema.json",
        RulesFileKind.Sats => "sats.schema.json",
        _ => "lookup.schema.json",
    };

    public static string Text(RulesFileKind kind)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("schema/" + FileName(kind))
            ?? throw new InvalidOperationException("Schema mangler i Serviceloven.Engine: " + FileName(kind));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // Distinct $ids per schema, so building them in any order never clashes in the global registry. Lazy, because
    // GetOrAdd may run its factory twice when two threads ask at once, and the second build would register the same
    // $id again ("Overwriting registered schemas is not permitted") when two servers start in one test process.
    private static JsonSchema Get(RulesFileKind kind) =>
        Schemas.GetOrAdd(kind, k => new Lazy<JsonSchema>(() => JsonSchema.FromText(Text(k)))).Value;

    /// <summary>Validates then deserializes; problems name the JSON location.</summary>
    public static T Read<T>(string json, RulesFileKind kind, string file)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException ex) { throw new RulesFileException(file, [$"ugyldig JSON: {ex.Message}"]); }
        using (doc)
        {
            var result = Get(kind).Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                var problems = (result.Details ?? [])
                    .Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } loc ? loc : "/")}: {e.Value}"))
                    .Distinct()
                    .ToList();
                throw new RulesFileException(file, problems.Count > 0 ? problems : ["følger ikke JSON-skemaet"]);
            }
        }
        try { return RulesJson.Deserialize<T>(json); }
        catch (JsonException ex) { throw new RulesFileException(file, [ex.Message]); }
    }
}
