using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Serviceloven.Engine.Dmn;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Server.Tests.Dmn;

/// <summary>
/// A .dmn requirement graph (two decisions and a business knowledge model) imported with the engine's importer, laid
/// down as a rules folder beside the shipped rulesets, served and evaluated over HTTP with both decisions in the trace.
/// </summary>
public sealed class DmnRequirementGraphOverHttpTests : IDisposable
{
    /// <summary>Net Hours is an invocation of the BKM Net; Outcome is a table over Net Hours.</summary>
    internal const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="Ledsagetimer" namespace="https://example.org/drg">
          <inputData id="i_hours" name="Hours"><variable name="Hours" typeRef="number"/></inputData>
          <inputData id="i_deduction" name="Deduction"><variable name="Deduction" typeRef="number"/></inputData>
          <businessKnowledgeModel id="b_net" name="Net">
            <variable name="Net"/>
            <encapsulatedLogic>
              <formalParameter name="h" typeRef="number"/>
              <formalParameter name="d" typeRef="number"/>
              <literalExpression typeRef="number"><text>max(0, h - d)</text></literalExpression>
            </encapsulatedLogic>
          </businessKnowledgeModel>
          <decision id="d_outcome" name="Outcome">
            <variable name="Outcome" typeRef="string"/>
            <informationRequirement id="ir1"><requiredDecision href="#d_net"/></informationRequirement>
            <decisionTable id="dt_outcome" hitPolicy="UNIQUE">
              <input id="in1" label="Timer efter fradrag"><inputExpression typeRef="number"><text>Net Hours</text></inputExpression></input>
              <output id="out1" name="Outcome" typeRef="string"/>
              <rule id="R1"><inputEntry><text>&gt; 0</text></inputEntry><outputEntry><text>"bevilget"</text></outputEntry></rule>
              <rule id="R2"><inputEntry><text>&lt;= 0</text></inputEntry><outputEntry><text>"afslag"</text></outputEntry></rule>
            </decisionTable>
          </decision>
          <decision id="d_net" name="Net Hours">
            <variable name="Net Hours" typeRef="number"/>
            <informationRequirement id="ir2"><requiredInput href="#i_hours"/></informationRequirement>
            <informationRequirement id="ir3"><requiredInput href="#i_deduction"/></informationRequirement>
            <knowledgeRequirement id="kr1"><requiredKnowledge href="#b_net"/></knowledgeRequirement>
            <invocation>
              <literalExpression><text>Net</text></literalExpression>
              <binding><parameter name="h"/><literalExpression><text>Hours</text></literalExpression></binding>
              <binding><parameter name="d"/><literalExpression><text>Deduction</text></literalExpression></binding>
            </invocation>
          </decision>
        </definitions>
        """;

    private readonly DirectoryInfo _rules = Directory.CreateTempSubdirectory("dmn-drg-rules-");
    private readonly DmnImport _import;
    private readonly Factory _factory;

    public DmnRequirementGraphOverHttpTests()
    {
        CopyFolder(RulesServerFactory.RulesFolder, _rules.FullName);
        _import = DmnImporter.Import(Model.Trim(), new DateOnly(2020, 1, 1), "drg.dmn");
        Assert.True(_import.Succeeded, string.Join("\n", _import.Problems));
        var folder = Directory.CreateDirectory(Path.Combine(_rules.FullName, "dmn-drg"));
        File.WriteAllText(Path.Combine(folder.FullName, "ruleset.json"), """
            { "id": "dmn-drg", "title": "Ledsagetimer (importeret DMN-model)", "legalBasis": "Servicelovens § 97, stk. 1 (eksempel på en importeret model)" }
            """);
        Directory.CreateDirectory(Path.Combine(folder.FullName, "versions"));
        File.WriteAllText(Path.Combine(folder.FullName, "versions", "2020-01-01.json"), RulesJson.Serialize(_import.Version!));
        _factory = new Factory(_rules.FullName);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _rules.Delete(recursive: true);
    }

    [Fact]
    public async Task Both_decisions_are_evaluated_in_order_and_traced()
    {
        var client = _factory.CreateClient();
        var facts = new JsonObject { [_import.Inputs["Hours"]] = 15, [_import.Inputs["Deduction"]] = 4 };
        var response = await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "dmn-drg", decisionDate = "2024-03-01", facts });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("bevilget", body["outcome"]!.GetValue<string>());
        var decisions = body["decisions"]!.AsArray();
        var net = _import.Decisions.Single(d => d.DmnName == "Net Hours");
        var outcome = _import.Decisions.Single(d => d.DmnName == "Outcome");
        var netTrace = decisions.Single(d => d!["name"]!.GetValue<string>() == net.TableId)!;
        Assert.Equal(("expression", 11m), (netTrace["kind"]!.GetValue<string>(), netTrace["value"]!.GetValue<decimal>()));
        var tableTrace = decisions.Single(d => d!["name"]!.GetValue<string>() == outcome.TableId)!;
        Assert.Equal("table", tableTrace["kind"]!.GetValue<string>());
        // Net Hours is computed before the table that reads it.
        Assert.True(decisions.IndexOf(netTrace) < decisions.IndexOf(tableTrace));
        Assert.Contains(body["trace"]!.AsArray(), t => t!["rule"]!.GetValue<string>() == "R1" && t["matched"]!.GetValue<bool>());

        // Four hours' deduction from three: the BKM's max(0, ...) gives 0 and the table refuses.
        facts[_import.Inputs["Hours"]] = 3;
        var second = await client.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = "dmn-drg", decisionDate = "2024-03-01", facts });
        var again = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("afslag", again["outcome"]!.GetValue<string>());
        Assert.Equal(0m, again["decisions"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == net.TableId)!["value"]!.GetValue<decimal>());
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>The usual test server (own SQLite database) over another rules folder.</summary>
    private sealed class Factory(string rules) : RulesServerFactory(Serviceloven.Server.Tests.Providers.TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Rules:Path"] = rules }));
        }
    }
}
