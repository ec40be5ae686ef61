using Serviceloven.Engine.Dmn;
using static Serviceloven.Engine.Tests.Dmn.DmnModels;

namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>Unsupported constructs are reported as problems naming the element and its id, never thrown.</summary>
public class DmnImportProblemTests
{
    private static DmnImportProblem SingleError(string xml)
    {
        var import = DmnImporter.Import(xml);
        Assert.Null(import.Version);
        return Assert.Single(import.Problems, p => p.Severity == DmnProblemSeverity.Error);
    }

    private static string OneRule(string when, string then, string inputType = "number") => Definitions(
        InputData("Age", inputType) + Decision("Result", "hitPolicy=\"FIRST\"",
            Input("Age", inputType) + Output(null, "string") + Rule("r1", [when], [then])));

    [Fact]
    public void A_feel_function_call_in_an_input_entry_names_the_entry()
    {
        var p = SingleError(OneRule("abs(-5)", "\"x\""));
        Assert.Equal(("inputEntry", "r1_in0"), (p.Element, p.ElementId));
        Assert.Contains("FEEL-funktionskaldet 'abs(...)' understøttes ikke", p.Message);
        Assert.Contains("Regel 1, input 'Age'", p.Message);
        Assert.Equal("Fejl: <inputEntry> id 'r1_in0': " + p.Message, p.ToString());
    }

    [Theory]
    [InlineData("? > 5", "'?'")]
    [InlineData("date and time(\"2020-01-01T10:00:00\")", "date and time")]
    [InlineData("Applicant.age", "Stien 'Applicant.age'")]
    [InlineData("> unknownName", "Navnet 'unknownName' er ikke et input")]
    public void Other_unsupported_unary_tests_are_named(string when, string expected)
    {
        Assert.Contains(expected, SingleError(OneRule(when, "\"x\"")).Message);
    }

    [Theory]
    [InlineData("{a: 1}", "FEEL-kontekster")]
    [InlineData("upper case(\"x\")", "Navnet 'upper' er hverken et input")]
    [InlineData("string(5)", "Funktionen 'string' understøttes ikke")]
    [InlineData("Unknown + 1", "Navnet 'Unknown' er hverken et input")]
    public void Output_entries_beyond_the_translated_feel_are_refused_by_name(string then, string expected)
    {
        var p = SingleError(OneRule("-", then));
        Assert.Equal(("outputEntry", "r1_out0"), (p.Element, p.ElementId));
        Assert.Contains(expected, p.Message);
    }

    [Fact]
    public void A_literal_expression_with_feel_beyond_the_supported_part_is_refused_with_the_decision_named()
    {
        var p = SingleError(Definitions(InputData("Age", "number") +
            """<decision id="d1" name="Ages"><variable name="Ages" typeRef="number"/><literalExpression id="le1"><text>[Age, Age]</text></literalExpression></decision>"""));
        Assert.Equal(("literalExpression", "le1"), (p.Element, p.ElementId));
        Assert.Contains("Beslutningen 'Ages': FEEL-lister ([...]) understøttes ikke", p.Message);
    }

    [Fact]
    public void An_empty_context_entry_without_id_is_named_by_its_decision()
    {
        var p = SingleError(Definitions("""<decision id="d1" name="Ctx"><context><contextEntry><variable name="x"/></contextEntry></context></decision>"""));
        Assert.Equal(("contextEntry", "d1"), (p.Element, p.ElementId));
        Assert.Contains("Kontekstpunktet 'x' i beslutningen 'Ctx' er tomt", p.Message);
    }

    [Fact]
    public void A_business_knowledge_model_without_an_expression_and_a_ring_of_decisions_are_refused()
    {
        var import = DmnImporter.Import(Definitions(
            InputData("Age", "number") +
            """<businessKnowledgeModel id="bkm1" name="Rates"/>""" +
            """<decision id="d2" name="Final"><variable name="Final" typeRef="number"/><literalExpression id="le2"><text>Back + 1</text></literalExpression></decision>""" +
            """<decision id="d3" name="Back"><variable name="Back" typeRef="number"/><literalExpression id="le3"><text>Final</text></literalExpression></decision>""" +
            """<decision id="d4" name="User"><variable name="User" typeRef="number"/><literalExpression id="le4"><text>Rates(Age)</text></literalExpression></decision>"""));
        Assert.Null(import.Version);
        Assert.Contains(import.Problems, p => p.ElementId == "bkm1" && p.Message.Contains("'Rates' har ingen logik"));
        Assert.Contains(import.Problems, p => p.Message.Contains("'Final' afhænger af sig selv"));
        Assert.Contains(import.Problems, p => p.ElementId == "le4" && p.Message.Contains("'Rates' kan ikke bruges her"));
    }

    [Fact]
    public void A_table_reads_another_decision_by_its_name()
    {
        var import = DmnImporter.Import(Definitions(
            InputData("Age", "number") +
            """<decision id="d2" name="Final"><decisionTable id="dt2"><input id="i1"><inputExpression typeRef="string"><text>Result</text></inputExpression></input><output id="o1" typeRef="string"/>""" +
            """<rule id="r1"><inputEntry><text>"x"</text></inputEntry><outputEntry><text>"ja"</text></outputEntry></rule></decisionTable></decision>""" +
            Decision("Result", "", Input("Age", "number") + Output(null, "string") + Rule("r1", ["-"], ["\"x\""]))));
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        var final = import.Version!.Tables.Single(t => t.Id == import.Decisions.Single(d => d.DmnName == "Final").TableId);
        Assert.Equal(import.Decisions.Single(d => d.DmnName == "Result").Outputs[0].Name, final.Inputs[0].Name);
    }

    [Fact]
    public void An_input_expression_that_is_not_a_name_is_refused()
    {
        var p = SingleError(Definitions(Decision("Result", "",
            """<input id="i1"><inputExpression typeRef="number"><text>Age + 1</text></inputExpression></input>""" +
            Output(null, "string") + Rule("r1", ["-"], ["\"x\""]))));
        Assert.Equal(("input", "i1"), (p.Element, p.ElementId));
        Assert.Contains("'Age + 1' er ikke navnet på et input", p.Message);
    }

    [Theory]
    [InlineData("date and time")]
    [InlineData("days and time duration")]
    [InlineData("tUnknown")]
    public void Unsupported_types_are_refused(string typeRef)
    {
        var p = SingleError(OneRule("-", "\"x\"", typeRef));
        Assert.Equal(("input", "i_Age"), (p.Element, p.ElementId));
        Assert.Contains($"'{typeRef}'", p.Message);
    }

    [Fact]
    public void Count_over_text_outputs_is_refused()
    {
        var p = SingleError(Definitions(InputData("Age", "number") + Decision("Result", "hitPolicy=\"COLLECT\" aggregation=\"COUNT\"",
            Input("Age", "number") + Output(null, "string") + Rule("r1", ["-"], ["\"x\""]))));
        Assert.Contains("COUNT over værdier af typen tekst", p.Message);
    }

    [Fact]
    public void An_unknown_hit_policy_and_aggregation_without_collect_are_refused()
    {
        Assert.Contains("Hit policy 'SOMETIMES' findes ikke", SingleError(AgeTable("hitPolicy=\"SOMETIMES\"")).Message);
        var p = SingleError(AgeTable("hitPolicy=\"FIRST\" aggregation=\"SUM\""));
        Assert.Equal(("decisionTable", "dt_Result"), (p.Element, p.ElementId));
        Assert.Contains("kræver hit policy COLLECT", p.Message);
    }

    [Fact]
    public void A_rule_with_the_wrong_number_of_cells_is_refused()
    {
        var p = SingleError(Definitions(InputData("Age", "number") + Decision("Result", "",
            Input("Age", "number") + Output(null, "string") + Rule("r1", ["-", "-"], ["\"x\""]))));
        Assert.Equal(("rule", "r1"), (p.Element, p.ElementId));
    }

    [Fact]
    public void Not_xml_and_not_dmn_are_problems_not_exceptions()
    {
        Assert.Contains("ikke gyldig XML", SingleError("<definitions").Message);
        var p = SingleError("""<definitions xmlns="http://example.org/other" id="x"/>""");
        Assert.Contains("ikke en DMN-model", p.Message);
        Assert.Contains("http://example.org/other", p.Message);
    }

    [Fact]
    public void Number_input_values_are_left_out_with_a_warning_and_the_model_still_imports()
    {
        var import = DmnImporter.Import(Definitions(InputData("Age", "number") + Decision("Result", "",
            Input("Age", "number", "[0..150]") + Output(null, "string") + Rule("r1", ["-"], ["\"x\""]))));
        Assert.NotNull(import.Version);
        var w = Assert.Single(import.Problems);
        Assert.Equal((DmnProblemSeverity.Warning, "inputValues"), (w.Severity, w.Element));
        Assert.Contains("[0..150]", w.Message);
    }
}
