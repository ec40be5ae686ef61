using System.Net.Http.Json;
using System.Text.Json;
using Serviceloven.Adversarial.Tests.Common;

namespace Serviceloven.Adversarial.Tests.Fuzz;

public sealed record FactInfo(string Name, string Type, IReadOnlyList<string> Values);

/// <summary>A worked case from rules/*/tests: a request the server answers with 200, the seed every mutation starts from.</summary>
public sealed record BaseCase(string Ruleset, string DecisionDate, IReadOnlyList<(string Name, string Json)> Facts,
    IReadOnlyList<(string Name, string Text)> Notes, IReadOnlyList<FactInfo> Schema);

/// <summary>What the fuzzer knows of the server: the worked cases with the fact schema valid on their dates, the sats keys.</summary>
public sealed record Catalogue(IReadOnlyList<BaseCase> Cases, IReadOnlyList<string> Rulesets, IReadOnlyList<string> SatsKeys)
{
    /// <summary>Reads the cases from rules/ and each fact schema from the running server (GET /api/v1/rulesets/{id}?date=).</summary>
    public static async Task<Catalogue> LoadAsync(HttpClient http)
    {
        var schemas = new Dictionary<(string, string), IReadOnlyList<FactInfo>>();
        var cases = new List<BaseCase>();
        foreach (var file in Directory.GetFiles(Repository.RulesFolder, "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "tests").Order(StringComparer.Ordinal))
        {
            var ruleset = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                var date = c.GetProperty("decisionDate").GetString()!;
                if (!schemas.TryGetValue((ruleset, date), out var schema))
                {
                    using var response = await http.GetAsync($"/api/v1/rulesets/{ruleset}?date={date}");
                    if (!response.IsSuccessStatusCode) continue;
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    schema = body.GetProperty("facts").EnumerateArray().Select(f => new FactInfo(
                        f.GetProperty("name").GetString()!, f.GetProperty("type").GetString()!,
                        f.TryGetProperty("values", out var vs) && vs.ValueKind == JsonValueKind.Array
                            ? vs.EnumerateArray().Select(v => v.GetProperty("value").GetString()!).ToList() : [])).ToList();
                    schemas[(ruleset, date)] = schema;
                }
                var facts = c.TryGetProperty("facts", out var fs) ? fs.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList() : [];
                var notes = c.TryGetProperty("notes", out var ns) && ns.ValueKind == JsonValueKind.Object
                    ? ns.EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? "")).ToList() : [];
                cases.Add(new BaseCase(ruleset, date, facts, notes, schema));
            }
        }
        var rulesets = (await http.GetFromJsonAsync<JsonElement>("/api/v1/rulesets")).EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        var satser = (await http.GetFromJsonAsync<JsonElement>("/api/v1/satser")).EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
        return new Catalogue(cases, rulesets, satser);
    }
}
