using System.Xml.Linq;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Dmn.DmnImporter;

namespace Serviceloven.Engine.Dmn;

/// <summary>One pass over a DMN &lt;definitions&gt; element; collects the version, the name mapping and every problem.</summary>
internal sealed class ModelReader(XElement root, DateOnly validFrom, string? sourceName)
{
    private readonly XNamespace _ns = root.Name.Namespace;
    private readonly List<DmnImportProblem> _problems = [];
    private readonly Dictionary<string, XElement> _itemDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _inputData = new(StringComparer.Ordinal);
    private readonly HashSet<string> _decisionNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactDefinition> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inputNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tableIds = new(StringComparer.Ordinal);
    private readonly List<DecisionTable> _tables = [];
    private readonly List<DmnDecision> _decisions = [];

    /// <summary>Elements that document a model without changing what it decides.</summary>
    private static readonly HashSet<string> Documentation = new(StringComparer.Ordinal)
    {
        "description", "extensionElements", "knowledgeSource", "textAnnotation", "association", "group",
        "elementCollection", "performanceIndicator", "organizationUnit", "businessContextElement",
    };

    /// <summary>Children of &lt;decision&gt; that are not its expression.</summary>
    private static readonly HashSet<string> DecisionParts = new(StringComparer.Ordinal)
    {
        "description", "extensionElements", "question", "allowedAnswers", "variable", "informationRequirement",
        "knowledgeRequirement", "authorityRequirement", "supportedObjective", "impactedPerformanceIndicator",
        "decisionMaker", "decisionOwner", "usingProcess", "usingTask",
    };

    public DmnImport Read()
    {
        foreach (var e in root.Elements(_ns + "itemDefinition"))
            if (Attr(e, "name") is { } n) _itemDefinitions[n] = e;
        foreach (var e in root.Elements(_ns + "inputData"))
            if (Attr(e, "name") is { } n) _inputData[n] = e;
        foreach (var e in root.Elements(_ns + "decision"))
            if (Attr(e, "name") is { } n) _decisionNames.Add(n);

        foreach (var e in root.Elements().Where(e => e.Name.Namespace == _ns))
        {
            switch (e.Name.LocalName)
            {
                case "decision":
                    ReadDecision(e);
                    break;
                case "inputData" or "itemDefinition":
                    break;
                case "businessKnowledgeModel":
                    Error(e, "Forretningsvidensmodeller (businessKnowledgeModel) understøttes ikke; kun beslutningstabeller i beslutninger.");
                    break;
                case "decisionService":
                    Error(e, "Beslutningstjenester (decisionService) understøttes ikke.");
                    break;
                case "import":
                    Error(e, "Import af andre modeller understøttes ikke.");
                    break;
                default:
                    if (!Documentation.Contains(e.Name.LocalName))
                        Error(e, $"Elementet <{e.Name.LocalName}> understøttes ikke.");
                    break;
            }
        }
        if (_decisionNames.Count == 0) Error(root, "Modellen har ingen beslutninger (<decision>).");

        var hasErrors = _problems.Any(p => p.Severity == DmnProblemSeverity.Error);
        var version = hasErrors ? null : new RulesetVersion
        {
            ValidFrom = validFrom,
            ChangeNote = $"Importeret fra DMN-modellen '{Attr(root, "name") ?? sourceName ?? "(uden navn)"}'{(sourceName is null ? "" : $" ({sourceName})")}.",
            Facts = [.. _facts.Values],
            Tables = [.. _tables],
            Outcome = ChooseOutcome(),
        };
        return new DmnImport { Version = version, Problems = _problems, Inputs = _inputNames, Decisions = _decisions };
    }

    /// <summary>The first single-valued text output of the first decision that has one; a model without one decides no outcome code.</summary>
    private string ChooseOutcome() =>
        _tables.Where(t => !t.ReturnsList).SelectMany(t => t.Outputs).FirstOrDefault(o => o.Type.IsString())?.Name ?? "";

    private void ReadDecision(XElement decision)
    {
        var name = Attr(decision, "name");
        if (name is null)
        {
            Error(decision, "Beslutningen har intet navn.");
            return;
        }
        var errorsBefore = ErrorCount;
        foreach (var req in decision.Elements(_ns + "informationRequirement"))
            if (req.Element(_ns + "requiredDecision") is { } rd)
                Error(req, $"Beslutningen '{name}' bruger resultatet af beslutningen '{Attr(rd, "href")}'; krav mellem beslutninger understøttes ikke.");
        foreach (var req in decision.Elements(_ns + "knowledgeRequirement"))
            Error(req, $"Beslutningen '{name}' kalder en forretningsvidensmodel (knowledgeRequirement); det understøttes ikke.");

        var expression = decision.Elements().FirstOrDefault(e => e.Name.Namespace == _ns && !DecisionParts.Contains(e.Name.LocalName));
        if (expression is null)
        {
            Error(decision, $"Beslutningen '{name}' har intet udtryk.");
            return;
        }
        if (expression.Name.LocalName != "decisionTable")
        {
            var what = expression.Name.LocalName switch
            {
                "literalExpression" => "et FEEL-udtryk (literalExpression)",
                "context" => "en kontekst (context)",
                "invocation" => "et kald (invocation)",
                "functionDefinition" => "en funktionsdefinition (functionDefinition)",
                "relation" => "en relation (relation)",
                "list" => "en liste (list)",
                var other => $"et boxed expression af typen <{other}>",
            };
            Error(expression, $"Beslutningen '{name}' er {what}; kun beslutningstabeller (decisionTable) understøttes.", decision);
            return;
        }
        var table = new TableReader(this, decision, name, expression).Read();
        if (table is not null && ErrorCount == errorsBefore) _tables.Add(table);
    }

    private int ErrorCount => _problems.Count(p => p.Severity == DmnProblemSeverity.Error);

    // ---------- used by TableReader ----------

    internal XNamespace Ns => _ns;

    internal void Error(XElement e, string message, XElement? idFrom = null) =>
        _problems.Add(new(DmnProblemSeverity.Error, e.Name.LocalName, Attr(e, "id") ?? (idFrom is null ? null : Attr(idFrom, "id")), message));

    internal void Warning(XElement e, string message, XElement? idFrom = null) =>
        _problems.Add(new(DmnProblemSeverity.Warning, e.Name.LocalName, Attr(e, "id") ?? (idFrom is null ? null : Attr(idFrom, "id")), message));

    internal bool IsDecision(string name) => _decisionNames.Contains(name);
    internal XElement? InputData(string name) => _inputData.GetValueOrDefault(name);
    /// <summary>
    /// The fact a name in a unary test refers to (<c>&gt;= Limit</c>): an input already declared, or an inputData of a
    /// simple type, declared now. Null for anything else.
    /// </summary>
    internal string? FactName(string dmnName, XElement at)
    {
        if (_inputNames.TryGetValue(dmnName, out var name)) return name;
        if (_inputData.GetValueOrDefault(dmnName)?.Element(_ns + "variable") is not { } variable) return null;
        var type = ResolveType(Attr(variable, "typeRef"), at);
        if (type?.Kind is not { } kind || type.Structured) return null;
        if (kind == ValueKind.Text && type.Values is { Count: > 0 }) kind = ValueKind.Enum;
        return DeclareFact(at, dmnName, kind, kind == ValueKind.Enum ? type.Values : null, testsNull: false)?.Name;
    }
    internal string NewName(string dmnName, string? prefix = null) => DmnNames.Unique(dmnName, _names, prefix);
    internal string NewTableId(string dmnName) => DmnNames.Unique(dmnName, _tableIds);
    internal void AddDecision(DmnDecision d) => _decisions.Add(d);

    /// <summary>The fact for a DMN input, declared on first use; the same input in two tables must have one type.</summary>
    internal FactDefinition? DeclareFact(XElement at, string dmnName, ValueKind type, IReadOnlyList<string>? values, bool testsNull)
    {
        if (_inputNames.TryGetValue(dmnName, out var existing))
        {
            var fact = _facts[existing];
            if (fact.Type != type)
            {
                Error(at, $"Inputtet '{dmnName}' har typen {fact.Type.Danish()} i én tabel og {type.Danish()} i en anden.");
                return null;
            }
            // A null test anywhere makes the fact optional: the model expects it may be missing.
            if (testsNull && fact.Required) _facts[existing] = fact with { Required = false };
            return _facts[existing];
        }
        var name = NewName(dmnName);
        var def = new FactDefinition
        {
            Name = name, Type = type, Label = dmnName, Required = !testsNull,
            Values = values?.Select(v => new EnumValue { Value = v }).ToList(),
        };
        _facts[name] = def;
        _inputNames[dmnName] = name;
        return def;
    }

    internal sealed record ResolvedType(ValueKind? Kind, IReadOnlyList<string>? Values, bool Structured);

    /// <summary>A typeRef (number, string, boolean, date, or an itemDefinition over one of them) as a value kind.</summary>
    internal ResolvedType? ResolveType(string? typeRef, XElement at, int depth = 0)
    {
        if (string.IsNullOrWhiteSpace(typeRef)) return new ResolvedType(null, null, false);
        var local = typeRef.Contains(':') ? typeRef[(typeRef.LastIndexOf(':') + 1)..] : typeRef;
        switch (local.Trim())
        {
            case "number" or "decimal" or "integer" or "int" or "long" or "double":
                return new ResolvedType(ValueKind.Decimal, null, false);
            case "string":
                return new ResolvedType(ValueKind.Text, null, false);
            case "boolean":
                return new ResolvedType(ValueKind.Bool, null, false);
            case "date":
                return new ResolvedType(ValueKind.Date, null, false);
            case "date and time" or "dateTime" or "time" or "days and time duration" or "dayTimeDuration"
                or "years and months duration" or "yearMonthDuration" or "duration" or "context" or "list" or "function" or "Any":
                Error(at, $"Typen '{typeRef}' understøttes ikke; kun number, string, boolean og date.");
                return null;
        }
        if (depth < 8 && _itemDefinitions.TryGetValue(typeRef, out var item))
        {
            if (Attr(item, "isCollection") == "true" || item.Elements(_ns + "itemComponent").Any())
                return new ResolvedType(null, null, true);
            var inner = ResolveType(item.Element(_ns + "typeRef")?.Value, at, depth + 1);
            if (inner is null) return null;
            var allowed = item.Element(_ns + "allowedValues")?.Element(_ns + "text")?.Value;
            return allowed is null ? inner : inner with { Values = StringValues(allowed, item.Element(_ns + "allowedValues")!) ?? inner.Values };
        }
        Error(at, $"Typen '{typeRef}' er hverken en FEEL-grundtype eller en itemDefinition i modellen.");
        return null;
    }

    /// <summary>A list of string literals as enum values; null (with a warning) when the list holds anything else.</summary>
    internal List<string>? StringValues(string text, XElement at)
    {
        try
        {
            var literals = Feel.TranslateLiteralList(text);
            if (literals.All(l => l.Kind == FeelKind.String)) return literals.Select(l => l.Text).ToList();
        }
        catch (FeelException) { }
        Warning(at, $"Værdilisten '{text.Trim()}' ignoreres: kun lister af tekster bliver til tilladte værdier.");
        return null;
    }
}
