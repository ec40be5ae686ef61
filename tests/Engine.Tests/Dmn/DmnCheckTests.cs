using Serviceloven.Engine.Dmn;
using static Serviceloven.Engine.Tests.Dmn.DmnModels;

namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>DmnCheck over small hand-made models and test files, handed over in memory.</summary>
public sealed class DmnCheckTests
{
    private static MemoryStream Utf8(string text) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Runs one test file against the models given by path; a model not given does not exist.</summary>
    private static (int Passed, int Failed) Check(TextWriter output, string testFileName, string tests, Dictionary<string, string> models)
    {
        var check = new DmnCheck(output, path => models.TryGetValue(path, out var dmn) ? Utf8(dmn) : null);
        check.RunTestFile(testFileName, Utf8(tests));
        return check.Finish();
    }

    private static string TestFile(string model, params string[] cases) =>
        $"""<?xml version="1.0"?><testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><modelName>{model}</modelName>{string.Concat(cases)}</testCases>""";

    private static string Case(string id, decimal age, string result) =>
        $"""<testCase id="{id}"><inputNode name="Age"><value xsi:type="xsd:decimal">{age}</value></inputNode>{result}</testCase>""";

    private (int Passed, int Failed, string Output) Run(string dmn, string tests)
    {
        var output = new StringWriter();
        var (passed, failed) = Check(output, "m-test-01.xml", tests, new() { ["m.dmn"] = dmn });
        return (passed, failed, output.ToString());
    }

    [Fact]
    public void Every_case_of_a_model_that_cannot_be_imported_is_refused_with_the_problem()
    {
        var dmn = Definitions(InputData("Age", "number") +
            """<decision id="d1" name="Result"><variable name="Result" typeRef="number"/><literalExpression id="le1"><text>sum(for x in [Age] return x)</text></literalExpression></decision>""");
        var result = """<resultNode name="Result"><expected><value xsi:type="xsd:decimal">2</value></expected></resultNode>""";
        var (passed, failed, output) = Run(dmn, TestFile("m.dmn", Case("001", 1, result), Case("002", 2, result)));
        Assert.Equal((0, 0), (passed, failed));
        Assert.Contains("REFUSED m-test-01.xml testCase 002: modellen kan ikke importeres: Fejl: <literalExpression> id 'le1'", output);
        Assert.EndsWith("0 passed, 0 failed, 2 refused", output.TrimEnd());
    }

    [Fact]
    public void A_decision_that_cannot_be_imported_refuses_its_own_cases_only()
    {
        var dmn = Definitions(InputData("Age", "number") +
            """<decision id="d1" name="Plus"><variable name="Plus" typeRef="number"/><literalExpression><text>Age + 1</text></literalExpression></decision>""" +
            """<decision id="d2" name="Each"><variable name="Each" typeRef="number"/><literalExpression id="le2"><text>sum(for x in [Age] return x)</text></literalExpression></decision>""" +
            """<decision id="d3" name="Uses"><variable name="Uses" typeRef="number"/><literalExpression id="le3"><text>Each + Plus</text></literalExpression></decision>""");
        string Expect(string name, decimal v) => $"""<resultNode name="{name}"><expected><value xsi:type="xsd:decimal">{v}</value></expected></resultNode>""";
        var (passed, failed, output) = Run(dmn, TestFile("m.dmn", Case("001", 1, Expect("Plus", 2)), Case("002", 1, Expect("Each", 1)), Case("003", 1, Expect("Uses", 3))));
        Assert.Equal((1, 0), (passed, failed));
        Assert.Contains("REFUSED m-test-01.xml testCase 002: beslutningen 'Each' kan ikke importeres: Fejl: <literalExpression> id 'le2'", output);
        Assert.Contains("REFUSED m-test-01.xml testCase 003: beslutningen 'Uses' kan ikke importeres: Fejl: <literalExpression> id 'le3': Beslutningen 'Uses': Beslutningen 'Each' kan ikke bruges her", output);
    }

    [Fact]
    public void A_requirement_graph_of_literal_expressions_and_a_business_knowledge_model_passes()
    {
        var dmn = Definitions(InputData("Age", "number") +
            """<businessKnowledgeModel id="b1" name="Twice"><encapsulatedLogic><formalParameter name="n" typeRef="number"/><literalExpression typeRef="number"><text>n * 2</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>""" +
            """<decision id="d2" name="Result"><variable name="Result" typeRef="number"/><literalExpression><text>Twice(Doubled Age) + 1</text></literalExpression></decision>""" +
            """<decision id="d1" name="Doubled Age"><variable name="Doubled Age" typeRef="number"/><invocation><literalExpression><text>Twice</text></literalExpression><binding><parameter name="n"/><literalExpression><text>Age</text></literalExpression></binding></invocation></decision>""");
        string Result(decimal v) => $"""<resultNode name="Result"><expected><value xsi:type="xsd:decimal">{v}</value></expected></resultNode>""";
        var (passed, failed, output) = Run(dmn, TestFile("m.dmn", Case("001", 1, Result(5)), Case("002", 10, Result(41)), Case("003", 10, Result(40))));
        Assert.Equal((2, 1), (passed, failed));
        Assert.Contains("FAIL m-test-01.xml testCase 003: 'Result': værdierne er forskellige (forventet 40, fik 41)", output);
    }

    [Fact]
    public void An_expected_error_passes_only_when_the_evaluation_fails()
    {
        var dmn = Definitions(InputData("Age", "number") + Decision("Result", "hitPolicy=\"UNIQUE\"",
            Input("Age", "number") + Output(null, "string") + Rule("r1", [">= 18"], ["\"a\""]) + Rule("r2", [">= 60"], ["\"b\""])));
        var error = """<resultNode name="Result" errorResult="true"/>""";
        var (passed, failed, output) = Run(dmn, TestFile("m.dmn", Case("001", 70, error), Case("002", 20, error)));
        Assert.Equal((1, 1), (passed, failed));
        Assert.Contains("testCase 002: 'Result': forventede en fejl", output);
    }

    [Fact]
    public void Lists_nulls_and_unknown_decisions_are_compared()
    {
        var dmn = Definitions(InputData("Age", "number") + Decision("Result", "hitPolicy=\"RULE ORDER\"",
            Input("Age", "number") + Output(null, "number") + Rule("r1", [">= 18"], ["1.50"]) + Rule("r2", [">= 60"], ["2"])));
        string List(params string[] items) =>
            $"""<resultNode name="Result"><expected><list>{string.Concat(items.Select(i => $"<item><value xsi:type=\"xsd:decimal\">{i}</value></item>"))}</list></expected></resultNode>""";
        var (passed, failed, output) = Run(dmn, TestFile("m.dmn",
            Case("001", 70, List("1.5", "2")),
            Case("002", 10, List()),
            Case("003", 70, List("2", "1.5")),
            Case("004", 20, """<resultNode name="Result"><expected><value xsi:nil="true"/></expected></resultNode>"""),
            Case("005", 20, """<resultNode name="Other"><expected><value xsi:type="xsd:string">x</value></expected></resultNode>""")));
        Assert.Equal((2, 2), (passed, failed));
        Assert.Contains("testCase 003: 'Result': element 1: værdierne er forskellige (forventet [2, 1.5], fik [1.50, 2])", output);
        Assert.Contains("testCase 004: 'Result': forventede null", output);
        Assert.Contains("REFUSED m-test-01.xml testCase 005: beslutningen 'Other' findes ikke", output);
    }

    [Fact]
    public void A_test_file_for_a_missing_model_refuses_its_cases()
    {
        var tests = TestFile("absent.dmn",
            Case("001", 1, """<resultNode name="Result"><expected><value xsi:type="xsd:string">x</value></expected></resultNode>"""));
        var output = new StringWriter();
        Assert.Equal((0, 0), Check(output, "x-test-01.xml", tests, []));
        Assert.Contains("REFUSED x-test-01.xml testCase 001: modellen 'absent.dmn' findes ikke", output.ToString());
    }

    [Fact]
    public void A_model_is_looked_for_beside_its_test_file_and_read_once_for_all_its_test_files()
    {
        var dmn = Definitions(InputData("Age", "number") + Decision("Result", "hitPolicy=\"FIRST\"",
            Input("Age", "number") + Output(null, "string") + Rule("r1", [">= 18"], ["\"a\""])));
        var expected = """<resultNode name="Result"><expected><value xsi:type="xsd:string">a</value></expected></resultNode>""";
        var opened = new List<string>();
        var output = new StringWriter();
        var check = new DmnCheck(output, path =>
        {
            opened.Add(path);
            return path == "tier1/0001/m.dmn" ? Utf8(dmn) : null;
        });
        check.RunTestFile("tier1/0001/m-test-01.xml", Utf8(TestFile("m.dmn", Case("001", 20, expected))));
        // No modelName: the model is named after the test file.
        check.RunTestFile("tier1/0001/m-test-02.xml", Utf8(TestFile("m.dmn", Case("002", 30, expected)).Replace("<modelName>m.dmn</modelName>", "")));
        check.RunTestFile("broken-test-01.xml", Utf8("<testCases"));
        Assert.Equal((2, 1), check.Finish());
        Assert.Equal(["tier1/0001/m.dmn"], opened);
        Assert.Contains("FAIL broken-test-01.xml: testfilen kan ikke læses", output.ToString());
    }
}
