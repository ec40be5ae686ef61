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
    public void Every_case_of_a_model_that_cannot_be_imported_fails_with_the_problem()
    {
        var dmn = Definitions("""<decision id="d1" name="Result"><literalExpression id="le1"><text>Age * 2</text></literalExpression></decision>""");
        var result = """<resultNode name="Result"><expected><value xsi:type="xsd:decimal">2</value></expected></resultNode>""";
        var (passed, failed, output) = Run(dmn, TestFile("m.dmn", Case("001", 1, result), Case("002", 2, result)));
        Assert.Equal((0, 2), (passed, failed));
        Assert.Contains("FAIL m-test-01.xml testCase 002: modellen kan ikke importeres: Fejl: <literalExpression> id 'le1'", output);
        Assert.EndsWith("0 passed, 2 failed", output.TrimEnd());
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
        Assert.Equal((2, 3), (passed, failed));
        Assert.Contains("testCase 003: 'Result': element 1: værdierne er forskellige (forventet [2, 1.5], fik [1.50, 2])", output);
        Assert.Contains("testCase 004: 'Result': forventede null", output);
        Assert.Contains("testCase 005: beslutningen 'Other' findes ikke", output);
    }

    [Fact]
    public void A_test_file_for_a_missing_model_fails_its_cases()
    {
        var tests = TestFile("absent.dmn",
            Case("001", 1, """<resultNode name="Result"><expected><value xsi:type="xsd:string">x</value></expected></resultNode>"""));
        var output = new StringWriter();
        Assert.Equal((0, 1), Check(output, "x-test-01.xml", tests, []));
        Assert.Contains("modellen 'absent.dmn' findes ikke", output.ToString());
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
