using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;

namespace Serviceloven.Server.Tests.Simulations;

/// <summary>Caseloads and uploads for the simulation API's tests, and the report as compared between runs.</summary>
public static class SimulationUploads
{
    public static readonly DateOnly DecisionDate = new(2026, 6, 1);

    /// <summary>A synthetic sel-97 caseload drawn from the shipped version's facts and test cases (CSV, semicolons).</summary>
    public static string Sel97Csv(int count, int seed = 7)
    {
        var root = Path.Combine(RulesServerFactory.RulesFolder, "sel-97");
        var version = RulesJson.Deserialize<RulesetVersion>(File.ReadAllText(Directory.GetFiles(Path.Combine(root, "versions"), "*.json").Max()!));
        var examples = Directory.GetFiles(Path.Combine(root, "tests"), "*.json")
            .SelectMany(f => RulesJson.Deserialize<TestSuite>(File.ReadAllText(f)).Cases).ToList();
        return CaseloadGenerator.Csv(version.Facts, examples, count, seed, DecisionDate);
    }

    /// <summary>sel-97 with R97-04's age limit raised from 18 to 19: 18-year-olds granted on A are refused on B.</summary>
    public static string RaisedAgeLimitJson(RulesetVersion published)
    {
        var draft = published with
        {
            Tables = published.Tables.Select(t => t with { Rows = t.Rows.Select(r => r with { When = r.When.Select(c => c == "< 18" ? "< 19" : c).ToList() }).ToList() }).ToList(),
        };
        return JsonSerializer.Serialize(draft, RulesJson.Canonical);
    }

    /// <summary>multipart/form-data: the JSON part "request" and the file part "caseload" (in this order unless told otherwise).</summary>
    public static MultipartFormDataContent Upload(object request, string caseload, string fileName = "sager.csv", string mediaType = "text/csv", bool caseloadFirst = false)
    {
        var content = new MultipartFormDataContent();
        var json = new StringContent(request is string s ? s : JsonSerializer.Serialize(request, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(caseload));
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (caseloadFirst) content.Add(file, "caseload", fileName);
        content.Add(json, "request");
        if (!caseloadFirst) content.Add(file, "caseload", fileName);
        return content;
    }

    /// <summary>Polls the job until it has ended (done, cancelled or failed); fails with the last answer if it does not within the time.</summary>
    public static async Task<JsonObject> WaitEndedAsync(HttpClient http, string location, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if (last["state"]!.GetValue<string>() is "done" or "cancelled" or "failed") return last;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Simuleringen blev ikke færdig inden for {timeout}: {last?.ToJsonString()}");
    }

    /// <summary>
    /// The report as compared between runs: without its timing and the sides' descriptions (which name when A's rules
    /// were read), with the lists that have no order of their own (equal counts) sorted.
    /// </summary>
    public static JsonNode Comparable(JsonNode report)
    {
        var copy = report.DeepClone().AsObject();
        copy.Remove("seconds");
        copy.Remove("casesPerSecond");
        copy["a"]!.AsObject().Remove("description");
        copy["b"]!.AsObject().Remove("description");
        foreach (var list in new[] { "transitions", "rowChanges" })
            copy[list] = new JsonArray(copy[list]!.AsArray().Select(t => t!.DeepClone())
                .OrderBy(t => t!["from"]!.GetValue<string>(), StringComparer.Ordinal).ThenBy(t => t!["to"]!.GetValue<string>(), StringComparer.Ordinal).ToArray());
        return copy;
    }

    public static JsonNode Comparable(SimulationReport report) => Comparable(JsonSerializer.SerializeToNode(report, JsonSerializerOptions.Web)!);
}
