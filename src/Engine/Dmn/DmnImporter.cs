using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Serviceloven.Engine.Dmn;

/// <summary>
/// Reads a DMN 1.1-1.5 model (.dmn XML) into one <see cref="RulesetVersion"/>: the table inputs become facts and each
/// decision becomes one decision table. Only decision tables with simple unary tests and literal outputs are supported;
/// everything else is reported as a <see cref="DmnImportProblem"/> naming the element and its id.
/// </summary>
public static partial class DmnImporter
{
    /// <summary>The model namespaces of DMN 1.1, 1.2, 1.3, 1.4 and 1.5.</summary>
    public static readonly IReadOnlyList<string> Namespaces =
    [
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
        "https://www.omg.org/spec/DMN/20211108/MODEL/",
        "https://www.omg.org/spec/DMN/20230324/MODEL/",
    ];

    /// <summary>The date imported versions are valid from when the caller gives none.</summary>
    public static readonly DateOnly DefaultValidFrom = new(2000, 1, 1);

    /// <param name="partial">
    /// Leave out the decisions (and knowledge models) that cannot be imported, each named in <see cref="DmnImport.Refused"/>
    /// with its reasons, and import the rest; for conformance runs, where one unsupported decision must not hide the others.
    /// </param>
    public static DmnImport Import(string xml, DateOnly? validFrom = null, string? sourceName = null, bool partial = false)
    {
        using var reader = new StringReader(xml);
        return Import(XmlReader.Create(reader, ReaderSettings), validFrom, sourceName, partial);
    }

    public static DmnImport Import(Stream stream, DateOnly? validFrom = null, string? sourceName = null, bool partial = false) =>
        Import(XmlReader.Create(stream, ReaderSettings), validFrom, sourceName, partial);

    // No DTDs and no external entities: a model file is data, never a reference to other files.
    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private static DmnImport Import(XmlReader reader, DateOnly? validFrom, string? sourceName, bool partial)
    {
        XDocument doc;
        try
        {
            using (reader) doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return new DmnImport { Problems = [new(DmnProblemSeverity.Error, "definitions", null, $"Filen er ikke gyldig XML: {ex.Message}")] };
        }
        var root = doc.Root!;
        if (root.Name.LocalName != "definitions" || !Namespaces.Contains(root.Name.NamespaceName))
            return new DmnImport
            {
                Problems = [new(DmnProblemSeverity.Error, root.Name.LocalName, Attr(root, "id"),
                    $"Filen er ikke en DMN-model: roden skal være <definitions> i et af navnerummene for DMN 1.1-1.5, men er <{root.Name.LocalName}> i '{root.Name.NamespaceName}'.")],
            };
        return new ModelReader(root, validFrom ?? DefaultValidFrom, sourceName, partial).Read();
    }

    internal static string? Attr(XElement e, string name) => e.Attribute(name)?.Value;

    /// <summary>A FEEL name as an inputExpression may hold it: words of letters, digits and '_' separated by spaces.</summary>
    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_]*( [\p{L}\p{N}_]+)*$")]
    internal static partial Regex SimpleName();
}
