using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

/// <summary>One invocation's arguments as they are evaluated, before the function runs (so f(1, f(2, 3)) is safe).</summary>
public sealed class FunctionCall
{
    internal FunctionCall(EvalEnv env, int function, int size)
    {
        Env = env;
        Function = function;
        Args = new object[size];
    }

    internal EvalEnv Env { get; }
    internal int Function { get; }
    internal object[] Args { get; }
    internal int Count { get; set; }

    internal FunctionCall Add(object value)
    {
        Args[Count++] = value;
        return this;
    }
}

/// <summary>
/// A business knowledge model compiled once: a context type of its own (its parameters, record parameters field by
/// field, the decision date and the EvalEnv), and its body as a value delegate or a table evaluated row by row. Each
/// invocation fills a fresh context, so invocations never share state.
/// </summary>
public sealed class CompiledFunction(FunctionDefinition definition, ContextType context, ContextSlot[] parameters,
    ContextSlot envSlot, ContextSlot dateSlot, CompiledValue? body, CompiledTable? table)
{
    public FunctionDefinition Definition { get; } = definition;
    /// <summary>How many values an invocation passes: one per single parameter, one per field of a record parameter.</summary>
    public int Arity => parameters.Length;

    internal object? Invoke(FunctionCall call)
    {
        var ctx = context.Create();
        envSlot.Set(ctx, call.Env);
        dateSlot.Set(ctx, call.Env.DecisionDate);
        for (var i = 0; i < parameters.Length; i++) parameters[i].Set(ctx, call.Args[i]);
        var args = new object[] { ctx };
        if (body is not null) return body.Evaluate(args);
        var matched = new List<int>(2);
        for (var i = 0; i < table!.Rows.Length; i++)
            if (table.Rows[i].Matches!(args)) matched.Add(i);
        var resolution = HitPolicyResolver.Resolve(table, matched, new Outputs(args));
        return resolution.Outputs.GetValueOrDefault(table.Table.Outputs[0].Name)
            ?? throw new NoResultException(Definition.Name);
    }

    private sealed class Outputs(object[] args) : IRowOutputs
    {
        public object? OutputValue(CompiledTable table, CompiledValue value, string rowId, string column) => value.Evaluate(args);
    }
}

/// <summary>A function whose table had no matching row and no default: there is no value to give.</summary>
public sealed class NoResultException(string function)
    : Exception($"{function}() gav ingen værdi: ingen af funktionens regler passede, og den har ingen standardværdi.");
