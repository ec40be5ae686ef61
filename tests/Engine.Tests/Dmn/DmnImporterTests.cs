using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Dmn;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.Dmn.DmnModels;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Dmn;

public class DmnImporterTests
{
    private static DmnImport Import(string xml)
    {
        var import = DmnImporter.Import(xml);
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        return import;
    }

    [Theory]
    [InlineData("UNIQUE", HitPolicy.Unique)]
    [InlineData("FIRST", HitPolicy.First)]
    [InlineData("PRIORITY", HitPolicy.Priority)]
    [InlineData("ANY", HitPolicy.Any)]
    [InlineData("COLLECT", HitPolicy.Collect)]
    [InlineData("RULE ORDER", HitPolicy.RuleOrder)]
    [InlineData("OUTPUT ORDER", HitPolicy.OutputOrder)]
    public void Each_hit_policy_maps_to_the_table_model_and_compiles(string dmn, HitPolicy expected)
    {
        var import = Import(AgeTable($"hitPolicy=\"{dmn}\""));
        var table = Assert.Single(import.Version!.Tables);
        Assert.Equal(expected, table.HitPolicy);
        Assert.Null(table.Aggregation);
        VersionCompiler.Compile("dmn", import.Version);
    }

    [Fact]
    public void A_table_without_hit_policy_is_unique()
    {
        Assert.Equal(HitPolicy.Unique, Import(AgeTable("")).Version!.Tables[0].HitPolicy);
    }

    [Theory]
    [InlineData("SUM", Aggregation.Sum, 30)]
    [InlineData("MIN", Aggregation.Min, 10)]
    [InlineData("MAX", Aggregation.Max, 20)]
    [InlineData("COUNT", Aggregation.Count, 2)]
    public async Task Collect_aggregations_map_and_evaluate(string dmn, Aggregation expected, int result)
    {
        var import = Import(Definitions(InputData("Years", "number") + Decision("Bonus", $"hitPolicy=\"COLLECT\" aggregation=\"{dmn}\"",
            Input("Years", "number") + Output(null, "number") +
            Rule("r1", ["> 1"], ["10"]) + Rule("r2", ["> 2"], ["20"]) + Rule("r3", ["> 5"], ["40"]))));
        var table = import.Version!.Tables[0];
        Assert.Equal((HitPolicy.Collect, expected), (table.HitPolicy, table.Aggregation));
        var r = await Evaluate(VersionCompiler.Compile("dmn", import.Version), new { years = 3m });
        Assert.Equal((decimal)result, r.Outputs["bonus"]);
    }

    [Fact]
    public async Task Names_with_spaces_and_other_characters_become_camel_case_and_keep_the_original_as_label()
    {
        var import = Import(Definitions(
            InputData("Applicant Age", "number") + InputData("Risk Category", "string") +
            Decision("Approval Status", "hitPolicy=\"UNIQUE\"",
                Input("Applicant Age", "number") + Input("Risk Category", "string", "\"High\", \"Low\"") +
                Output("Approved/Declined", "string") + Output("Rate", "string") +
                Rule("r1", [">= 18", "\"Low\""], ["\"Approved\"", "\"Best\""]) +
                Rule("r2", ["< 18", "-"], ["\"Declined\"", "\"Standard\""]))));
        var v = import.Version!;
        Assert.Equal(["applicantAge", "riskCategory"], v.Facts.Select(f => f.Name));
        Assert.Equal(["Applicant Age", "Risk Category"], v.Facts.Select(f => f.Label));
        Assert.Equal(ValueKind.Enum, v.Facts[1].Type);
        Assert.Equal(["High", "Low"], v.Facts[1].Values!.Select(x => x.Value));
        var table = v.Tables[0];
        Assert.Equal(("approvalStatus", "Approval Status"), (table.Id, table.Label));
        Assert.Equal(["approvedDeclined", "rate"], table.Outputs.Select(o => o.Name));
        Assert.Equal(["Approved/Declined", "Rate"], table.Outputs.Select(o => o.Label));
        Assert.Equal("applicantAge", import.Inputs["Applicant Age"]);
        var decision = Assert.Single(import.Decisions);
        Assert.Equal([new DmnOutput("Approved/Declined", "approvedDeclined"), new DmnOutput("Rate", "rate")], decision.Outputs);
        Assert.Equal("approvedDeclined", v.Outcome);

        var r = await Evaluate(VersionCompiler.Compile("dmn", v), new { applicantAge = 30m, riskCategory = "Low" });
        Assert.Equal("Approved", r.Outcome);
        Assert.Equal("Best", r.Outputs["rate"]);
    }

    [Theory]
    [InlineData("Approval Status", "approvalStatus")]
    [InlineData("AGE", "age")]
    [InlineData("Ældre borger på plejehjem", "aeldreBorgerPaaPlejehjem")]
    [InlineData("Årsag (fysisk/psykisk)", "aarsagFysiskPsykisk")]
    [InlineData("2nd rate", "v2ndRate")]
    [InlineData("date", "dateValue")]
    [InlineData("isAffordable", "isAffordable")]
    [InlineData("***", "value")]
    public void Dmn_names_become_usable_identifiers(string dmnName, string expected)
    {
        Assert.Equal(expected, DmnNames.ToIdentifier(dmnName));
        Assert.True(VersionCompiler.IsUsableName(expected));
    }

    [Fact]
    public async Task Output_values_keep_their_declared_order_for_priority()
    {
        // Declared "low" before "high": under PRIORITY the row giving "low" wins although "high" comes first in the table.
        var import = Import(AgeTable("hitPolicy=\"PRIORITY\"", "\"low\", \"high\""));
        var output = import.Version!.Tables[0].Outputs[0];
        Assert.Equal(["low", "high"], output.Values!.Select(v => v.Value));
        Assert.Equal(ValueKind.Enum, output.Type);
        var r = await Evaluate(VersionCompiler.Compile("dmn", import.Version), new { age = 30m });
        Assert.Equal("low", r.Outputs["result"]);
    }

    [Fact]
    public async Task Number_output_values_order_output_order_lists()
    {
        var import = Import(Definitions(InputData("Age", "number") + Decision("Levels", "hitPolicy=\"OUTPUT ORDER\"",
            Input("Age", "number") + Output(null, "number", "3, 1, 2") +
            Rule("r1", ["-"], ["1"]) + Rule("r2", ["-"], ["2"]) + Rule("r3", ["-"], ["3"]))));
        var output = import.Version!.Tables[0].Outputs[0];
        Assert.Equal(ValueKind.Decimal, output.Type);
        Assert.Equal(["3", "1", "2"], output.Values!.Select(v => v.Value));
        Assert.Equal("", import.Version.Outcome);
        var r = await Evaluate(VersionCompiler.Compile("dmn", import.Version), new { age = 1m });
        Assert.Equal([3m, 1m, 2m], (List<object?>)r.Outputs["levels"]!);
    }

    [Fact]
    public async Task Unary_tests_translate_to_cells()
    {
        var import = Import(Definitions(InputData("Age", "number") + InputData("Kind", "string") + InputData("Start", "date") +
            Decision("Result", "hitPolicy=\"FIRST\"",
                Input("Age", "number") + Input("Kind", "string") + Input("Start", "date") + Output(null, "string") +
                Rule("r1", ["[18..67)", "not(\"a\", \"b\")", ">= date(\"2020-01-01\")"], ["\"x\""]) +
                Rule("r2", ["]0..18[", "\"c\",\"d\"", "@\"2019-05-01\""], ["\"y\""]) +
                Rule("r3", ["<.5, >=100", "-", "null"], ["null"]))));
        var rows = import.Version!.Tables[0].Rows;
        Assert.Equal(["[18..67)", "not(\"a\", \"b\")", ">= date(\"2020-01-01\")"], rows[0].When);
        Assert.Equal(["]0..18[", "\"c\", \"d\"", "date(\"2019-05-01\")"], rows[1].When);
        Assert.Equal(["< 0.5, >= 100", "-", "null"], rows[2].When);
        // A null test means the model expects the input may be missing.
        Assert.False(import.Version.Facts.Single(f => f.Name == "start").Required);
        Assert.True(import.Version.Facts.Single(f => f.Name == "age").Required);
        var cv = VersionCompiler.Compile("dmn", import.Version);
        Assert.Equal("x", (await Evaluate(cv, new { age = 30m, kind = "c", start = new DateOnly(2021, 1, 1) })).Outputs["result"]);
        Assert.Equal("y", (await Evaluate(cv, new { age = 5m, kind = "d", start = new DateOnly(2019, 5, 1) })).Outputs["result"]);
        var r3 = await Evaluate(cv, new { age = 0.2m, kind = "a" });
        Assert.Equal(["r3"], r3.Tables[0].MatchedRules);
        Assert.Null(r3.Outputs["result"]);
    }

    [Fact]
    public async Task A_unary_test_may_compare_with_another_input()
    {
        var import = Import(Definitions(InputData("Age", "number") + InputData("Limit", "number") +
            Decision("Result", "hitPolicy=\"FIRST\"",
                Input("Age", "number") + Output(null, "string") +
                Rule("r1", [">= Limit"], ["\"over\""]) + Rule("r2", ["-"], ["\"under\""]))));
        Assert.Equal(">= limit", import.Version!.Tables[0].Rows[0].When[0]);
        Assert.Equal(["limit", "age"], import.Version.Facts.Select(f => f.Name));
        var cv = VersionCompiler.Compile("dmn", import.Version);
        Assert.Equal("over", (await Evaluate(cv, new { age = 67m, limit = 67m })).Outcome);
        Assert.Equal("under", (await Evaluate(cv, new { age = 66m, limit = 67m })).Outcome);
    }

    [Fact]
    public async Task Default_output_entries_become_the_table_default()
    {
        var import = Import(Definitions(InputData("Age", "number") + Decision("Result", "hitPolicy=\"UNIQUE\"",
            Input("Age", "number") + Output("Status", "string", null, "\"Declined\"") + Output("Rate", "number") +
            Rule("r1", [">= 18"], ["\"Approved\"", "1.5"]))));
        Assert.Equal(["\"Declined\"", "null"], import.Version!.Tables[0].Default);
        var r = await Evaluate(VersionCompiler.Compile("dmn", import.Version), new { age = 10m });
        Assert.Equal("Declined", r.Outputs["status"]);
        Assert.Null(r.Outputs["rate"]);
    }

    [Theory]
    [InlineData("http://www.omg.org/spec/DMN/20151101/dmn.xsd")]
    [InlineData("http://www.omg.org/spec/DMN/20180521/MODEL/")]
    [InlineData("https://www.omg.org/spec/DMN/20191111/MODEL/")]
    [InlineData("https://www.omg.org/spec/DMN/20211108/MODEL/")]
    [InlineData("https://www.omg.org/spec/DMN/20230324/MODEL/")]
    public void Every_dmn_version_namespace_is_accepted(string ns)
    {
        var xml = Definitions(InputData("Age", "feel:number") + Decision("Result", "hitPolicy=\"FIRST\"",
            Input("Age", "feel:number") + Output(null, "feel:string") + Rule("r1", ["-"], ["\"ok\""])), ns);
        Assert.Equal(ValueKind.Decimal, Import(xml).Version!.Facts[0].Type);
    }
}
