using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

// Business knowledge models: functions with parameters, each compiled over a context of its own.
public static partial class VersionCompiler
{
    /// <summary>A function's body emitted over its own names: its parameters (a record's fields one by one), the decision date.</summary>
    private sealed record FunctionCode(FunctionDefinition Definition, List<(string Name, Type Type)> Properties, List<string> ParameterSlots,
        Emitted? Body, TableCode? Table, SymbolScope Scope, IReadOnlySet<string> Uses);

    /// <summary>The functions' names and signatures, so any expression may invoke any function.</summary>
    private static List<FunctionSignature> DeclareFunctions(RulesetVersion version, Declarations names)
    {
        var signatures = new List<FunctionSignature>();
        foreach (var f in version.Functions ?? [])
        {
            if (!IsUsableName(f.Name) || names.Scope.Contains(f.Name) || names.Scope.Functions.ContainsKey(f.Name))
            {
                names.Errors.Add(new CellError("(funktioner)", f.Name, "", 0, names.Scope.Functions.ContainsKey(f.Name) || names.Scope.Contains(f.Name)
                    ? $"Navnet '{f.Name}' er brugt mere end én gang."
                    : $"'{f.Name}' kan ikke bruges som navn på en funktion: brug camelCase med bogstaver og tal, og ikke et reserveret ord.", f.Name));
                continue;
            }
            var signature = new FunctionSignature(f.Name, signatures.Count, f.Parameters, f.Type, f.Label);
            names.Scope.Functions[f.Name] = signature;
            signatures.Add(signature);
        }
        return signatures;
    }

    /// <summary>Each function's body over its parameters; a function that invokes itself, directly or through others, is refused.</summary>
    private static List<FunctionCode> EmitFunctions(RulesetVersion version, Declarations names, List<FunctionSignature> signatures)
    {
        var code = new List<FunctionCode>();
        foreach (var signature in signatures)
        {
            var f = version.Functions![signature.Index];
            var scope = new SymbolScope(names.Scope.SatsKeys, names.Scope.LookupKeys) { Functions = names.Scope.Functions };
            var properties = new List<(string Name, Type Type)> { (Emitter.EnvProperty, typeof(EvalEnv)), (DecisionDate, typeof(DateOnly)) };
            scope.Add(new Symbol(DecisionDate, ValueKind.Date, "afgørelsesdato", null, false));
            var slots = new List<string>();
            var parameterNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in f.Parameters)
            {
                if (!IsUsableName(p.Name) || !parameterNames.Add(p.Name))
                {
                    names.Errors.Add(new CellError("(funktioner)", f.Name, p.Name, 0, $"'{p.Name}' kan ikke bruges som navn på en parameter (eller er brugt to gange).", p.Name));
                    continue;
                }
                if (p.Type == ValueKind.Record)
                {
                    var owner = scope.AddStructured(p with { Required = true }, -1);
                    foreach (var field in owner.Fields!)
                    {
                        properties.Add((field.Name, field.Kind.ClrType()));
                        slots.Add(field.Name);
                    }
                }
                else if (p.Type == ValueKind.List)
                    names.Errors.Add(new CellError("(funktioner)", f.Name, p.Name, 0, $"Parameteren '{p.Name}' er en liste; en funktion tager enkelte værdier eller poster.", p.Name));
                else
                {
                    scope.Add(new Symbol(p.Name, p.Type, p.Label, p.Values?.Select(v => v.Value).ToList(), false));
                    properties.Add((p.Name, p.Type.ClrType()));
                    slots.Add(p.Name);
                }
            }
            var emitter = new Emitter(scope, ParameterName);
            Emitted? body = null;
            TableCode? table = null;
            if (f.Type.IsStructured())
                names.Errors.Add(new CellError("(funktioner)", f.Name, "", 0, $"Funktionen '{f.Name}' skal give en enkelt værdi.", f.Name));
            else if ((f.Expression is null) == (f.Table is null))
                names.Errors.Add(new CellError("(funktioner)", f.Name, "", 0, $"Funktionen '{f.Name}' skal have enten et udtryk eller en tabel.", f.Name));
            else if (f.Expression is not null)
            {
                try { body = emitter.EmitValue(CellParser.ParseExpression(f.Expression, CellLimits.Expression), f.Type, null, $"'{f.Name}'"); }
                catch (CellException ex) { names.Errors.Add(new CellError("(funktioner)", f.Name, f.Name, ex.Position, ex.Message, f.Expression)); }
            }
            else
            {
                var t = f.Table!;
                if (t.Outputs.Count != 1 || t.ReturnsList || t.Outputs[0].Type != f.Type)
                    names.Errors.Add(new CellError("(funktioner)", f.Name, "", 0,
                        $"Funktionen '{f.Name}' skal have en tabel med præcis ét output af typen {f.Type.Danish()} og én værdi pr. kald.", f.Name));
                table = EmitTable(t, scope, emitter, names.Errors);
            }
            if (emitter.Aggregates.Count > 0)
                names.Errors.Add(new CellError("(funktioner)", f.Name, "", 0, $"Funktionen '{f.Name}' kan ikke bruge listefunktioner.", f.Name));
            code.Add(new FunctionCode(f, properties, slots, body, table, scope, emitter.UsedFunctions));
        }
        CheckRecursion(code, names);
        return code;
    }

    private static void CheckRecursion(List<FunctionCode> code, Declarations names)
    {
        var calls = code.ToDictionary(c => c.Definition.Name, c => c.Uses, StringComparer.Ordinal);
        foreach (var start in calls.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(calls[start]);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (next == start)
                {
                    names.Errors.Add(new CellError("(funktioner)", start, "", 0, $"Funktionen '{start}' kalder sig selv (direkte eller gennem andre funktioner).", start));
                    break;
                }
                if (seen.Add(next) && calls.TryGetValue(next, out var more))
                    foreach (var m in more) stack.Push(m);
            }
        }
    }

    /// <summary>A function's context type, its parameter setters, and its body or its table with a match delegate per row.</summary>
    private static CompiledFunction BuildFunction(FunctionCode code, RulesetVersion version, Declarations names)
    {
        var context = new ContextType(code.Properties);
        var compiler = new ValueCompiler(context);
        var slots = code.ParameterSlots.Select(context.Slot).ToArray();
        var body = code.Body is { } b ? compiler.Value(b, code.Definition.Expression!, code.Definition.Type, code.Definition.Name) : null;
        CompiledTable? table = null;
        if (code.Table is { } tc)
        {
            var compiled = CompileTable(tc, "", code.Scope, compiler, new CellWording(version, code.Scope, names.Satser));
            table = compiled with
            {
                Rows = compiled.Rows.Select((r, i) => r with { Matches = compiler.Condition(RowCondition(tc.Rows[i])) }).ToArray(),
            };
        }
        return new CompiledFunction(code.Definition, context, slots, context.Slot(Emitter.EnvProperty), context.Slot(DecisionDate), body, table);
    }
}
