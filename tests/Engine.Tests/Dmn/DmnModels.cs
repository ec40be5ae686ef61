namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>Small inline DMN models for the importer tests.</summary>
internal static class DmnModels
{
    public const string Dmn15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";

    public static string Definitions(string body, string ns = Dmn15) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="{ns}" id="defs" name="Testmodel" namespace="http://example.org/test">{body}</definitions>""";

    public static string InputData(string name, string typeRef) =>
        $"""<inputData id="in_{name.Replace(' ', '_')}" name="{name}"><variable name="{name}" typeRef="{typeRef}"/></inputData>""";

    public static string Input(string name, string typeRef, string? inputValues = null) =>
        $"""<input id="i_{name.Replace(' ', '_')}" label="{name}"><inputExpression typeRef="{typeRef}"><text>{name}</text></inputExpression>{(inputValues is null ? "" : $"<inputValues><text>{inputValues}</text></inputValues>")}</input>""";

    public static string Output(string? name, string? typeRef, string? outputValues = null, string? defaultEntry = null) =>
        $"""<output id="o_{name?.Replace(' ', '_').Replace('/', '_')}"{(name is null ? "" : $" name=\"{name}\"")}{(typeRef is null ? "" : $" typeRef=\"{typeRef}\"")}>{(outputValues is null ? "" : $"<outputValues><text>{outputValues}</text></outputValues>")}{(defaultEntry is null ? "" : $"<defaultOutputEntry><text>{defaultEntry}</text></defaultOutputEntry>")}</output>""";

    public static string Rule(string id, string[] when, string[] then) =>
        $"""<rule id="{id}">{string.Concat(when.Select((w, i) => $"<inputEntry id=\"{id}_in{i}\"><text>{Escape(w)}</text></inputEntry>"))}{string.Concat(then.Select((t, i) => $"<outputEntry id=\"{id}_out{i}\"><text>{Escape(t)}</text></outputEntry>"))}</rule>""";

    public static string Decision(string name, string tableAttributes, string columnsAndRules, string? variableType = null) =>
        $"""<decision id="d_{name.Replace(' ', '_')}" name="{name}">{(variableType is null ? "" : $"<variable name=\"{name}\" typeRef=\"{variableType}\"/>")}<decisionTable id="dt_{name.Replace(' ', '_')}" {tableAttributes}>{columnsAndRules}</decisionTable></decision>""";

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>One decision "Result" over a number input "Age" with a string output, in the given hit policy.</summary>
    public static string AgeTable(string tableAttributes, string outputValues = "\"low\", \"high\"") => Definitions(
        InputData("Age", "number") +
        Decision("Result", tableAttributes,
            Input("Age", "number") + Output(null, "string", outputValues) +
            Rule("r1", [">= 18"], ["\"high\""]) +
            Rule("r2", ["-"], ["\"low\""])));
}
