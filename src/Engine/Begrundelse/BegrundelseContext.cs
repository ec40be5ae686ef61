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

    // Clock checks rather than a timer: a timer fires on the thread pool, which may be busy exactly when a runaway
    // template keeps a thread. The limit counts the rendering thread's processor time (a render is synchronous, on one
    // thread), so a letter that waits for a core on a loaded machine is not stopped; reading it costs a system call, so
    // it is read every CpuCheckEvery nodes. The wall clock stops a render at WallFactor times the limit whatever the
    // cause, and is the limit itself where the thread's processor time cannot be read.
    private const int CpuCheckEvery = 64;
    private const int WallFactor = 10;
    private readonly TimeSpan _limit = timeLimit;
    private readonly TimeSpan? _cpuStart = ThreadCpuClock.Now();
    private readonly long _wallDeadline = Stopwatch.GetTimestamp()
        + (long)(timeLimit.TotalSeconds * (ThreadCpuClock.Available ? WallFactor : 1) * Stopwatch.Frequency);
    private int _nodes;

    /// <summary>True once the render has run past its time limit.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Whether the limit counted processor time (else wall-clock time).</summary>
    public bool CountsProcessorTime => _cpuStart is not null;

    /// <summary>The wall-clock stop, not the processor time, ended the render.</summary>
    public bool StoppedByWallClock { get; private set; }

    /// <summary>The wall-clock stop in use.</summary>
    public TimeSpan WallLimit => CountsProcessorTime ? _limit * WallFactor : _limit;

    private bool OverLimit()
    {
        if (Stopwatch.GetTimestamp() > _wallDeadline)
        {
            StoppedByWallClock = true;
            return true;
        }
        return _cpuStart is { } start && ++_nodes % CpuCheckEvery == 0 && ThreadCpuClock.Now() is { } now && now - start > _limit;
    }

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        // Scriban checks cancellation between statements of a block only; a loop over a single statement never reaches
        // that check, so check on every node, and the time limit with it.
        if (scriptNode is not null)
        {
            if (OverLimit()) TimedOut = true;
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
