using System.Diagnostics;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// The TemplateContext of one render, never reused (Scriban advisories GHSA-5wr9-m6jw-xx44, GHSA-x6m9-38vm-2xhf).
/// Besides the limits set by the renderer it makes two things errors that Scriban lets pass silently:
/// printing a value that is null or blank (a letter with a hole in it), and printing through .NET members.
/// </summary>
internal sealed class BegrundelseContext(TimeSpan timeLimit, ScriptObject builtins, ScriptObject model) : TemplateContext(builtins)
{
    /// <summary>The model this render prints from (the `sats` function looks up in it).</summary>
    public ScriptObject Model { get; } = model;

    // A clock check rather than a timer: a timer fires on the thread pool, which may be busy exactly when a
    // runaway template keeps a thread.
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);

    /// <summary>True once the render has run past its time limit.</summary>
    public bool TimedOut { get; private set; }

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        // Scriban checks cancellation between statements of a block only; a loop over a single statement never reaches
        // that check, so check on every node, and the time limit with it.
        if (scriptNode is not null)
        {
            if (Stopwatch.GetTimestamp() > _deadline) TimedOut = true;
            if (TimedOut || CancellationToken.IsCancellationRequested)
                throw new ScriptRuntimeException(scriptNode.Span, "The operation was cancelled");
        }
        var result = base.Evaluate(scriptNode, aliasReturnedFunction);
        if (scriptNode is ScriptExpressionStatement { CanOutput: true } statement
            && IsBlank(result)
            && !IsInclude(statement.Expression)
            && EnableOutput)
        {
            throw new BlankValueException(statement.Span,
                $"Udtrykket '{statement.Expression}' giver en tom værdi. Brug 'if' omkring teksten, hvis værdien kan mangle.");
        }
        return result;
    }

    /// <summary>Values print in Danish even without a function: 1. marts 2024, 7,5, ja/nej.</summary>
    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        DateOnly d => DanishFormat.Date(d),
        decimal m => DanishFormat.Number(m),
        bool b => b ? "ja" : "nej",
        _ => base.ObjectToString(value, nested),
    };

    /// <summary>A value to print is missing: an error in the template or in the facts given, depending on the case.</summary>
    internal sealed class BlankValueException(Scriban.Parsing.SourceSpan span, string message) : ScriptRuntimeException(span, message);

    private static bool IsBlank(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    /// <summary>A partial may legitimately print nothing (skøn without discretionary facts).</summary>
    private static bool IsInclude(ScriptExpression? expression) =>
        expression is ScriptFunctionCall { Target: ScriptVariable { Name: "include" } };
}
