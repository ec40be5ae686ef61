namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// A tally as plain data, to be stored between nodes (a partition's tally is written when it finishes and merged with
/// the others' by whichever node finishes last). Aggregates only, like the tally itself: no facts of any case.
/// </summary>
public sealed record SimulationTallyState
{
    public long Cases { get; init; }
    public long OutcomeChanged { get; init; }
    public long AmountChanged { get; init; }
    public Dictionary<string, long> OutcomesA { get; init; } = [];
    public Dictionary<string, long> OutcomesB { get; init; } = [];
    public List<Transition> Transitions { get; init; } = [];
    public List<Transition> RowPairs { get; init; } = [];
    public Dictionary<string, AmountState> Amounts { get; init; } = [];
    public List<ChangedCase> Changed { get; init; } = [];

    public sealed record AmountState(decimal TotalA, decimal TotalB, long CountA, long CountB, long Increased, long Decreased, HistogramState Histogram);

    public sealed record HistogramState(decimal Width, long Zero, long NonZero, decimal Min, decimal Max, List<HistogramBucket> Buckets);

    public sealed record HistogramBucket(decimal From, long Count);
}

/// <summary>What one run over (a part of) a caseload counted: the tally, the rows that did not bind, the columns not read.</summary>
public sealed record SimulationPart(SimulationTallyState Tally, long UnboundRows, IReadOnlyList<RowError> RowErrors, IReadOnlyList<string> IgnoredColumns, bool Cancelled)
{
    /// <summary>Parts merged in order: tallies added, unbound rows summed, the first row errors by row kept, ignored columns united.</summary>
    public static SimulationPart Merge(IEnumerable<SimulationPart> parts)
    {
        var tally = new SimulationTally();
        long unbound = 0;
        var errors = new List<RowError>();
        var ignored = new List<string>();
        var cancelled = false;
        foreach (var p in parts)
        {
            tally.Merge(SimulationTally.FromState(p.Tally));
            unbound += p.UnboundRows;
            errors.AddRange(p.RowErrors);
            foreach (var c in p.IgnoredColumns) if (!ignored.Contains(c, StringComparer.Ordinal)) ignored.Add(c);
            cancelled |= p.Cancelled;
        }
        return new SimulationPart(tally.ToState(), unbound, errors.OrderBy(e => e.Row).Take(SimulationTally.MaxRowErrors).ToList(), ignored, cancelled);
    }
}

public sealed partial class SimulationTally
{
    public SimulationTallyState ToState() => new()
    {
        Cases = Cases,
        OutcomeChanged = OutcomeChanged,
        AmountChanged = AmountChanged,
        OutcomesA = new Dictionary<string, long>(OutcomesA, StringComparer.Ordinal),
        OutcomesB = new Dictionary<string, long>(OutcomesB, StringComparer.Ordinal),
        Transitions = Transitions.Select(t => new Transition(t.Key.Item1, t.Key.Item2, t.Value)).ToList(),
        RowPairs = RowPairs.Select(t => new Transition(t.Key.Item1, t.Key.Item2, t.Value)).ToList(),
        Amounts = Amounts.ToDictionary(a => a.Key, a => new SimulationTallyState.AmountState(a.Value.TotalA, a.Value.TotalB, a.Value.CountA,
            a.Value.CountB, a.Value.Increased, a.Value.Decreased, a.Value.Histogram.ToState()), StringComparer.Ordinal),
        Changed = Changed.ToList(),
    };

    public static SimulationTally FromState(SimulationTallyState s)
    {
        var t = new SimulationTally { Cases = s.Cases, OutcomeChanged = s.OutcomeChanged, AmountChanged = s.AmountChanged };
        foreach (var (k, v) in s.OutcomesA) t.OutcomesA[k] = v;
        foreach (var (k, v) in s.OutcomesB) t.OutcomesB[k] = v;
        foreach (var x in s.Transitions) t.Transitions[(x.From, x.To)] = x.Count;
        foreach (var x in s.RowPairs) t.RowPairs[(x.From, x.To)] = x.Count;
        foreach (var (name, a) in s.Amounts)
        {
            var amount = t.AmountOf(name);
            amount.TotalA = a.TotalA; amount.TotalB = a.TotalB; amount.CountA = a.CountA; amount.CountB = a.CountB;
            amount.Increased = a.Increased; amount.Decreased = a.Decreased;
            amount.Histogram.Restore(a.Histogram);
        }
        t.Changed.AddRange(s.Changed);
        return t;
    }
}

public sealed partial class DifferenceHistogram
{
    public SimulationTallyState.HistogramState ToState() =>
        new(Width, Zero, NonZero, Min, Max, _buckets.OrderBy(b => b.Key).Select(b => new SimulationTallyState.HistogramBucket(b.Key, b.Value)).ToList());

    /// <summary>Takes over a stored histogram's counts (into an empty one).</summary>
    public void Restore(SimulationTallyState.HistogramState s)
    {
        Width = s.Width; Zero = s.Zero; NonZero = s.NonZero; Min = s.Min; Max = s.Max;
        _buckets = s.Buckets.ToDictionary(b => b.From, b => b.Count);
    }
}
