using Serviceloven.Engine.Dates;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Compilation;

/// <summary>A sats value an evaluation used, for the response and the begrundelse.</summary>
public sealed record SatsUse(string Key, string Label, decimal Value, string Unit, DateOnly ValidFrom, DateOnly? ValidTo, string Source, string? PriceLevel);

/// <summary>
/// What rule expressions may reach besides facts: the decision date, satser and lookup tables valid on it.
/// One per evaluation (it records the satser used), never shared between threads.
/// </summary>
public sealed class EvalEnv(DateOnly decisionDate, SatsCatalog satser, LookupCatalog lookups)
{
    private List<SatsUse>? _used;

    public DateOnly DecisionDate { get; } = decisionDate;

    /// <summary>The version's functions (business knowledge models); set before anything invokes one.</summary>
    internal CompiledFunction[] Functions { get; set; } = [];

    /// <summary>The items of the evaluation's list facts; set before anything reads a list.</summary>
    internal ListState ListState { get; set; } = null!;

    /// <summary>The cell of a row last entered while finding the first failing cell (see Fn.Cell).</summary>
    internal int CurrentCell { get; set; } = -1;
    public IReadOnlyList<SatsUse> UsedSatser => (IReadOnlyList<SatsUse>?)_used ?? [];

    /// <summary>The satser the evaluation was made with (a letter may state a limit of a sats this decision did not read).</summary>
    public SatsCatalog Satser => satser;

    internal decimal Sats(string key, DateOnly on)
    {
        var value = satser.ValueOn(key, on) ?? throw new SatsMissingException(key, on);
        Record(key, value);
        return value.Value;
    }

    internal decimal Lookup(string table, DateOnly key) => lookups.Find(table, key, DecisionDate).Value;

    private void Record(string key, SatsValue value)
    {
        _used ??= new List<SatsUse>(2);
        foreach (var u in _used)
            if (u.Key == key && u.ValidFrom == value.ValidFrom) return;
        var series = satser.Get(key)!;
        _used.Add(new SatsUse(key, series.Label, value.Value, series.Unit, value.ValidFrom, value.ValidTo, value.Source, series.PriceLevel));
    }

    internal decimal SatsSum(string key, DateOnly from, DateOnly to)
    {
        // Whole months from 'from'; each month uses the value in force on its first day, so a period
        // across 1 January picks up the new year's sats.
        var months = LegalDates.MonthsBetween(from, to);
        var sum = 0m;
        for (var m = 0; m < months; m++) sum += Sats(key, LegalDates.AddMonths(from, m));
        return sum;
    }
}

/// <summary>A fact that is optional and was not given, but an expression needs its value.</summary>
public sealed class MissingValueException(string name)
    : Exception($"'{name}' har ingen værdi, men reglen skal bruge den.")
{
    public string Name { get; } = name;
}
