using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

// Type-checking a table's cells into code; every problem is collected as a CellError, none stops the others.
public static partial class VersionCompiler
{
    private sealed record TestCode(int InputIndex, string Text, string Code, IReadOnlyList<string> Others, Test Test);

    /// <summary>Names a test compares with (">= upperAgeLimitDate"), so the trace can show their values too.</summary>
    private static List<string> NamesIn(Test test)
    {
        var names = new List<string>();
        void Walk(Expr e)
        {
            switch (e)
            {
                case Ident id when !names.Contains(id.Name): names.Add(id.Name); break;
                case Unary u: Walk(u.Operand); break;
                case Binary b: Walk(b.Left); Walk(b.Right); break;
                case Call c: foreach (var a in c.Args) Walk(a); break;
            }
        }
        void Visit(Test t)
        {
            switch (t)
            {
                case CompareTest c: Walk(c.Value); break;
                case RangeTest r: Walk(r.Low); Walk(r.High); break;
                case AnyOfTest any: foreach (var x in any.Tests) Visit(x); break;
                case NotTest n: Visit(n.Inner); break;
            }
        }
        Visit(test);
        return names;
    }
    private sealed record RowCode(TableRow Row, List<TestCode> Tests, List<Emitted> Outputs);
    private sealed record TableCode(DecisionTable Table, List<RowCode> Rows, List<Emitted>? Default);

    private static TableCode EmitTable(DecisionTable t, SymbolScope scope, Emitter emitter, List<CellError> errors)
    {
        var inputs = new Symbol?[t.Inputs.Count];
        for (var i = 0; i < t.Inputs.Count; i++)
        {
            if (scope.TryGet(t.Inputs[i].Name, out var s)) inputs[i] = s;
            else errors.Add(new CellError(t.Id, "(input)", t.Inputs[i].Name, 0,
                $"Input '{t.Inputs[i].Name}' er hverken et faktum, en afledt værdi eller et resultat af en tidligere tabel.", t.Inputs[i].Name));
        }
        if (t.Inputs.Count > CellLimits.MaxTableInputs)
            errors.Add(new CellError(t.Id, "(input)", "", 0, $"Tabellen har for mange inputs: højst {CellLimits.MaxTableInputs}.", ""));
        if (t.Outputs.Count == 0)
            errors.Add(new CellError(t.Id, "(output)", "", 0, "Tabellen har ingen outputs.", ""));
        // RulesEngine refuses a workflow without rules; say so here instead of failing outside the compile errors.
        if (t.Rows.Count == 0)
            errors.Add(new CellError(t.Id, "(rows)", "", 0, "Tabellen har ingen rækker.", ""));
        if (t.Aggregation is not null && t.HitPolicy != HitPolicy.Collect)
            errors.Add(new CellError(t.Id, "(hitPolicy)", "", 0, "Aggregering (SUM, MIN, MAX, COUNT) kræver hit policy COLLECT.", ""));
        if (t.Aggregation is not null && t.Outputs.Count != 1)
            errors.Add(new CellError(t.Id, "(hitPolicy)", "", 0, "Aggregering kræver præcis ét output.", ""));
        if (t.Aggregation is Aggregation.Sum or Aggregation.Min or Aggregation.Max && t.Outputs.Count == 1 && !t.Outputs[0].Type.IsNumeric())
            errors.Add(new CellError(t.Id, "(hitPolicy)", t.Outputs[0].Name, 0, "SUM, MIN og MAX kræver et talresultat.", ""));
        if (t.Aggregation is Aggregation.Count && t.Outputs.Count == 1 && !t.Outputs[0].Type.IsNumeric())
            errors.Add(new CellError(t.Id, "(hitPolicy)", t.Outputs[0].Name, 0, "COUNT giver et tal; outputtet skal være et tal.", ""));
        if (t.HitPolicy is HitPolicy.Priority or HitPolicy.OutputOrder && t.Outputs.All(o => o.Values is not { Count: > 0 }))
            errors.Add(new CellError(t.Id, "(hitPolicy)", "", 0, "PRIORITY og OUTPUT ORDER kræver at mindst ét output har en ordnet liste af værdier.", ""));

        var rows = new List<RowCode>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in t.Rows)
        {
            if (!ids.Add(row.Id))
                errors.Add(new CellError(t.Id, row.Id, "", 0, $"Række-id '{row.Id}' er brugt mere end én gang.", row.Id));
            if (row.When.Count != t.Inputs.Count || row.Then.Count != t.Outputs.Count)
            {
                errors.Add(new CellError(t.Id, row.Id, "", 0,
                    $"Rækken har {row.When.Count} input- og {row.Then.Count} outputceller, men tabellen har {t.Inputs.Count} inputs og {t.Outputs.Count} outputs.", ""));
                continue;
            }
            var tests = new List<TestCode>();
            for (var i = 0; i < row.When.Count; i++)
            {
                if (inputs[i] is not { } input) continue;
                try
                {
                    var test = CellParser.ParseInput(row.When[i]);
                    if (test is AnyTest) continue;
                    tests.Add(new TestCode(i, row.When[i], emitter.EmitTest(test, input), NamesIn(test), test));
                }
                catch (CellException ex) { errors.Add(new CellError(t.Id, row.Id, t.Inputs[i].Name, ex.Position, ex.Message, row.When[i])); }
            }
            rows.Add(new RowCode(row, tests, EmitOutputs(t, row.Id, row.Then, emitter, errors)));
        }
        var defaults = t.Default is null ? null
            : t.Default.Count != t.Outputs.Count
                ? Fail(errors, new CellError(t.Id, "(default)", "", 0, "Standardresultatet skal have én celle pr. output.", ""))
                : EmitOutputs(t, "(default)", t.Default, emitter, errors);
        return new TableCode(t, rows, defaults);
    }

    private static List<Emitted>? Fail(List<CellError> errors, CellError error)
    {
        errors.Add(error);
        return null;
    }

    private static List<Emitted> EmitOutputs(DecisionTable t, string rowId, IReadOnlyList<string> cells, Emitter emitter, List<CellError> errors)
    {
        var result = new List<Emitted>();
        for (var i = 0; i < cells.Count; i++)
        {
            var output = t.Outputs[i];
            try
            {
                result.Add(emitter.EmitValue(CellParser.ParseExpression(cells[i]), output.Type,
                    output.Values?.Select(v => v.Value).ToList(), $"'{output.Name}'"));
            }
            catch (CellException ex)
            {
                errors.Add(new CellError(t.Id, rowId, output.Name, ex.Position, ex.Message, cells[i]));
                result.Add(new Emitted(ExprType.Null, "null", null, true));
            }
        }
        return result;
    }
}
