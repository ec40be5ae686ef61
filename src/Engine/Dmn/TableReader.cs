using System.Xml.Linq;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Dmn.DmnImporter;

namespace Serviceloven.Engine.Dmn;

/// <summary>Reads one &lt;decisionTable&gt; into a <see cref="DecisionTable"/>; problems go to the model reader.</summary>
/// <param name="parameters">For a business knowledge model's table: its parameters, the only names the table reads; null for a decision's table.</param>
/// <param name="scope">For a table inside a context: the context's entries, read before the model's names.</param>
internal sealed class TableReader(ModelReader model, XElement decision, string decisionName, XElement table,
    IReadOnlyDictionary<string, FeelName>? parameters = null, Func<string, FeelName?>? scope = null)
{
    private readonly XNamespace _ns = model.Ns;
    private bool _failed;

    private sealed record Column(XElement Element, string DmnName, string Label, ModelReader.ResolvedType Type, List<string>? Values, string? Decision = null);

    public DecisionTable? Read()
    {
        var hitPolicy = HitPolicyOf(Attr(table, "hitPolicy"));
        var aggregation = AggregationOf(Attr(table, "aggregation"));
        if (aggregation is not null && hitPolicy != HitPolicy.Collect)
            Fail(table, $"Aggregeringen {Attr(table, "aggregation")} kræver hit policy COLLECT.");

        var inputs = table.Elements(_ns + "input").Select(ReadInput).ToList();
        var outputElements = table.Elements(_ns + "output").ToList();
        if (outputElements.Count == 0) Fail(table, $"Beslutningstabellen '{decisionName}' har ingen outputs.");
        if (aggregation is not null && outputElements.Count > 1)
            Fail(table, "Aggregering kræver præcis ét output.");
        var outputs = outputElements.Select(o => ReadOutput(o, outputElements.Count == 1)).ToList();

        var rules = table.Elements(_ns + "rule").ToList();
        // Cells first, so columns without a typeRef can take their type from the literals they hold.
        var whenCells = new List<(XElement Rule, List<FeelTest?> Cells)>();
        var thenCells = new List<List<FeelLiteral?>>();
        foreach (var (rule, index) in rules.Select((r, i) => (r, i)))
        {
            var inEntries = rule.Elements(_ns + "inputEntry").ToList();
            var outEntries = rule.Elements(_ns + "outputEntry").ToList();
            if (inEntries.Count != inputs.Count || outEntries.Count != outputs.Count)
            {
                Fail(rule, $"Regel {index + 1} har {inEntries.Count} input- og {outEntries.Count} outputceller, men tabellen har {inputs.Count} inputs og {outputs.Count} outputs.");
                continue;
            }
            whenCells.Add((rule, inEntries.Select((e, i) => Test(e, rule, index, inputs[i])).ToList()));
            thenCells.Add(outEntries.Select((e, i) => Literal(e, rule, $"regel {index + 1}, output '{outputs[i]?.DmnName}'")).ToList());
        }
        if (_failed || inputs.Any(i => i is null) || outputs.Any(o => o is null)) return null;

        var tableInputs = new List<TableInput>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var column = inputs[i]!;
            var kinds = whenCells.SelectMany(r => r.Cells[i]?.Kinds ?? new HashSet<FeelKind>()).ToHashSet();
            var kind = column.Type.Kind ?? Infer(kinds);
            if (kind is null)
            {
                Fail(column.Element, $"Typen af inputtet '{column.DmnName}' kan ikke bestemmes; angiv typeRef på inputExpression.");
                continue;
            }
            if (column.Decision is { } reads)
            {
                tableInputs.Add(new TableInput { Name = reads, Label = column.Label });
                continue;
            }
            if (kind == ValueKind.Text && column.Values is { Count: > 0 }) kind = ValueKind.Enum;
            var testsNull = whenCells.Any(r => r.Cells[i]?.TestsNull == true);
            var fact = model.DeclareFact(column.Element, column.DmnName, kind.Value, kind == ValueKind.Enum ? column.Values : null, testsNull);
            if (fact is null) _failed = true;
            else tableInputs.Add(new TableInput { Name = fact.Name, Label = column.Label == column.DmnName ? null : column.Label });
        }

        var tableOutputs = new List<TableOutput>();
        var dmnOutputs = new List<DmnOutput>();
        var tableId = model.NewTableId(decisionName);
        for (var o = 0; o < outputs.Count; o++)
        {
            var column = outputs[o]!;
            var kind = column.Type.Kind
                ?? Infer(thenCells.Select(r => r[o]?.Kind).Concat([column.DefaultCell?.Kind]).OfType<FeelKind>().ToHashSet())
                ?? ValueKind.Text;
            if (aggregation is Aggregation.Count && !kind.IsNumeric())
                Fail(column.Element, $"COUNT over værdier af typen {kind.Danish()} understøttes ikke; outputtet skal være et tal.");
            if (kind == ValueKind.Text && column.Values is { Count: > 0 } && column.Values.All(v => v.Kind == FeelKind.String)) kind = ValueKind.Enum;
            var name = model.NewName(column.DmnName, tableId);
            tableOutputs.Add(new TableOutput
            {
                Name = name, Type = kind, Label = column.DmnName,
                Values = column.Values?.Select(v => new EnumValue { Value = v.Text }).ToList(),
            });
            dmnOutputs.Add(new DmnOutput(column.DmnName, name));
        }
        if (_failed) return null;

        var rows = new List<TableRow>();
        var rowIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < whenCells.Count; r++)
        {
            var rule = whenCells[r].Rule;
            var id = Attr(rule, "id") is { Length: > 0 } ruleId && rowIds.Add(ruleId) ? ruleId : $"R{r + 1}";
            rowIds.Add(id);
            var note = string.Join(" ", rule.Elements(_ns + "description").Concat(rule.Elements(_ns + "annotationEntry").Elements(_ns + "text"))
                .Select(e => e.Value.Trim()).Where(s => s.Length > 0));
            rows.Add(new TableRow
            {
                Id = id,
                When = whenCells[r].Cells.Select(c => c!.Cell).ToList(),
                Then = thenCells[r].Select(c => c!.Cell).ToList(),
                Note = note.Length > 0 ? note : null,
            });
        }

        var result = new DecisionTable
        {
            Id = tableId,
            Label = Attr(table, "outputLabel") ?? decisionName,
            Description = decision.Element(_ns + "description")?.Value.Trim() is { Length: > 0 } d ? d : null,
            HitPolicy = hitPolicy ?? HitPolicy.Unique,
            Aggregation = aggregation,
            Inputs = tableInputs,
            Outputs = tableOutputs,
            Rows = rows,
            Default = outputs.Any(o => o!.DefaultCell is not null) ? outputs.Select(o => o!.DefaultCell?.Cell ?? "null").ToList() : null,
        };
        if (parameters is null && scope is null) model.AddDecision(new DmnDecision(Attr(decision, "id"), decisionName, tableId, dmnOutputs, result.ReturnsList));
        return result;
    }

    private HitPolicy? HitPolicyOf(string? text) => text switch
    {
        null or "UNIQUE" => HitPolicy.Unique,
        "FIRST" => HitPolicy.First,
        "PRIORITY" => HitPolicy.Priority,
        "ANY" => HitPolicy.Any,
        "COLLECT" => HitPolicy.Collect,
        "RULE ORDER" => HitPolicy.RuleOrder,
        "OUTPUT ORDER" => HitPolicy.OutputOrder,
        _ => FailWith<HitPolicy?>(table, $"Hit policy '{text}' findes ikke i DMN."),
    };

    private Aggregation? AggregationOf(string? text) => text switch
    {
        null => null,
        "SUM" => Aggregation.Sum,
        "MIN" => Aggregation.Min,
        "MAX" => Aggregation.Max,
        "COUNT" => Aggregation.Count,
        _ => FailWith<Aggregation?>(table, $"Aggregeringen '{text}' findes ikke i DMN."),
    };

    private Column? ReadInput(XElement input)
    {
        var expression = input.Element(_ns + "inputExpression");
        var text = expression?.Element(_ns + "text")?.Value.Trim();
        if (expression is null || string.IsNullOrEmpty(text))
            return FailWith<Column?>(input, "Inputtet har intet inputExpression med et variabelnavn.");
        if (parameters is not null || scope?.Invoke(text) is not null)
        {
            // A function's table reads its parameters (or their components) by name, nothing else; a context's table
            // reads the entries before it like this, and the model's inputs and decisions as a decision's table does.
            FeelValue read;
            try { read = FeelExpression.Translate(text, n => parameters is null ? scope!(n) : parameters.GetValueOrDefault(n), _ => null); }
            catch (FeelException ex) { return FailWith<Column?>(input, $"Inputudtrykket '{text}' i '{decisionName}': {ex.Message}"); }
            if (read.Kind is not { } readKind || read.Duration is not null || !System.Text.RegularExpressions.Regex.IsMatch(read.Cell, @"^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?$"))
                return FailWith<Column?>(input, $"Inputudtrykket '{text}' i '{decisionName}' er ikke en parameter eller et kontekstpunkt med én værdi.");
            var declared = model.ResolveType(Attr(expression, "typeRef"), input);
            if (declared is null) return Fail<Column>();
            List<string>? allowed = null;
            if (input.Element(_ns + "inputValues") is { } pv && pv.Element(_ns + "text")?.Value is { } pvText && readKind is ValueKind.Text or ValueKind.Enum)
                allowed = model.StringValues(pvText, pv);
            return new Column(input, text, Attr(input, "label") ?? text, new ModelReader.ResolvedType(readKind, null, false), allowed, read.Cell);
        }
        if (model.IsDecision(text))
        {
            // Another decision's value: the table reads it by its name in the version, evaluated before it.
            var other = model.DecisionValue(text, input);
            if (other?.Duration is not null)
                return FailWith<Column?>(input, $"Beslutningen '{text}' er en varighed; varigheder understøttes ikke i beslutningstabeller.");
            if (other?.Components is not null)
                return FailWith<Column?>(input, $"Beslutningen '{text}' er en struktur (en kontekst); kun enkle værdier kan være input til en tabel.");
            return other is null ? Fail<Column>() : new Column(input, text, Attr(input, "label") ?? text, new ModelReader.ResolvedType(other.Kind, null, false), null, other.Cell);
        }
        var inputData = model.InputData(text);
        if (inputData is null && !SimpleName().IsMatch(text))
            return FailWith<Column?>(input, $"Inputudtrykket '{text}' er ikke navnet på et input; FEEL-udtryk som inputudtryk understøttes ikke.");
        var inputVariable = inputData?.Element(_ns + "variable");
        var typeRef = Attr(expression, "typeRef") ?? (inputVariable is null ? null : Attr(inputVariable, "typeRef"));
        var type = model.ResolveType(typeRef, input);
        if (type is null) return Fail<Column>();
        if (type.Structured)
            return FailWith<Column?>(input, $"Inputtet '{text}' har en sammensat type ('{typeRef}'); kun enkle værdier understøttes.");
        var values = type.Values?.ToList();
        if (input.Element(_ns + "inputValues") is { } iv && iv.Element(_ns + "text")?.Value is { } ivText)
        {
            if (type.Kind is null or ValueKind.Text) values = model.StringValues(ivText, iv) ?? values;
            else model.Warning(iv, $"Værdilisten '{ivText.Trim()}' for inputtet '{text}' ignoreres; kun lister af tekster bliver til tilladte værdier.", input);
        }
        return new Column(input, text, Attr(input, "label") ?? text, type, values);
    }

    private sealed record OutputColumn(XElement Element, string DmnName, ModelReader.ResolvedType Type, List<FeelLiteral>? Values, FeelLiteral? DefaultCell);

    private OutputColumn? ReadOutput(XElement output, bool single)
    {
        var variable = decision.Element(_ns + "variable");
        var name = Attr(output, "name") ?? (single ? Attr(variable ?? decision, "name") ?? decisionName : null);
        if (name is null)
            return FailWith<OutputColumn?>(output, "Et output i en tabel med flere outputs skal have et navn.");
        var typeRef = Attr(output, "typeRef");
        var type = model.ResolveType(typeRef, output);
        if (type is null) return Fail<OutputColumn>();
        if (typeRef is null && single)
        {
            // A single output may be typed on the table or the decision's variable; a list or structure type says nothing about one cell.
            var outer = model.ResolveType(Attr(table, "typeRef") ?? (variable is null ? null : Attr(variable, "typeRef")), output);
            if (outer is null) return Fail<OutputColumn>();
            if (!outer.Structured) type = outer;
        }
        if (type.Structured)
            return FailWith<OutputColumn?>(output, $"Outputtet '{name}' har en sammensat type ('{typeRef}'); kun enkle værdier understøttes.");

        List<FeelLiteral>? values = null;
        if (output.Element(_ns + "outputValues") is { } ov && ov.Element(_ns + "text")?.Value is { } ovText)
        {
            try { values = Feel.TranslateLiteralList(ovText).ToList(); }
            catch (FeelException ex) { return FailWith<OutputColumn?>(ov, $"Værdilisten for outputtet '{name}' understøttes ikke: {ex.Message}", output); }
        }
        else if (type.Values is { } allowed)
            values = allowed.Select(v => new FeelLiteral(FeelKind.String, Cells.Emitter.StringCode(v), v)).ToList();

        FeelLiteral? defaultCell = null;
        if (output.Element(_ns + "defaultOutputEntry") is { } de)
            defaultCell = Literal(de, output, $"standardværdien for outputtet '{name}'");
        return new OutputColumn(output, name, type, values, defaultCell);
    }

    private FeelTest? Test(XElement entry, XElement rule, int index, Column? column)
    {
        if (column is null) return null;
        var text = entry.Element(_ns + "text")?.Value ?? "";
        try { return Feel.TranslateTest(text, name => Local(name) is { } local ? local : parameters is null ? model.FactName(name, entry) : null); }
        catch (FeelException ex)
        {
            Fail(entry, $"Regel {index + 1}, input '{column.DmnName}': '{text.Trim()}': {ex.Message}", rule);
            return null;
        }
    }

    /// <summary>A parameter or context entry a unary test names, when it is a single value.</summary>
    private string? Local(string name) =>
        (parameters is null ? scope?.Invoke(name) : parameters.GetValueOrDefault(name)) is { Components: null, Duration: null } p ? p.Cell : null;

    /// <summary>An output cell: a literal, or a FEEL expression over the names the table may read (translated as a literal expression is).</summary>
    private FeelLiteral? Literal(XElement entry, XElement owner, string where)
    {
        var text = entry.Element(_ns + "text")?.Value ?? "";
        try { return Feel.TranslateLiteral(text); }
        catch (FeelException) when (text.Trim().Length > 0)
        {
            // Not a literal: an expression, as in a literal expression.
        }
        catch (FeelException ex)
        {
            Fail(entry, $"{char.ToUpperInvariant(where[0])}{where[1..]}: '{text.Trim()}': {ex.Message}", owner);
            return null;
        }
        try
        {
            var value = FeelExpression.Translate(text,
                n => parameters is not null ? parameters.GetValueOrDefault(n) : scope?.Invoke(n) ?? model.ExpressionName(n, entry) ?? model.Unusable(n),
                n => model.Function(n, entry) ?? model.UnusableFunction(n));
            if (value.Duration is not null) throw new FeelException("Udtrykket giver en varighed; varigheder understøttes ikke i beslutningstabeller.");
            var kind = value.Kind switch
            {
                ValueKind.Decimal or ValueKind.Int => FeelKind.Number,
                ValueKind.Text or ValueKind.Enum => FeelKind.String,
                ValueKind.Bool => FeelKind.Bool,
                ValueKind.Date => FeelKind.Date,
                _ => FeelKind.Name,
            };
            return new FeelLiteral(kind, value.Cell, text.Trim());
        }
        catch (FeelException ex)
        {
            Fail(entry, $"{char.ToUpperInvariant(where[0])}{where[1..]}: '{text.Trim()}': {ex.Message}", owner);
            return null;
        }
    }

    private static ValueKind? Infer(HashSet<FeelKind> kinds)
    {
        kinds.Remove(FeelKind.Null);
        kinds.Remove(FeelKind.Name);
        if (kinds.Count != 1) return null;
        return kinds.Single() switch
        {
            FeelKind.Number => ValueKind.Decimal,
            FeelKind.String => ValueKind.Text,
            FeelKind.Bool => ValueKind.Bool,
            FeelKind.Date => ValueKind.Date,
            _ => null,
        };
    }

    private void Fail(XElement e, string message, XElement? idFrom = null)
    {
        _failed = true;
        model.Error(e, message, idFrom);
    }

    private T? FailWith<T>(XElement e, string message, XElement? idFrom = null)
    {
        Fail(e, message, idFrom);
        return default;
    }

    private T? Fail<T>() where T : class
    {
        _failed = true;
        return null;
    }
}
