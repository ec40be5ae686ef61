using Serviceloven.Engine.Evaluation;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// One worker's counts; workers never share one, and the tallies are merged when the caseload is done. Memory is
/// bounded whatever the caseload's size: counters per outcome pair, per output, per pair of deciding rows (capped),
/// a bounded histogram, and the first changed cases and row errors.
/// </summary>
public sealed partial class SimulationTally
{
    public const int MaxRowErrors = 1000;
    public const int MaxChangedCases = 100;
    private const int MaxRowPairs = 500;

    public long Cases { get; private set; }
    public long OutcomeChanged { get; private set; }
    public long AmountChanged { get; private set; }
    public Dictionary<string, long> OutcomesA { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> OutcomesB { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string, string), long> Transitions { get; } = [];
    public Dictionary<(string, string), long> RowPairs { get; } = [];
    public Dictionary<string, AmountTally> Amounts { get; } = new(StringComparer.Ordinal);
    public List<ChangedCase> Changed { get; } = [];

    public sealed class AmountTally
    {
        public decimal TotalA { get; set; }
        public decimal TotalB { get; set; }
        public long CountA { get; set; }
        public long CountB { get; set; }
        public long Increased { get; set; }
        public long Decreased { get; set; }
        public DifferenceHistogram Histogram { get; } = new();
    }

    public void Add(long row, SideAnswer a, SideAnswer b)
    {
        Cases++;
        Increment(OutcomesA, a.Key);
        Increment(OutcomesB, b.Key);
        var outcomeChanged = !string.Equals(a.Key, b.Key, StringComparison.Ordinal);
        if (outcomeChanged) OutcomeChanged++;
        var pair = (a.Key, b.Key);
        Transitions[pair] = Transitions.GetValueOrDefault(pair) + 1;

        var amountChanged = false;
        if (a.Result?.Outputs is { Count: > 0 } outsA)
            foreach (var (name, value) in outsA)
                if (value is decimal x)
                {
                    var t = AmountOf(name);
                    t.TotalA += x;
                    t.CountA++;
                    var y = b.Result?.Outputs.GetValueOrDefault(name) as decimal? ?? 0m;
                    amountChanged |= Difference(t, y - x);
                }
        if (b.Result?.Outputs is { Count: > 0 } outsB)
            foreach (var (name, value) in outsB)
                if (value is decimal y)
                {
                    var t = AmountOf(name);
                    t.TotalB += y;
                    t.CountB++;
                    if (a.Result?.Outputs.GetValueOrDefault(name) is not decimal) amountChanged |= Difference(t, y);
                }
        if (amountChanged) AmountChanged++;

        if (a.Result is { Status: EvaluationStatus.Determined } ra && b.Result is { Status: EvaluationStatus.Determined } rb && !SameRows(ra, rb))
        {
            var key = (Rows(ra), Rows(rb));
            if (RowPairs.ContainsKey(key) || RowPairs.Count < MaxRowPairs) RowPairs[key] = RowPairs.GetValueOrDefault(key) + 1;
        }
        if ((outcomeChanged || amountChanged) && Changed.Count < MaxChangedCases)
            Changed.Add(new ChangedCase(row, a.Answer(), b.Answer()));
    }

    public void Merge(SimulationTally other)
    {
        Cases += other.Cases;
        OutcomeChanged += other.OutcomeChanged;
        AmountChanged += other.AmountChanged;
        foreach (var (k, v) in other.OutcomesA) OutcomesA[k] = OutcomesA.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.OutcomesB) OutcomesB[k] = OutcomesB.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.Transitions) Transitions[k] = Transitions.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.RowPairs) RowPairs[k] = RowPairs.GetValueOrDefault(k) + v;
        foreach (var (name, o) in other.Amounts)
        {
            var t = AmountOf(name);
            t.TotalA += o.TotalA; t.TotalB += o.TotalB; t.CountA += o.CountA; t.CountB += o.CountB;
            t.Increased += o.Increased; t.Decreased += o.Decreased;
            t.Histogram.Merge(o.Histogram);
        }
        // Each worker keeps its first changed cases in row order, so the first 100 overall are among them.
        var all = Changed.Concat(other.Changed).OrderBy(c => c.Row).Take(MaxChangedCases).ToList();
        Changed.Clear();
        Changed.AddRange(all);
    }

    private AmountTally AmountOf(string name)
    {
        if (!Amounts.TryGetValue(name, out var t)) Amounts[name] = t = new AmountTally();
        return t;
    }

    private static bool Difference(AmountTally t, decimal d)
    {
        t.Histogram.Add(d);
        if (d > 0) t.Increased++;
        else if (d < 0) t.Decreased++;
        return d != 0;
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static bool SameRows(EvaluationResult a, EvaluationResult b)
    {
        if (a.DecisiveRows.Count != b.DecisiveRows.Count) return false;
        for (var i = 0; i < a.DecisiveRows.Count; i++)
            if (a.DecisiveRows[i].Rule != b.DecisiveRows[i].Rule || a.DecisiveRows[i].Table != b.DecisiveRows[i].Table) return false;
        return true;
    }

    private static string Rows(EvaluationResult r) => r.DecisiveRows.Count == 0 ? "(ingen)" : string.Join(", ", r.DecisiveRows.Select(x => x.Rule));
}

/// <summary>One side's evaluation of a case (null result: no version holds on the date, or no decision date).</summary>
public readonly record struct SideAnswer(EvaluationResult? Result, string? Problem)
{
    public string Key => Result is null ? OutcomeKeys.NoVersion : Result.Status switch
    {
        EvaluationStatus.Determined => Result.Outcome ?? OutcomeKeys.NoRule,
        EvaluationStatus.Undetermined => OutcomeKeys.Undetermined,
        EvaluationStatus.InvalidInput => OutcomeKeys.Invalid,
        _ => OutcomeKeys.Error,
    };

    public CaseAnswer Answer() => new(Key,
        Result?.Outputs.Where(o => o.Value is decimal).ToDictionary(o => o.Key, o => (decimal)o.Value!) ?? new Dictionary<string, decimal>(),
        Problem ?? Result?.Error?.ToString() ?? (Result?.FactErrors is { Count: > 0 } fe ? string.Join("; ", fe.Select(e => e.Message)) : null));
}
