using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Cells;

// Invocations of the version's business knowledge models: pmt(laan.beloeb, laan.rente, 360).
public sealed partial class Emitter
{
    /// <summary>The functions invoked by the cells emitted so far (a function that invokes itself is refused).</summary>
    public HashSet<string> UsedFunctions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Arguments in parameter order, each checked against its parameter's type; a record parameter takes a record (a
    /// record fact, a context without result) that has every field it needs, and receives those fields one by one.
    /// The call collects its arguments in a frame and then runs the function over a context of its own.
    /// </summary>
    private Emitted EmitInvocation(Call c, FunctionSignature f)
    {
        if (c.Args.Count != f.Parameters.Count)
            throw new CellException($"{f.Name}() tager {f.Parameters.Count} argument(er) ({string.Join(", ", f.Parameters.Select(p => p.Name))}), men fik {c.Args.Count}.", c.Pos);
        UsedFunctions.Add(f.Name);
        // Each value passed wraps the frame once more, Fn.Arg(Fn.Arg(..., a), b): the code nests one level per value,
        // which counts against the depth limit as an operator does (Dynamic LINQ recurses once per level).
        var framed = f.Parameters.Sum(p => p.Type == ValueKind.Record ? p.Fields?.Count ?? 0 : 1);
        if (_depth + framed > CellLimits.MaxDepth)
            throw new CellException($"{f.Name}() giver {framed} værdier videre, og udtrykket bliver for dybt indlejret: højst {CellLimits.MaxDepth} niveauer.", c.Pos);
        _depth += framed;
        try { return new(TypeOf(f.Type), EmitFrame(c, f)); }
        finally { _depth -= framed; }
    }

    private string EmitFrame(Call c, FunctionSignature f)
    {
        var code = $"Fn.Begin({Prop(EnvProperty)}, {f.Index})";
        for (var i = 0; i < c.Args.Count; i++)
        {
            var parameter = f.Parameters[i];
            var arg = c.Args[i];
            if (parameter.Type == ValueKind.Record)
            {
                var record = arg switch
                {
                    Ident id => Resolve(id),
                    Member m => Resolve(m),
                    _ => throw new CellException($"{f.Name}(): '{parameter.Name}' skal være en post, fx et faktum af typen post.", arg.Pos),
                };
                if (record.Fields is null)
                    throw new CellException($"{f.Name}(): '{parameter.Name}' skal være en post, men '{record.Name}' er {record.Kind.Danish()}.", arg.Pos);
                foreach (var field in parameter.Fields ?? [])
                {
                    var member = record.Fields.FirstOrDefault(x => x.FieldName == field.Name)
                        ?? throw new CellException($"{f.Name}(): posten '{record.Name}' har intet felt '{field.Name}', som '{parameter.Name}' skal have.", arg.Pos);
                    var value = EmitSymbol(member, arg.Pos);
                    Require(value, TypeOf(field.Type), arg, $"{f.Name}(), feltet '{parameter.Name}.{field.Name}'");
                    code = $"Fn.Arg({code}, {value.Code})";
                }
                continue;
            }
            var e = Emit(arg);
            Require(e, TypeOf(parameter.Type), arg, $"{f.Name}(), '{parameter.Name}'");
            code = $"Fn.Arg({code}, {e.Code})";
        }
        var method = TypeOf(f.Type) switch
        {
            ExprType.Number => "CallNumber",
            ExprType.Date => "CallDate",
            ExprType.Bool => "CallBool",
            _ => "CallText",
        };
        return $"Fn.{method}({code})";
    }
}
