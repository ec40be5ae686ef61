namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// What a simulation found, in aggregate only: no facts of any case except the up to 100 changed cases' answers (their
/// row numbers, outcomes and amounts, never their facts). This is all that is saved, and only if the user chooses.
/// </summary>
public sealed record SimulationReport
{
    public required string RulesetId { get; init; }
    public required SideSummary A { get; init; }
    public required SideSummary B { get; init; }
    /// <summary>Cases evaluated on both sides.</summary>
    public long Cases { get; init; }
    /// <summary>Rows that did not bind and were not evaluated.</summary>
    public long UnboundRows { get; init; }
    /// <summary>The first <see cref="SimulationTally.MaxRowErrors"/> cells that did not bind, by row and field.</summary>
    public IReadOnlyList<RowError> RowErrors { get; init; } = [];
    /// <summary>Columns that are no fact of the ruleset and were not read.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    /// <summary>A outcome x B outcome: how many cases went from one to the other (unchanged cases on the diagonal).</summary>
    public IReadOnlyList<Transition> Transitions { get; init; } = [];
    public long OutcomeChanged { get; init; }
    public long AmountChanged { get; init; }
    public IReadOnlyList<AmountSummary> Amounts { get; init; } = [];
    /// <summary>Deciding rows on A -> on B, for cases decided by other rows (top 50).</summary>
    public IReadOnlyList<Transition> RowChanges { get; init; } = [];
    /// <summary>Up to 100 changed cases, by row number, with both answers.</summary>
    public IReadOnlyList<ChangedCase> ChangedCases { get; init; } = [];
    public double Seconds { get; init; }
    public double CasesPerSecond => Seconds > 0 ? Cases / Seconds : 0;
    public bool Cancelled { get; init; }

    /// <summary>The outcomes in a fixed order: A's and B's, most frequent first.</summary>
    public IReadOnlyList<string> OutcomeKeys() =>
        A.Outcomes.Concat(B.Outcomes).GroupBy(o => o.Key).OrderByDescending(g => g.Sum(o => o.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();

    public long TransitionCount(string from, string to) =>
        Transitions.FirstOrDefault(t => t.From == from && t.To == to)?.Count ?? 0;
}

/// <summary>One side as run: its name and what it ran (version, date), and its count of cases per outcome.</summary>
public sealed record SideSummary(string Name, string Description, IReadOnlyDictionary<string, long> Outcomes);

public sealed record Transition(string From, string To, long Count);

/// <summary>A numeric output over the caseload: totals and means on each side and the distribution of per-case differences.</summary>
public sealed record AmountSummary(
    string Output,
    decimal TotalA,
    decimal TotalB,
    long CountA,
    long CountB,
    long Increased,
    long Decreased,
    IReadOnlyList<HistogramBin> Histogram)
{
    public decimal MeanA => CountA == 0 ? 0 : TotalA / CountA;
    public decimal MeanB => CountB == 0 ? 0 : TotalB / CountB;
    /// <summary>B minus A over all cases (a case without the output on a side counts 0 there).</summary>
    public decimal TotalDifference => TotalB - TotalA;
}

/// <summary>One side's answer for a changed case: the outcome key and the numeric outputs.</summary>
public sealed record CaseAnswer(string Outcome, IReadOnlyDictionary<string, decimal> Amounts, string? Problem);

public sealed record ChangedCase(long Row, CaseAnswer A, CaseAnswer B);

/// <summary>Outcome keys for what is not an outcome code, and their Danish names.</summary>
public static class OutcomeKeys
{
    public const string NoRule = "(ingen regel)";
    public const string Undetermined = "(uafgjort)";
    public const string Invalid = "(ugyldige fakta)";
    public const string Error = "(fejl)";
    public const string NoVersion = "(ingen version)";
}
