using Serviceloven.Engine.Dmn;
using static Serviceloven.Engine.Tests.Dmn.DmnModels;

namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>
/// Contexts, durations, all/any and cases over part of a model, through DmnCheck (importer, VersionCompiler, engine):
/// each feature is shown passing, and a wrong expectation is shown failing, so a pass is not one the check cannot refuse.
/// </summary>
public sealed class DmnBeyondTablesTests
{
    private static MemoryStream Utf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    private static (int Passed, int Failed, string Output) Run(string dmn, params string[] cases)
    {
        var output = new StringWriter();
        var check = new DmnCheck(output, path => path == "m.dmn" ? Utf8(dmn) : null);
        check.RunTestFile("m-test-01.xml", Utf8(
            $"""<?xml version="1.0"?><testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><modelName>m.dmn</modelName>{string.Concat(cases)}</testCases>"""));
        var (passed, failed) = check.Finish();
        return (passed, failed, output.ToString());
    }

    private static string Literal(string name, string? typeRef, string text) =>
        $"""<decision id="d_{name.Replace(' ', '_')}" name="{name}">{(typeRef is null ? "" : $"<variable name=\"{name}\" typeRef=\"{typeRef}\"/>")}<literalExpression id="le_{name.Replace(' ', '_')}"><text>{Escape(text)}</text></literalExpression></decision>""";

    private static string Case(string id, string inputs, string result) => $"""<testCase id="{id}">{inputs}{result}</testCase>""";

    private static string In(string name, string type, string value) => $"""<inputNode name="{name}"><value xsi:type="xsd:{type}">{value}</value></inputNode>""";

    private static string Expect(string name, string type, string value) =>
        $"""<resultNode name="{name}"><expected><value xsi:type="xsd:{type}">{value}</value></expected></resultNode>""";

    [Fact]
    public void Durations_are_read_computed_and_compared_in_their_own_type()
    {
        var dmn = Definitions(InputData("Start", "date") + InputData("Due", "date") +
            Literal("Long", "days and time duration", "duration(\"PT1000M\")") +
            Literal("Months", "years and months duration", "years and months duration(from: date(\"2016-01-31\"), to: date(\"2016-02-29\"))") +
            Literal("Span", "years and months duration", "years and months duration(date(\"2011-12-22\"), date(\"2013-08-24\"))") +
            Literal("Next", "date", "date(\"2024-01-31\") + duration(\"P1M\")") +
            Literal("Gap", "days and time duration", "Due - Start") +
            Literal("Longer", "boolean", "Gap > duration(\"P2D\")") +
            Literal("Sum", "years and months duration", "Span + duration(\"P4M\")"));
        var dates = In("Start", "date", "2024-03-01") + In("Due", "date", "2024-03-04");
        var (passed, failed, output) = Run(dmn,
            Case("001", dates, Expect("Long", "duration", "PT16H40M")),
            Case("002", dates, Expect("Months", "duration", "P0M")),
            Case("003", dates, Expect("Span", "duration", "P1Y8M")),
            Case("004", dates, Expect("Next", "date", "2024-02-29")),
            Case("005", dates, Expect("Gap", "duration", "P3D")),
            Case("006", dates, Expect("Longer", "boolean", "true")),
            Case("007", dates, Expect("Sum", "duration", "P2Y")),
            Case("008", dates, Expect("Long", "duration", "PT16H41M")),
            Case("009", dates, Expect("Span", "duration", "P20D")));
        Assert.Equal((7, 2), (passed, failed));
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 008: 'Long': værdierne er forskellige (forventet PT16H41M, fik PT16H40M)", StringComparison.Ordinal), output);
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 009: 'Span': værdierne er forskellige (forventet P20D, fik P1Y8M)", StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("years and months duration(Start, Due)", "years and months duration() understøttes kun med konstante datoer")]
    [InlineData("duration(\"P1Y2D\")", "duration(\"P1Y2D\") er ikke en varighed")]
    [InlineData("duration(\"P1Y\") > duration(\"P1D\")", "'>' mellem en varighed i år og måneder og en varighed i dage og tid understøttes ikke")]
    [InlineData("duration(\"P1D\") * 2", "'*' med en varighed i dage og tid understøttes ikke")]
    [InlineData("date(2017, 13, 31)", "date(2017, 13, 31) er ikke en dato")]
    [InlineData("all([true, 1])", "all() understøttes kun over sandhedsværdier")]
    public void A_duration_date_or_list_construct_outside_the_mapping_is_refused_by_name(string feel, string reason)
    {
        var dmn = Definitions(InputData("Start", "date") + InputData("Due", "date") + Literal("Result", null, feel));
        var (passed, failed, output) = Run(dmn, Case("001", In("Start", "date", "2024-03-01") + In("Due", "date", "2024-03-04"), Expect("Result", "boolean", "true")));
        Assert.Equal((0, 0), (passed, failed));
        Assert.Contains(reason, output);
    }

    [Fact]
    public void A_duration_decision_read_by_a_table_is_refused_not_compared_as_a_number()
    {
        var dmn = Definitions(Literal("Wait", "days and time duration", "duration(\"P1D\")") + Decision("Result", "hitPolicy=\"UNIQUE\"",
            Input("Wait", "number") + Output(null, "string") + Rule("r1", ["> 5"], ["\"long\""]) + Rule("r2", ["<= 5"], ["\"short\""])));
        var (passed, failed, output) = Run(dmn, Case("001", "", Expect("Result", "string", "short")));
        Assert.Equal((0, 0), (passed, failed));
        Assert.True(output.Contains("Beslutningen 'Wait' er en varighed; varigheder understøttes ikke i beslutningstabeller.", StringComparison.Ordinal), output);
    }

    [Fact]
    public void All_and_any_of_written_out_booleans_are_conjunction_and_disjunction()
    {
        var dmn = Definitions(InputData("Age", "number") +
            Literal("All", "boolean", "all([Age > 10, Age > 20])") + Literal("Any", "boolean", "any(list: [Age > 10, Age > 20])") +
            Literal("None", "boolean", "any([])"));
        var (passed, failed, output) = Run(dmn,
            Case("001", In("Age", "decimal", "15"), Expect("All", "boolean", "false")),
            Case("002", In("Age", "decimal", "25"), Expect("All", "boolean", "true")),
            Case("003", In("Age", "decimal", "15"), Expect("Any", "boolean", "true")),
            Case("004", In("Age", "decimal", "5"), Expect("Any", "boolean", "false")),
            Case("005", In("Age", "decimal", "5"), Expect("None", "boolean", "false")),
            Case("006", In("Age", "decimal", "15"), Expect("Any", "boolean", "false")));
        Assert.Equal((5, 1), (passed, failed));
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 006", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_boxed_context_gives_its_result_entry_or_the_structure_of_its_entries()
    {
        var dmn = Definitions(InputData("Principal", "number") +
            """<decision id="d1" name="Payment"><variable name="Payment" typeRef="number"/><context id="c1">""" +
            """<contextEntry><variable name="Rate"/><literalExpression><text>0.05</text></literalExpression></contextEntry>""" +
            """<contextEntry><variable name="Interest"/><literalExpression><text>Principal * Rate</text></literalExpression></contextEntry>""" +
            """<contextEntry><literalExpression><text>Principal + Interest</text></literalExpression></contextEntry></context></decision>""" +
            Literal("Parts", null, "{base: Principal, double: base * 2, label: \"x\"}") +
            Literal("Reads", "number", "Parts.double + 1"));
        string Structure(decimal b, decimal d) =>
            $"""<resultNode name="Parts"><expected><component name="base"><value xsi:type="xsd:decimal">{b}</value></component><component name="double"><value xsi:type="xsd:decimal">{d}</value></component><component name="label"><value xsi:type="xsd:string">x</value></component></expected></resultNode>""";
        var principal = In("Principal", "decimal", "1000");
        var (passed, failed, output) = Run(dmn,
            Case("001", principal, Expect("Payment", "decimal", "1050")),
            Case("002", principal, Structure(1000, 2000)),
            Case("003", principal, Expect("Reads", "decimal", "2001")),
            Case("004", principal, Structure(1000, 2001)));
        Assert.Equal((3, 1), (passed, failed));
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 004: 'Parts': komponenten 'double'", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_context_entry_that_is_not_a_feel_expression_is_refused_naming_the_entry()
    {
        var dmn = Definitions(InputData("Age", "number") +
            """<decision id="d1" name="Ctx"><context id="c1"><contextEntry><variable name="Inner"/><relation id="c2"/></contextEntry></context></decision>""");
        var (passed, failed, output) = Run(dmn, Case("001", In("Age", "decimal", "1"), Expect("Ctx", "decimal", "1")));
        Assert.Equal((0, 0), (passed, failed));
        Assert.True(output.Contains("Kontekstpunktet 'Inner' i beslutningen 'Ctx' er <relation>; kun FEEL-udtryk (literalExpression), kontekster og beslutningstabeller understøttes i en kontekst.", StringComparison.Ordinal), output);
    }

    [Fact]
    public void An_error_in_a_decision_the_case_does_not_ask_for_does_not_stop_the_case()
    {
        var dmn = Definitions(InputData("Age", "number") + Literal("Broken", "number", "Age / 0") + Literal("Fine", "number", "Age + 1"));
        var (passed, failed, output) = Run(dmn,
            Case("001", In("Age", "decimal", "1"), Expect("Fine", "decimal", "2")),
            Case("002", In("Age", "decimal", "1"), Expect("Broken", "decimal", "2")));
        Assert.Equal((1, 0), (passed, failed));
        Assert.True(output.Contains("REFUSED m-test-01.xml testCase 002: evalueringen stoppede med en fejl i stedet for et svar: Division med nul.", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_business_knowledge_model_whose_body_is_a_decision_table_is_a_function_over_its_parameters()
    {
        var dmn = Definitions(InputData("Age", "number") + InputData("Name", "string") +
            """<businessKnowledgeModel id="b1" name="Band"><encapsulatedLogic><formalParameter name="years" typeRef="number"/><formalParameter name="who" typeRef="string"/>""" +
            """<decisionTable id="bt" hitPolicy="FIRST"><input id="bi1"><inputExpression typeRef="number"><text>years</text></inputExpression></input><output id="bo" typeRef="string"/>""" +
            Rule("br1", ["< 18"], ["who + \" is young\""]) + Rule("br2", ["-"], ["who + \" is grown\""]) +
            """</decisionTable></encapsulatedLogic></businessKnowledgeModel>""" +
            """<decision id="d1" name="Label"><variable name="Label" typeRef="string"/><invocation><literalExpression><text>Band</text></literalExpression>""" +
            """<binding><parameter name="years"/><literalExpression><text>Age + 1</text></literalExpression></binding>""" +
            """<binding><parameter name="who"/><literalExpression><text>Name</text></literalExpression></binding></invocation></decision>""");
        var inputs = (string age) => In("Age", "decimal", age) + In("Name", "string", "Ann");
        var (passed, failed, output) = Run(dmn,
            Case("001", inputs("10"), Expect("Label", "string", "Ann is young")),
            Case("002", inputs("17"), Expect("Label", "string", "Ann is grown")),
            Case("003", inputs("30"), Expect("Label", "string", "Ann is young")));
        Assert.Equal((2, 1), (passed, failed));
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 003: 'Label': værdierne er forskellige (forventet \"Ann is young\", fik \"Ann is grown\")", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_table_in_a_nested_context_reads_the_entries_before_it_and_computes_its_output_entries()
    {
        var dmn = Definitions(InputData("Principal", "number") +
            """<decision id="d1" name="Payment"><variable name="Payment" typeRef="number"/><context id="c1">""" +
            """<contextEntry><variable name="Rate"/><literalExpression><text>0.05</text></literalExpression></contextEntry>""" +
            """<contextEntry><variable name="Inner"/><context id="c2"><contextEntry><variable name="Due"/>""" +
            """<decisionTable id="t1" hitPolicy="UNIQUE"><input id="ti1"><inputExpression typeRef="number"><text>Rate</text></inputExpression></input><output id="to1"/>""" +
            Rule("tr1", ["0.05"], ["Principal * Rate"]) + Rule("tr2", ["!= 0.05"], ["0"]) +
            """</decisionTable></contextEntry><contextEntry><literalExpression><text>Due + 1</text></literalExpression></contextEntry></context></contextEntry>""" +
            """<contextEntry><literalExpression><text>Inner * 2</text></literalExpression></contextEntry></context></decision>""");
        var (passed, failed, output) = Run(dmn,
            Case("001", In("Principal", "decimal", "1000"), Expect("Payment", "decimal", "102")),
            Case("002", In("Principal", "decimal", "1000"), Expect("Payment", "decimal", "100")));
        Assert.Equal((1, 1), (passed, failed));
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 002: 'Payment': værdierne er forskellige (forventet 100, fik 102.00)", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_business_knowledge_model_table_giving_several_values_is_refused()
    {
        var dmn = Definitions(InputData("Age", "number") +
            """<businessKnowledgeModel id="b1" name="Bands"><encapsulatedLogic><formalParameter name="years" typeRef="number"/>""" +
            """<decisionTable id="bt" hitPolicy="COLLECT"><input id="bi1"><inputExpression typeRef="number"><text>years</text></inputExpression></input><output id="bo" typeRef="number"/>""" +
            Rule("br1", ["< 18"], ["1"]) + Rule("br2", ["-"], ["2"]) +
            """</decisionTable></encapsulatedLogic></businessKnowledgeModel>""" +
            Literal("Result", "number", "Bands(Age)"));
        var (passed, failed, output) = Run(dmn, Case("001", In("Age", "decimal", "1"), Expect("Result", "decimal", "1")));
        Assert.Equal((0, 0), (passed, failed));
        Assert.True(output.Contains("Forretningsvidensmodellen 'Bands' er en tabel med flere værdier pr. kald; kun én værdi pr. kald understøttes.", StringComparison.Ordinal), output);
    }

    private const string ListTypes =
        """<itemDefinition name="tNumbers" isCollection="true"><typeRef>number</typeRef></itemDefinition>""" +
        """<itemDefinition name="tLoan"><itemComponent name="amount"><typeRef>number</typeRef></itemComponent><itemComponent name="kind"><typeRef>string</typeRef></itemComponent></itemDefinition>""" +
        """<itemDefinition name="tLoans" isCollection="true"><typeRef>tLoan</typeRef></itemDefinition>""";

    private static string Numbers(params decimal[] values) =>
        $"""<inputNode name="Numbers"><list>{string.Concat(values.Select(v => $"<item><value xsi:type=\"xsd:decimal\">{v}</value></item>"))}</list></inputNode>""";

    private static string Loans(params (decimal Amount, string Kind)[] loans) =>
        $"""<inputNode name="Loans"><list>{string.Concat(loans.Select(l => $"<item><component name=\"amount\"><value xsi:type=\"xsd:decimal\">{l.Amount}</value></component><component name=\"kind\"><value xsi:type=\"xsd:string\">{l.Kind}</value></component></item>"))}</list></inputNode>""";

    [Fact]
    public void Collections_are_list_facts_read_by_the_list_built_ins_filters_and_some_every()
    {
        var dmn = Definitions(ListTypes + InputData("Numbers", "tNumbers") + InputData("Loans", "tLoans") +
            Literal("Count", "number", "count(Numbers)") +
            Literal("Total", "number", "sum(Numbers)") +
            Literal("Average", "number", "mean(Numbers)") +
            Literal("Smallest", "number", "min(Numbers)") +
            Literal("Has Two", "boolean", "list contains(Numbers, 2)") +
            Literal("Car Total", "number", "sum(Loans[kind = \"car\"].amount)") +
            Literal("Big Ones", "number", "count(Loans[item.amount > 100])") +
            Literal("Any Big", "boolean", "some l in Loans satisfies l.amount > 100") +
            Literal("All Cars", "boolean", "every l in Loans satisfies l.kind = \"car\""));
        var inputs = Numbers(1, 2, 6) + Loans((50, "car"), (200, "house"), (150, "car"));
        var (passed, failed, output) = Run(dmn,
            Case("001", inputs, Expect("Count", "decimal", "3")),
            Case("002", inputs, Expect("Total", "decimal", "9")),
            Case("003", inputs, Expect("Average", "decimal", "3")),
            Case("004", inputs, Expect("Smallest", "decimal", "1")),
            Case("005", inputs, Expect("Has Two", "boolean", "true")),
            Case("006", inputs, Expect("Car Total", "decimal", "200")),
            Case("007", inputs, Expect("Big Ones", "decimal", "2")),
            Case("008", inputs, Expect("Any Big", "boolean", "true")),
            Case("009", inputs, Expect("All Cars", "boolean", "false")),
            Case("010", inputs, Expect("Car Total", "decimal", "250")));
        Assert.Equal((9, 1), (passed, failed));
        Assert.True(output.Contains("FAIL m-test-01.xml testCase 010: 'Car Total': værdierne er forskellige (forventet 250, fik 200)", StringComparison.Ordinal), output);
    }

    [Fact]
    public void The_sum_of_an_empty_list_is_refused_not_answered_zero_as_feel_gives_null()
    {
        var dmn = Definitions(ListTypes + InputData("Numbers", "tNumbers") + Literal("Total", "number", "sum(Numbers)"));
        var (passed, failed, output) = Run(dmn, Case("001", Numbers(), Expect("Total", "decimal", "0")));
        Assert.Equal((0, 0), (passed, failed));
        Assert.True(output.Contains("REFUSED m-test-01.xml testCase 001: evalueringen stoppede med en fejl", StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("Numbers + 1", "'Numbers' er en liste; den kan kun bruges i count, sum, mean, min, max, list contains og some/every.")]
    [InlineData("sum(Loans)", "sum() af en liste af strukturer kræver et felt (liste.felt).")]
    [InlineData("count(Loans[amount > amount])", "")]
    [InlineData("some l in Loans satisfies l.amount > Amount", "'Amount' har samme navn som et felt i listen")]
    [InlineData("for n in Numbers return n + 1", "FEEL-udtryk med 'for' understøttes ikke.")]
    [InlineData("list contains(Numbers, Item)", "'Item' har samme navn som et felt i listen")]
    public void List_constructs_beyond_the_mapping_are_refused_by_name(string feel, string reason)
    {
        var dmn = Definitions(ListTypes + InputData("Numbers", "tNumbers") + InputData("Loans", "tLoans") + InputData("Amount", "number") + InputData("Item", "number") + Literal("Result", null, feel));
        var (passed, failed, output) = Run(dmn, Case("001", Numbers(1) + Loans((1, "car")) + In("Amount", "decimal", "1") + In("Item", "decimal", "1"), Expect("Result", "decimal", "1")));
        if (reason.Length == 0)
        {
            // amount > amount reads the item's field twice: answered (0 items), and here compared with a wrong expectation.
            Assert.Equal((0, 1), (passed, failed));
            return;
        }
        Assert.Equal((0, 0), (passed, failed));
        Assert.True(output.Contains(reason, StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_context_refused_at_a_later_entry_leaves_nothing_of_it_in_the_version_and_the_decisions_it_read_intact()
    {
        var dmn = Definitions(InputData("Age", "number") + Literal("Older", "number", "Age + 1") +
            Literal("Broken", null, "{a: Older * 2, b: a + null}") + Literal("Fine", "number", "Older + 1"));
        var (passed, failed, output) = Run(dmn,
            Case("001", In("Age", "decimal", "1"), Expect("Fine", "decimal", "3")),
            Case("002", In("Age", "decimal", "1"), Expect("Broken", "decimal", "3")));
        Assert.Equal((1, 0), (passed, failed));
        Assert.True(output.Contains("REFUSED m-test-01.xml testCase 002: beslutningen 'Broken' kan ikke importeres", StringComparison.Ordinal), output);
        var import = DmnImporter.Import(dmn, partial: true);
        Assert.Equal(["older", "fine"], import.Version!.Derived.Select(d => d.Name));
    }
}
