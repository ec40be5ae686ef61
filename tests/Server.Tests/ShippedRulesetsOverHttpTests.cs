using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// Every shipped test case, sent as an external system would send it, with begrundelse: the HTTP answer has the
/// expected outcome, a trace, and a Danish begrundelse in text and HTML.
/// </summary>
public abstract class ShippedRulesetsOverHttpTests(RulesServerFactory factory)
{
    public static TheoryData<string> Rulesets() => BegrundelseGoldenTests.Rulesets();

    [Theory]
    [MemberData(nameof(Rulesets), MemberType = typeof(ShippedRulesetsOverHttpTests))]
    public async Task Every_determined_case_answers_with_outcome_trace_and_begrundelse(string rulesetId)
    {
        var client = factory.CreateClient();
        var outcomes = new HashSet<string>();
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RulesServerFactory.RulesFolder, rulesetId, "tests"), "*.json").Order())
        {
            foreach (var c in JsonNode.Parse(File.ReadAllText(file))!["cases"]!.AsArray())
            {
                var expect = c!["expect"]!;
                var expectedOutcome = expect["outcome"]?.GetValue<string>();
                if (expect["status"]?.GetValue<string>() is not (null or "determined") || expectedOutcome is null) continue;
                var format = outcomes.Count % 2 == 0 ? "text" : "html";
                var response = await client.PostAsJsonAsync("/api/v1/evaluations", new
                {
                    ruleset = rulesetId,
                    decisionDate = c["decisionDate"]!.GetValue<string>(),
                    facts = c["facts"],
                    notes = c["notes"],
                    begrundelse = true,
                    format,
                });
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                var id = $"{Path.GetFileName(file)}/{c["id"]}";
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"{id}: {(int)response.StatusCode} {body?["detail"]}");
                    continue;
                }
                if (body!["outcome"]?.GetValue<string>() != expectedOutcome) problems.Add($"{id}: udfald {body["outcome"]}, ventet {expectedOutcome}");
                if (body["trace"]!.AsArray().Count == 0) problems.Add($"{id}: tom trace");
                var text = body["begrundelse"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(text)) problems.Add($"{id}: ingen begrundelse");
                else if (!text.Contains("klage", StringComparison.OrdinalIgnoreCase)) problems.Add($"{id}: begrundelsen har ingen klagevejledning");
                else if (format == "html" && !text.Contains("<p>", StringComparison.Ordinal)) problems.Add($"{id}: html-begrundelsen har ingen afsnit");
                outcomes.Add(expectedOutcome);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(outcomes.Count >= 2, $"{rulesetId}: testcases bør dække mindst to udfald (fx bevilling og afslag), fandt {string.Join(", ", outcomes)}");
    }
}

public sealed class ShippedRulesetsOverHttpSqliteTests(RulesServerFactory factory) : ShippedRulesetsOverHttpTests(factory), IClassFixture<RulesServerFactory>;

[Trait("Provider", "postgres")]
public sealed class ShippedRulesetsOverHttpPostgresTests(PostgresServerFactory factory) : ShippedRulesetsOverHttpTests(factory), IClassFixture<PostgresServerFactory>;
