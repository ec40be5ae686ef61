using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Serviceloven.Engine.Dmn;

/// <summary>A value in a DMN TCK test file: a typed scalar, null, a list or a structure of named components.</summary>
public abstract record TckValue
{
    /// <summary>decimal, string, bool, DateOnly or DmnDurationValue; Typed is false for a value without xsi:type (read by the fact's type).</summary>
    public sealed record Scalar(object Value, bool Typed) : TckValue;
    public sealed record Null : TckValue;
    public sealed record List(IReadOnlyList<TckValue> Items) : TckValue;
    public sealed record Structure(IReadOnlyList<KeyValuePair<string, TckValue>> Components) : TckValue;
    /// <summary>A value of a type the runner does not compare (date and time, duration, ...).</summary>
    public sealed record Unsupported(string Reason) : TckValue;
}

public sealed record TckInput(string Name, TckValue Value);

public sealed record TckResult(string Name, bool ErrorResult, TckValue Expected);

public sealed record TckTestCase(string Id, string? Description, string Type, IReadOnlyList<TckInput> Inputs, IReadOnlyList<TckResult> Results);

/// <summary>A DMN TCK test file (*-test-01.xml, schema testCases.xsd): the model it tests and its test cases.</summary>
public sealed record TckTestFile(string Path, string? ModelName, IReadOnlyList<TckTestCase> Cases)
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Reads a test file; <paramref name="path"/> only names it.</summary>
    public static TckTestFile Read(Stream stream, string path)
    {
        XDocument doc;
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            doc = XDocument.Load(reader);
        var root = doc.Root!;
        var cases = new List<TckTestCase>();
        var n = 0;
        foreach (var tc in Children(root, "testCase"))
        {
            n++;
            cases.Add(new TckTestCase(
                tc.Attribute("id")?.Value ?? n.ToString(CultureInfo.InvariantCulture),
                Child(tc, "description")?.Value,
                tc.Attribute("type")?.Value ?? "decision",
                Children(tc, "inputNode").Select(i => new TckInput(i.Attribute("name")?.Value ?? "", ReadValue(i))).ToList(),
                Children(tc, "resultNode").Select(r => new TckResult(
                    r.Attribute("name")?.Value ?? "",
                    r.Attribute("errorResult")?.Value is "true" or "1",
                    Child(r, "expected") is { } e ? ReadValue(e) : new TckValue.Null())).ToList()));
        }
        return new TckTestFile(path, Child(root, "modelName")?.Value.Trim(), cases);
    }

    // Matched on local names, so the reader does not depend on the testcase namespace's version.
    private static IEnumerable<XElement> Children(XElement e, string localName) => e.Elements().Where(c => c.Name.LocalName == localName);
    private static XElement? Child(XElement e, string localName) => Children(e, localName).FirstOrDefault();

    private static bool IsNil(XElement e) => e.Attribute(Xsi + "nil")?.Value is "true" or "1";

    /// <summary>An element of the schema's valueType: value, component* or list.</summary>
    private static TckValue ReadValue(XElement e)
    {
        if (IsNil(e)) return new TckValue.Null();
        if (Child(e, "value") is { } value) return IsNil(value) ? new TckValue.Null() : Scalar(value);
        if (Child(e, "list") is { } list)
            return IsNil(list) ? new TckValue.Null() : new TckValue.List(Children(list, "item").Select(ReadValue).ToList());
        var components = Children(e, "component").ToList();
        if (components.Count > 0)
            return new TckValue.Structure(components.Select(c => new KeyValuePair<string, TckValue>(c.Attribute("name")?.Value ?? "", ReadValue(c))).ToList());
        return new TckValue.Null();
    }

    private static TckValue Scalar(XElement value)
    {
        var text = value.Value;
        var type = value.Attribute(Xsi + "type")?.Value;
        if (type is null) return new TckValue.Scalar(text, false);
        var local = type.Contains(':') ? type[(type.IndexOf(':') + 1)..] : type;
        switch (local)
        {
            case "decimal" or "double" or "float" or "integer" or "int" or "long" or "short":
                return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? new TckValue.Scalar(d, true)
                    : new TckValue.Unsupported($"tallet '{text}' kan ikke læses som decimal");
            case "string":
                return new TckValue.Scalar(text, true);
            case "boolean":
                return text.Trim() switch
                {
                    "true" or "1" => new TckValue.Scalar(true, true),
                    "false" or "0" => new TckValue.Scalar(false, true),
                    _ => new TckValue.Unsupported($"'{text}' er ikke en boolean"),
                };
            case "date":
                return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new TckValue.Scalar(date, true)
                    : new TckValue.Unsupported($"'{text}' er ikke en dato på formen ÅÅÅÅ-MM-DD");
            case "duration" or "dayTimeDuration" or "yearMonthDuration":
                return DmnDurationValue.Parse(text.Trim()) is { } duration
                    ? new TckValue.Scalar(duration, true)
                    : new TckValue.Unsupported($"varigheden '{text}' kan ikke læses (kun år og måneder eller dage og tid)");
            default:
                return new TckValue.Unsupported($"værdier af typen {type} understøttes ikke");
        }
    }
}
