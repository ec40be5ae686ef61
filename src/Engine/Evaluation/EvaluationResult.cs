using Serviceloven.Engine.Compilation;

namespace Serviceloven.Engine.Evaluation;

public enum EvaluationStatus
{
    /// <summary>The tables ran; Outcome may still be null when no rule matched.</summary>
    Determined,
    /// <summary>
    /// A required fact is missing: nothing was evaluated, or (for a fact whose requiredWhen condition holds on the path
    /// taken) the evaluation stopped where the condition was checked; the trace holds the tables evaluated until then.
    /// </summary>
    Undetermined,
    /// <summary>A fact has the wrong type or an unknown value.</summary>
    InvalidInput,
    /// <summary>A rule failed (division by zero, a sats without value on the date, ...). Never an afslag.</summary>
    Error,
}

/// <summary>
/// One row of one table in the explanation. Failed is the first cell that did not hold, in Danish with the actual value;
/// Decisive marks the rows the table's hit policy took its result from.
/// </summary>
public sealed record RowTrace(string Table, string Rule, bool Matched, string? Failed, string? Ref, string? Reason, bool Decisive)
{
    /// <summary>The table's hit policy ("FIRST", "COLLECT SUM", ...).</summary>
    public string HitPolicy { get; init; } = "";

    /// <summary>The failing cell itself, for programs: null when the row matched.</summary>
    public FailedCell? FailedCell { get; init; }
}

/// <summary>The first input cell of a row that did not hold: the input's name, the cell as written, the input's actual value.</summary>
public sealed record FailedCell(string Input, string Cell, object? Value);

public sealed record TableResult(
    string Table,
    string? Label,
    string HitPolicy,
    IReadOnlyList<string> MatchedRules,
    IReadOnlyList<string> DecisiveRules,
    bool NoRuleMatched,
    bool UsedDefault,
    IReadOnlyDictionary<string, object?> Outputs);

/// <summary>One item of a list as a list function saw it: whether it counted, and why or why not, in Danish.</summary>
public sealed record ListItemTrace(int Index, bool Counted, string Why, RecordValue Item);

/// <summary>A list function in a decision's expression (<c>sum(opsparing.timer hvor ...)</c>) and what it made of each item.</summary>
public sealed record ListTrace(string Expression, string List, string ListLabel, IReadOnlyList<ListItemTrace> Items);

/// <summary>
/// One decision's result in evaluation order: a derived value ("expression"), a table ("table", its outputs as the
/// value). A decision over a list says, per list function in it, which items counted.
/// </summary>
public sealed record DecisionTrace(string Name, string Kind, string? Label, object? Value, IReadOnlyList<ListTrace> Lists);

/// <summary>Where and why an evaluation failed.</summary>
public sealed record EvaluationError(string Kind, string Message, string? Table = null, string? Rule = null, string? Column = null)
{
    public override string ToString() =>
        Table is null ? Message : $"{Message} (tabel '{Table}'{(Rule is null ? "" : $", række '{Rule}'")}{(Column is null ? "" : $", kolonne '{Column}'")})";
}

public sealed class EvaluationResult
{
    public required EvaluationStatus Status { get; init; }
    public string? Outcome { get; init; }
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();
    /// <summary>Every named value of the evaluation: facts, decisionDate, derived values and scalar outputs.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();
    public IReadOnlyList<string> MissingFacts { get; init; } = [];
    public IReadOnlyList<FactError> FactErrors { get; init; } = [];
    public IReadOnlyList<RowTrace> Trace { get; init; } = [];
    public IReadOnlyList<TableResult> Tables { get; init; } = [];
    /// <summary>Every decision's result in the order they were made: derived values and tables.</summary>
    public IReadOnlyList<DecisionTrace> Decisions { get; init; } = [];
    /// <summary>Legal references of the decisive rows, in the order they decided.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<RowTrace> DecisiveRows { get; init; } = [];
    public IReadOnlyList<SatsUse> Satser { get; init; } = [];
    /// <summary>The satser the evaluation was made with, for a begrundelse that states a sats limit this decision did not read.</summary>
    public Satser.SatsCatalog? SatsCatalog { get; init; }
    public EvaluationError? Error { get; init; }

    /// <summary>True when the outcome table had no matching row and no default.</summary>
    public bool NoRuleMatched { get; init; }
}
