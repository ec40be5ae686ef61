using System.Xml.Linq;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Dmn.DmnImporter;

namespace Serviceloven.Engine.Dmn;

/// <summary>One pass over a DMN &lt;definitions&gt; element; collects the version, the name mapping and every problem.</summary>
internal sealed class ModelReader(XElement root, DateOnly validFrom, string? sourceName, bool partial = false)
{
    private readonly XNamespace _ns = root.Name.Namespace;
    private readonly List<DmnImportProblem> _problems = [];
    private readonly Dictionary<string, XElement> _itemDefinitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _inputData = new(StringComparer.Ordinal);
    private readonly HashSet<string> _decisionNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _decisionElements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _bkms = new(StringComparer.Ordinal);
    /// <summary>Each decision's value as other expressions read it; null when the decision could not be imported.</summary>
    private readonly Dictionary<string, FeelName?> _decisionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reading = new(StringComparer.Ordinal);
    /// <summary>The decisions being read, innermost last: a decision read meanwhile is required by the one on top.</summary>
    private readonly Stack<string> _readingOrder = new();
    private readonly Dictionary<string, HashSet<string>> _requires = new(StringComparer.Ordinal);
    /// <summary>The facts each decision reads (by DMN decision name), for running a case over part of the model.</summary>
    private readonly Dictionary<string, HashSet<string>> _reads = new(StringComparer.Ordinal);

    /// <summary>Records that the decision being read reads the fact; returns the fact's name.</summary>
    private string Reads(string fact)
    {
        if (_readingOrder.TryPeek(out var reader))
        {
            if (!_reads.TryGetValue(reader, out var set)) _reads[reader] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(fact);
        }
        return fact;
    }
    private readonly Dictionary<string, FeelFunction?> _functionsByName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _functionsReading = new(StringComparer.Ordinal);
    /// <summary>In a partial import, why a business knowledge model was left out, for the decisions that invoke it.</summary>
    private readonly Dictionary<string, string> _functionRefusals = new(StringComparer.Ordinal);
    private readonly List<DerivedValue> _derived = [];
    private readonly List<FunctionDefinition> _functions = [];
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactDefinition> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inputNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tableIds = new(StringComparer.Ordinal);
    private readonly List<DecisionTable> _tables = [];
    /// <summary>Tables that are entries of a context: a part of a decision, never the version's outcome.</summary>
    private readonly HashSet<string> _contextTables = new(StringComparer.Ordinal);
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
            if (Attr(e, "name") is { } n)
            {
                _decisionNames.Add(n);
                _decisionElements.TryAdd(n, e);
            }
        foreach (var e in root.Elements(_ns + "businessKnowledgeModel"))
            if (Attr(e, "name") is { } n) _bkms.TryAdd(n, e);

        foreach (var e in root.Elements().Where(e => e.Name.Namespace == _ns))
        {
            switch (e.Name.LocalName)
            {
                case "decision":
                    if (Attr(e, "name") is not { } decisionName) Error(e, "Beslutningen har intet navn.");
                    else DecisionValue(decisionName, e);
                    break;
                case "inputData" or "itemDefinition":
                    break;
                case "businessKnowledgeModel":
                    // Read when invoked; one nobody invokes is still checked, so a model's errors are all reported.
                    if (Attr(e, "name") is { } bkmName) Function(bkmName, e);
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
            Derived = [.. _derived],
            Functions = _functions.Count == 0 ? null : [.. _functions],
            Tables = [.. _tables],
            Outcome = ChooseOutcome(),
        };
        return new DmnImport { Version = version, Problems = _problems, Inputs = _inputNames, Decisions = _decisions, Refused = _refused,
            Requires = _requires.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal),
            Reads = _reads.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal) };
    }

    /// <summary>The first single-valued text output of the first decision that has one; a model without one decides no outcome code.</summary>
    private string ChooseOutcome() =>
        _tables.Where(t => !t.ReturnsList && !_contextTables.Contains(t.Id)).SelectMany(t => t.Outputs).FirstOrDefault(o => o.Type.IsString())?.Name ?? "";

    /// <summary>
    /// A decision's value as other expressions read it, reading the decision on first use (so decisions may require
    /// decisions written after them); a decision requiring itself, directly or through others, is refused naming it.
    /// </summary>
    internal FeelName? DecisionValue(string name, XElement at)
    {
        if (_readingOrder.TryPeek(out var reader)) Requires(reader).Add(name);
        if (_decisionValues.TryGetValue(name, out var known)) return known;
        if (!_reading.Add(name))
        {
            Error(at, $"Beslutningen '{name}' afhænger af sig selv (en ring af beslutninger).");
            return null;
        }
        var before = _problems.Count;
        _readingOrder.Push(name);
        Requires(name);
        var value = ReadDecision(name, _decisionElements[name]);
        _readingOrder.Pop();
        if (partial && ErrorsSince(before) is { } why)
        {
            _refused[name] = why;
            value = null;
        }
        _reading.Remove(name);
        _decisionValues[name] = value;
        return value;
    }

    private HashSet<string> Requires(string decision) =>
        _requires.TryGetValue(decision, out var set) ? set : _requires[decision] = new HashSet<string>(StringComparer.Ordinal);

    private FeelName? ReadDecision(string name, XElement decision)
    {
        var errorsBefore = ErrorCount;
        var expression = decision.Elements().FirstOrDefault(e => e.Name.Namespace == _ns && !DecisionParts.Contains(e.Name.LocalName));
        if (expression is null)
        {
            Error(decision, $"Beslutningen '{name}' har intet udtryk (decision logic); den kan ikke evalueres.");
            return null;
        }
        if (expression.Name.LocalName == "literalExpression" && expression.Element(_ns + "text")?.Value is { } literalText)
        {
            IReadOnlyList<(string Name, string Text)>? literal;
            try { literal = FeelExpression.ContextEntries(literalText); }
            catch (FeelException ex)
            {
                Error(expression, $"Beslutningen '{name}': {ex.Message}", decision);
                return null;
            }
            if (literal is not null)
                return ReadContext(name, decision, expression, literal.Select(e => ((string?)e.Name, (string?)e.Text, expression)).ToList());
        }
        switch (expression.Name.LocalName)
        {
            case "decisionTable":
            {
                var table = new TableReader(this, decision, name, expression).Read();
                if (table is null || ErrorCount != errorsBefore) return null;
                _tables.Add(table);
                // Another decision reads a single-valued table of one output by the decision's name.
                return !table.ReturnsList && table.Outputs.Count == 1 ? new FeelName(table.Outputs[0].Name, table.Outputs[0].Type) : null;
            }
            case "context":
                return ReadContext(name, decision, expression, BoxedEntries(name, decision, expression));
            case "literalExpression" or "invocation":
            {
                var text = expression.Name.LocalName == "literalExpression"
                    ? expression.Element(_ns + "text")?.Value
                    : InvocationText(name, expression);
                if (text is null)
                {
                    if (ErrorCount == errorsBefore) Error(expression, $"Beslutningen '{name}' har et tomt udtryk.", decision);
                    return null;
                }
                var declared = DeclaredKind(decision.Element(_ns + "variable") is { } v ? Attr(v, "typeRef") : null, Attr(expression, "typeRef"), expression, allowDuration: true);
                if (declared is { Structured: true }) return null;
                FeelValue value;
                try { value = FeelExpression.Translate(text, n => ExpressionName(n, expression) ?? Unusable(n), n => Function(n, expression) ?? UnusableFunction(n)); }
                catch (FeelException ex)
                {
                    Error(expression, $"Beslutningen '{name}': {ex.Message}", decision);
                    return null;
                }
                if (declared is { IsDuration: true } && (value.Duration is null || declared.Duration is { } d && d != value.Duration))
                {
                    Error(expression, $"Beslutningen '{name}' skal give en varighed{(declared.Duration is { } dd ? $" ({dd})" : "")}, men udtrykket giver en anden type.", decision);
                    return null;
                }
                if (declared is { IsDuration: false, Kind: not null } && value.Duration is not null)
                {
                    Error(expression, $"Beslutningen '{name}' giver en varighed, men dens type er {declared.Kind.Value.Danish()}.", decision);
                    return null;
                }
                var kind = declared?.Kind ?? value.Kind;
                if (kind is null)
                {
                    Error(expression, $"Typen af beslutningen '{name}' kan ikke bestemmes; angiv typeRef på dens variable.", decision);
                    return null;
                }
                var cell = NewName(name);
                _derived.Add(new DerivedValue { Name = cell, Type = kind.Value, Label = name, Expression = value.Cell });
                AddDecision(new DmnDecision(Attr(decision, "id"), name, cell, [new DmnOutput(name, cell)], false) { Kind = DmnDecisionKind.Expression, Duration = value.Duration });
                return new FeelName(cell, kind.Value) { Duration = value.Duration };
            }
            default:
            {
                var what = expression.Name.LocalName switch
                {
                    "functionDefinition" => "en funktionsdefinition (functionDefinition)",
                    "relation" => "en relation (relation)",
                    "list" => "en liste (list)",
                    var other => $"et boxed expression af typen <{other}>",
                };
                Error(expression, $"Beslutningen '{name}' er {what}; kun beslutningstabeller, FEEL-udtryk (literalExpression), kontekster (context) og kald (invocation) understøttes.", decision);
                return null;
            }
        }
    }

    /// <summary>
    /// The entries of a boxed context: each a name (null for the result entry) and its body: a FEEL expression (Text), a
    /// nested context or a decision table (Text null); null after an error naming the entry.
    /// </summary>
    private List<(string? Name, string? Text, XElement Element)>? BoxedEntries(string name, XElement decision, XElement context)
    {
        var entries = new List<(string?, string?, XElement)>();
        foreach (var entry in context.Elements(_ns + "contextEntry"))
        {
            var entryName = entry.Element(_ns + "variable") is { } v ? Attr(v, "name") ?? "" : null;
            var body = entry.Elements().FirstOrDefault(e => e.Name.Namespace == _ns && e.Name.LocalName is not ("variable" or "description" or "extensionElements"));
            if (body?.Name.LocalName is not ("literalExpression" or "context" or "decisionTable"))
            {
                Error(body ?? entry, $"Kontekstpunktet '{entryName ?? "(resultat)"}' i beslutningen '{name}' er {(body is null ? "tomt" : $"<{body.Name.LocalName}>")}; kun FEEL-udtryk (literalExpression), kontekster og beslutningstabeller understøttes i en kontekst.", decision);
                return null;
            }
            entries.Add((entryName, body.Name.LocalName == "literalExpression" ? body.Element(_ns + "text")?.Value ?? "" : null, body));
        }
        return entries;
    }

    /// <summary>
    /// A context (boxed, or a FEEL literal <c>{a: 1, b: a + 1}</c>) as a decision: each named entry a derived value (or a
    /// table, or a nested context with a result) that later entries read by its name; a last entry without a name is
    /// the decision's value, else the decision's value is the structure of the entries (DmnDecisionKind.Context), read by
    /// other decisions as <c>Decision.entry</c>.
    /// </summary>
    private FeelName? ReadContext(string name, XElement decision, XElement at, List<(string? Name, string? Text, XElement Element)>? entries)
    {
        var parts = new List<string>();
        var context = ReadEntries(name, name, decision, at, entries, _ => null, parts);
        if (context is null)
        {
            // The entries read before the one that failed belong to no decision: they are taken out again (by name:
            // decisions read meanwhile added theirs after them).
            DropParts(parts);
            return null;
        }
        if (context.Result is { } result)
        {
            AddDecision(new DmnDecision(Attr(decision, "id"), name, result.Cell, [new DmnOutput(name, result.Cell)], false)
                { Kind = DmnDecisionKind.Expression, Duration = result.Duration, Parts = parts });
            return result;
        }
        if (context.Entries.Values.Any(e => e.Duration is not null))
        {
            Error(at, $"Konteksten '{name}' har en varighed blandt sine punkter og intet resultat; en struktur med varigheder understøttes ikke.", decision);
            DropParts(parts);
            return null;
        }
        AddDecision(new DmnDecision(Attr(decision, "id"), name, parts[^1], context.Outputs, false) { Kind = DmnDecisionKind.Context, Parts = parts });
        return new FeelName(parts[^1], ValueKind.Record, context.Entries);
    }

    private void DropParts(List<string> parts)
    {
        _derived.RemoveAll(d => parts.Contains(d.Name));
        _tables.RemoveAll(t => parts.Contains(t.Id));
    }

    private sealed record ContextValue(FeelName? Result, Dictionary<string, FeelName> Entries, List<DmnOutput> Outputs);

    /// <summary>The entries of a context, each added to the version (its cell in <paramref name="parts"/>); names are looked up in the entries, then <paramref name="outer"/>, then the model.</summary>
    private ContextValue? ReadEntries(string decisionName, string path, XElement decision, XElement at,
        List<(string? Name, string? Text, XElement Element)>? entries, Func<string, FeelName?> outer, List<string> parts)
    {
        if (entries is null) return null;
        if (entries.Count == 0)
        {
            Error(at, $"Konteksten '{path}' i beslutningen '{decisionName}' har ingen punkter.", decision);
            return null;
        }
        var scope = new Dictionary<string, FeelName>(StringComparer.Ordinal);
        var outputs = new List<DmnOutput>();
        FeelName? Resolve(string n) => scope.GetValueOrDefault(n) ?? outer(n);
        for (var i = 0; i < entries.Count; i++)
        {
            var (entryName, text, element) = entries[i];
            var what = entryName is null ? $"resultatet af konteksten '{path}'" : $"punktet '{entryName}' i konteksten '{path}'";
            if (entryName is null && i != entries.Count - 1)
            {
                Error(element, $"I konteksten '{path}' kan kun det sidste punkt være uden navn (resultatet).", decision);
                return null;
            }
            if (entryName is not null && scope.ContainsKey(entryName))
            {
                Error(element, $"Konteksten '{path}' har to punkter ved navn '{entryName}'.", decision);
                return null;
            }
            var cellName = entryName is null ? path : $"{path} {entryName}";
            FeelName? value;
            switch (element.Name.LocalName)
            {
                case "context":
                {
                    var inner = ReadEntries(decisionName, cellName, decision, element, BoxedEntries(decisionName, decision, element), Resolve, parts);
                    if (inner is null) return null;
                    if (inner.Result is null)
                    {
                        Error(element, $"Den indlejrede kontekst '{cellName}' har intet resultat; en kontekst i en kontekst skal give én værdi.", decision);
                        return null;
                    }
                    value = inner.Result;
                    break;
                }
                case "decisionTable":
                {
                    var errors = ErrorCount;
                    var table = new TableReader(this, decision, cellName, element, scope: Resolve).Read();
                    if (table is null || ErrorCount != errors) return null;
                    if (table.Outputs.Count != 1 || table.ReturnsList)
                    {
                        Error(element, $"Tabellen i {what} skal give én værdi (ét output, én værdi pr. evaluering).", decision);
                        return null;
                    }
                    _tables.Add(table);
                    _contextTables.Add(table.Id);
                    parts.Add(table.Id);
                    value = new FeelName(table.Outputs[0].Name, table.Outputs[0].Type);
                    break;
                }
                default:
                {
                    FeelValue feel;
                    try
                    {
                        feel = FeelExpression.Translate(text ?? "", n => Resolve(n) ?? ExpressionName(n, element) ?? Unusable(n),
                            n => Function(n, element) ?? UnusableFunction(n));
                    }
                    catch (FeelException ex)
                    {
                        Error(element, $"Beslutningen '{decisionName}', {what}: {ex.Message}", decision);
                        return null;
                    }
                    if (feel.Kind is not { } kind)
                    {
                        Error(element, $"Typen af {what} kan ikke bestemmes.", decision);
                        return null;
                    }
                    var cell = NewName(cellName);
                    _derived.Add(new DerivedValue { Name = cell, Type = kind, Label = entryName is null ? path : $"{path}: {entryName}", Expression = feel.Cell });
                    parts.Add(cell);
                    value = new FeelName(cell, kind) { Duration = feel.Duration };
                    break;
                }
            }
            if (entryName is null) return new ContextValue(value, scope, outputs);
            scope[entryName] = value;
            outputs.Add(new DmnOutput(entryName, value.Cell));
        }
        return new ContextValue(null, scope, outputs);
    }

    /// <summary>
    /// In a partial import, the errors recorded since <paramref name="before"/> (one decision's or knowledge model's own:
    /// those it reads took theirs away already), taken out of the problems and joined; null when there were none.
    /// </summary>
    private string? ErrorsSince(int before)
    {
        var errors = _problems.Skip(before).Where(p => p.Severity == DmnProblemSeverity.Error).ToList();
        if (errors.Count == 0) return null;
        foreach (var e in errors) _problems.Remove(e);
        return string.Join("; ", errors);
    }

    /// <summary>A decision that exists but could not be read is named as such, not as an unknown name.</summary>
    internal FeelName? Unusable(string name) =>
        _decisionNames.Contains(name) ? throw new FeelException($"Beslutningen '{name}' kan ikke bruges her; den kan selv ikke importeres (se dens fejl).") : null;

    internal FeelFunction? UnusableFunction(string name) =>
        _bkms.ContainsKey(name)
            ? throw new FeelException(_functionRefusals.TryGetValue(name, out var why)
                ? $"Forretningsvidensmodellen '{name}' kan ikke bruges her; den kan selv ikke importeres: {why}"
                : $"Forretningsvidensmodellen '{name}' kan ikke bruges her; den kan selv ikke importeres (se dens fejl).")
            : null;

    /// <summary>An &lt;invocation&gt; as the FEEL call it stands for: the BKM's name with the bindings in its parameters' order.</summary>
    private string? InvocationText(string decisionName, XElement invocation)
    {
        var callee = invocation.Element(_ns + "literalExpression")?.Element(_ns + "text")?.Value.Trim();
        if (callee is null || !_bkms.TryGetValue(callee, out var bkm))
        {
            Error(invocation, $"Beslutningen '{decisionName}' kalder '{callee}', som ikke er en forretningsvidensmodel i modellen.");
            return null;
        }
        var parameters = bkm.Element(_ns + "encapsulatedLogic")?.Elements(_ns + "formalParameter").Select(p => Attr(p, "name") ?? "").ToList() ?? [];
        var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var binding in invocation.Elements(_ns + "binding"))
        {
            var parameter = binding.Element(_ns + "parameter") is { } pe ? Attr(pe, "name") : null;
            var body = binding.Elements().FirstOrDefault(e => e.Name.LocalName != "parameter");
            if (parameter is null || !parameters.Contains(parameter))
            {
                Error(binding, $"Kaldet af '{callee}' binder '{parameter}', som ikke er en af dens parametre.");
                return null;
            }
            if (body is null || body.Name.LocalName != "literalExpression" || body.Element(_ns + "text")?.Value is not { } text)
            {
                Error(binding, $"Parameteren '{parameter}' i kaldet af '{callee}' er ikke bundet til et FEEL-udtryk; det understøttes ikke.");
                return null;
            }
            bindings[parameter] = text;
        }
        var missing = parameters.Where(p => !bindings.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            Error(invocation, $"Kaldet af '{callee}' binder ikke {string.Join(", ", missing.Select(m => $"'{m}'"))}; ubundne parametre (null) understøttes ikke.");
            return null;
        }
        return $"{callee}({string.Join(", ", parameters.Select(p => $"({bindings[p]})"))})";
    }

    /// <summary>The type a decision or parameter declares; null when none is declared. A structure or list is refused by name.</summary>
    private ResolvedType? DeclaredKind(string? typeRef, string? fallback, XElement at, bool allowDuration = false)
    {
        var type = ResolveType(typeRef ?? fallback, at, allowDuration: allowDuration);
        if (type is null) return new ResolvedType(null, null, true);
        if (type.Structured)
        {
            Error(at, $"Typen '{typeRef ?? fallback}' er en struktur eller en liste; et udtryks resultat skal være en enkelt værdi.");
            return type;
        }
        return type.Kind is null && !type.IsDuration ? null : type;
    }

    /// <summary>A name in a decision's expression: an input (a single value or a structure of single values) or another decision.</summary>
    internal FeelName? ExpressionName(string dmnName, XElement at)
    {
        if (_decisionNames.Contains(dmnName)) return DecisionValue(dmnName, at);
        if (_inputData.GetValueOrDefault(dmnName)?.Element(_ns + "variable") is not { } variable) return null;
        var typeRef = Attr(variable, "typeRef");
        if (typeRef is not null && _itemDefinitions.TryGetValue(typeRef, out var item) && Attr(item, "isCollection") == "true")
            return ListInput(dmnName, typeRef, item, at) is { } list ? list with { Cell = Reads(list.Cell) } : null;
        if (typeRef is not null && _itemDefinitions.TryGetValue(typeRef, out item) && item.Elements(_ns + "itemComponent").Any())
            return RecordInput(dmnName, typeRef, item, at) is { } record ? record with { Cell = Reads(record.Cell) } : null;
        return FactName(dmnName, at) is { } fact ? new FeelName(fact, _facts[fact].Type) : null;
    }

    /// <summary>
    /// An input whose type is a collection (isCollection): a list fact. A collection of structures of single values has
    /// their components as fields; a collection of single values has one field, 'item', as FEEL names an element in a
    /// filter. FEEL reads it only through the list built-ins and some/every (FeelExpression).
    /// </summary>
    private FeelName? ListInput(string dmnName, string typeRef, XElement item, XElement at)
    {
        if (_inputNames.TryGetValue(dmnName, out var existing)) return ListName(existing, _facts[existing].Fields!, _facts[existing].Fields![0].Label == FeelExpression.Item && _facts[existing].Fields!.Count == 1);
        var element = item;
        if (!element.Elements(_ns + "itemComponent").Any() && element.Element(_ns + "typeRef")?.Value is { } inner
            && _itemDefinitions.TryGetValue(inner, out var innerItem) && innerItem.Elements(_ns + "itemComponent").Any())
        {
            if (Attr(innerItem, "isCollection") == "true")
            {
                Error(at, $"Typen '{typeRef}' er en liste af lister; kun lister af enkle værdier eller strukturer understøttes.");
                return null;
            }
            element = innerItem;
        }
        var fields = new List<FactDefinition>();
        var scalar = !element.Elements(_ns + "itemComponent").Any();
        if (scalar)
        {
            var type = ResolveType(element.Element(_ns + "typeRef")?.Value, at);
            if (type is null) return null;
            if (type.Structured || type.Kind is null)
            {
                Error(at, $"Elementerne i listen '{typeRef}' er selv sammensatte eller uden type; kun lister af enkle værdier eller strukturer understøttes.");
                return null;
            }
            fields.Add(new FactDefinition { Name = FeelExpression.Item, Type = type.Kind.Value, Label = FeelExpression.Item });
        }
        else
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var component in element.Elements(_ns + "itemComponent"))
            {
                var componentName = Attr(component, "name") ?? "";
                var type = ResolveType(Attr(component, "typeRef") ?? component.Element(_ns + "typeRef")?.Value, at);
                if (type is null) return null;
                if (type.Structured || type.Kind is null)
                {
                    Error(at, $"Komponenten '{componentName}' af elementerne i '{typeRef}' er selv sammensat eller uden type; kun strukturer af enkle værdier understøttes.");
                    return null;
                }
                fields.Add(new FactDefinition { Name = DmnNames.Unique(componentName, taken), Type = type.Kind.Value, Label = componentName });
            }
        }
        var name = NewName(dmnName);
        _facts[name] = new FactDefinition { Name = name, Type = ValueKind.List, Label = dmnName, Fields = fields };
        _inputNames[dmnName] = name;
        return ListName(name, fields, scalar);
    }

    /// <summary>A list as FEEL reads it: its components are the item fields by their bare names (as a 'hvor' condition reads them).</summary>
    private static FeelName ListName(string name, IReadOnlyList<FactDefinition> fields, bool scalar) =>
        new(name, ValueKind.List, fields.ToDictionary(f => f.Label, f => new FeelName(f.Name, f.Type), StringComparer.Ordinal)) { Scalar = scalar };

    /// <summary>An input whose type is a structure of single values, declared as a record fact; its components are read as fields.</summary>
    private FeelName? RecordInput(string dmnName, string typeRef, XElement item, XElement at)
    {
        if (_inputNames.TryGetValue(dmnName, out var existing))
            return new FeelName(existing, ValueKind.Record, _facts[existing].Fields!.ToDictionary(f => f.Label, f => new FeelName($"{existing}.{f.Name}", f.Type)));
        var fields = new List<FactDefinition>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in item.Elements(_ns + "itemComponent"))
        {
            var componentName = Attr(component, "name") ?? "";
            var type = ResolveType(Attr(component, "typeRef") ?? component.Element(_ns + "typeRef")?.Value, at);
            if (type is null) return null;
            if (type.Structured || type.Kind is null)
            {
                Error(at, $"Komponenten '{componentName}' af typen '{typeRef}' er selv sammensat eller uden type; kun strukturer af enkle værdier understøttes.");
                return null;
            }
            fields.Add(new FactDefinition { Name = DmnNames.Unique(componentName, taken), Type = type.Kind.Value, Label = componentName });
        }
        var name = NewName(dmnName);
        _facts[name] = new FactDefinition { Name = name, Type = ValueKind.Record, Label = dmnName, Fields = fields };
        _inputNames[dmnName] = name;
        return new FeelName(name, ValueKind.Record, fields.ToDictionary(f => f.Label, f => new FeelName($"{name}.{f.Name}", f.Type)));
    }

    /// <summary>
    /// A business knowledge model as a function of the version, read on first use: its parameters (single values, each
    /// with a type) and its body, one FEEL expression. A table body, or a BKM invoking itself, is refused by name.
    /// </summary>
    internal FeelFunction? Function(string name, XElement at)
    {
        if (!_bkms.TryGetValue(name, out var bkm)) return null;
        if (_functionsByName.TryGetValue(name, out var known)) return known;
        if (!_functionsReading.Add(name))
        {
            Error(bkm, $"Forretningsvidensmodellen '{name}' kalder sig selv; rekursion understøttes ikke.");
            return null;
        }
        var before = _problems.Count;
        var function = ReadFunction(name, bkm);
        if (partial && ErrorsSince(before) is { } why)
        {
            _functionRefusals[name] = why;
            function = null;
        }
        _functionsReading.Remove(name);
        _functionsByName[name] = function;
        return function;
    }

    private FeelFunction? ReadFunction(string name, XElement bkm)
    {
        var logic = bkm.Element(_ns + "encapsulatedLogic");
        var body = logic?.Elements().FirstOrDefault(e => e.Name.Namespace == _ns && e.Name.LocalName != "formalParameter");
        if (logic is null || body is null)
        {
            Error(bkm, $"Forretningsvidensmodellen '{name}' har ingen logik (encapsulatedLogic).");
            return null;
        }
        if (body.Name.LocalName is not ("literalExpression" or "decisionTable"))
        {
            Error(body, $"Forretningsvidensmodellen '{name}' er <{body.Name.LocalName}>; kun et FEEL-udtryk (literalExpression) eller en beslutningstabel som krop understøttes.", bkm);
            return null;
        }
        var parameters = new List<FactDefinition>();
        var scope = new Dictionary<string, FeelName>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in logic.Elements(_ns + "formalParameter"))
        {
            var pName = Attr(p, "name") ?? "";
            var type = DeclaredKind(Attr(p, "typeRef"), null, p);
            if (type is { Structured: true }) return null;
            if (type?.Kind is not { } kind)
            {
                Error(p, $"Parameteren '{pName}' i '{name}' har ingen type (typeRef); den skal angives.", bkm);
                return null;
            }
            var cell = DmnNames.Unique(pName, taken);
            parameters.Add(new FactDefinition { Name = cell, Type = kind, Label = pName });
            scope[pName] = new FeelName(cell, kind);
        }
        if (body.Name.LocalName == "decisionTable") return FunctionTable(name, bkm, body, parameters, scope);
        FeelValue value;
        try { value = FeelExpression.Translate(body.Element(_ns + "text")?.Value ?? "", n => scope.GetValueOrDefault(n), n => Function(n, body) ?? UnusableFunction(n)); }
        catch (FeelException ex)
        {
            Error(body, $"Forretningsvidensmodellen '{name}': {ex.Message}", bkm);
            return null;
        }
        var declared = DeclaredKind(Attr(body, "typeRef") ?? (bkm.Element(_ns + "variable") is { } v ? Attr(v, "typeRef") : null), null, body);
        if (declared is { Structured: true }) return null;
        if ((declared?.Kind ?? value.Kind) is not { } result)
        {
            Error(body, $"Typen af resultatet af '{name}' kan ikke bestemmes; angiv typeRef.", bkm);
            return null;
        }
        var functionName = NewName(name);
        _functions.Add(new FunctionDefinition { Name = functionName, Label = name, Parameters = parameters, Type = result, Expression = value.Cell });
        return new FeelFunction(functionName, parameters.Select(p => p.Label).ToList(), result);
    }

    /// <summary>
    /// A business knowledge model whose body is a decision table: the table's inputs read the parameters, its one output
    /// is the function's value (one value per call: a hit policy that may give several is refused).
    /// </summary>
    private FeelFunction? FunctionTable(string name, XElement bkm, XElement body, List<FactDefinition> parameters, Dictionary<string, FeelName> scope)
    {
        var errors = ErrorCount;
        var table = new TableReader(this, bkm, name, body, scope).Read();
        if (table is null || ErrorCount != errors) return null;
        if (table.Outputs.Count != 1 || table.ReturnsList)
        {
            Error(body, $"Forretningsvidensmodellen '{name}' er en tabel med {(table.ReturnsList ? "flere værdier pr. kald" : $"{table.Outputs.Count} outputs")}; kun én værdi pr. kald understøttes.", bkm);
            return null;
        }
        var functionName = NewName(name);
        var type = table.Outputs[0].Type;
        _functions.Add(new FunctionDefinition { Name = functionName, Label = name, Parameters = parameters, Type = type, Table = table });
        return new FeelFunction(functionName, parameters.Select(p => p.Label).ToList(), type);
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
        if (_inputNames.TryGetValue(dmnName, out var name)) return Reads(name);
        if (_decisionNames.Contains(dmnName))
        {
            var value = DecisionValue(dmnName, at);
            if (value?.Duration is null) return value?.Cell;
            Error(at, $"Beslutningen '{dmnName}' er en varighed; varigheder understøttes ikke i beslutningstabeller.");
            return null;
        }
        if (_inputData.GetValueOrDefault(dmnName)?.Element(_ns + "variable") is not { } variable) return null;
        var type = ResolveType(Attr(variable, "typeRef"), at);
        if (type?.Kind is not { } kind || type.Structured) return null;
        if (kind == ValueKind.Text && type.Values is { Count: > 0 }) kind = ValueKind.Enum;
        return DeclareFact(at, dmnName, kind, kind == ValueKind.Enum ? type.Values : null, testsNull: false)?.Name is { } declared ? Reads(declared) : null;
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
            Reads(existing);
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
        Reads(name);
        return def;
    }

    internal sealed record ResolvedType(ValueKind? Kind, IReadOnlyList<string>? Values, bool Structured)
    {
        /// <summary>A FEEL duration type, held as a decimal; <see cref="Duration"/> is null for 'duration' (either kind).</summary>
        public bool IsDuration { get; init; }
        public DmnDuration? Duration { get; init; }
    }

    /// <summary>A typeRef (number, string, boolean, date, or an itemDefinition over one of them) as a value kind.</summary>
    /// <param name="allowDuration">
    /// Durations are numbers of months or seconds only where the importer tracks which (a decision's literal
    /// expression); a table column or a fact of a duration type is refused.
    /// </param>
    internal ResolvedType? ResolveType(string? typeRef, XElement at, int depth = 0, bool allowDuration = false)
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
            case "years and months duration" or "yearMonthDuration" when allowDuration:
                return new ResolvedType(ValueKind.Decimal, null, false) { IsDuration = true, Duration = DmnDuration.YearsMonths };
            case "days and time duration" or "dayTimeDuration" when allowDuration:
                return new ResolvedType(ValueKind.Decimal, null, false) { IsDuration = true, Duration = DmnDuration.DaysTime };
            case "duration" when allowDuration:
                return new ResolvedType(ValueKind.Decimal, null, false) { IsDuration = true };
            case "date and time" or "dateTime" or "time" or "days and time duration" or "dayTimeDuration"
                or "years and months duration" or "yearMonthDuration" or "duration" or "context" or "list" or "function" or "Any":
                Error(at, $"Typen '{typeRef}' understøttes ikke; kun number, string, boolean og date.");
                return null;
        }
        if (depth < 8 && _itemDefinitions.TryGetValue(typeRef, out var item))
        {
            if (Attr(item, "isCollection") == "true" || item.Elements(_ns + "itemComponent").Any())
                return new ResolvedType(null, null, true);
            var inner = ResolveType(item.Element(_ns + "typeRef")?.Value, at, depth + 1, allowDuration);
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
