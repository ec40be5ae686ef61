using System.Globalization;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Validation;

/// <summary>Facts from which a version decides an outcome, with the decision date and the result.</summary>
public sealed record OutcomeSample(DateOnly DecisionDate, IReadOnlyDictionary<string, object?> Facts, EvaluationResult Result);

/// <summary>
/// Finds facts that lead a version to outcomes no test case reaches, so the publication gate can render those outcomes'
/// begrundelse too. It starts from the given facts (the ruleset's test cases) and changes one fact at a time to a value
/// from that fact's domain: its enum values, true and false, the numbers and dates the version's cells compare with
/// (and one either side), ages given as birth dates, missing when optional. Each fact set that reaches an outcome not
/// seen before is a start for the next round. Stops when every wanted outcome is found or the budget is spent.
/// </summary>
public static class OutcomeSamples
{
    /// <summary>Evaluations per version at most; an evaluation takes microseconds, so this is well under a second.</summary>
    public const int Budget = 5_000;

    private const int Rounds = 3;

    public static async Task<IReadOnlyDictionary<string, OutcomeSample>> FindAsync(CompiledVersion cv, IReadOnlyCollection<string> wanted,
        IEnumerable<(DateOnly Date, IReadOnlyDictionary<string, object?> Facts)> seeds, SatsCatalog satser, LookupCatalog lookups,
        int budget = Budget)
    {
        var found = new Dictionary<string, OutcomeSample>(StringComparer.Ordinal);
        if (wanted.Count == 0) return found;
        var facts = cv.Content.Facts;
        var constants = Constants.Of(cv.Content);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var evaluations = 0;
        var frontier = seeds.Select(s => (s.Date, Complete(facts, s.Facts, constants, s.Date))).ToList();
        if (frontier.Count == 0)
        {
            var date = cv.ValidFrom;
            frontier.Add((date, Complete(facts, new Dictionary<string, object?>(), constants, date)));
        }

        async Task<bool> Try(DateOnly date, Dictionary<string, object?> candidate, List<(DateOnly, Dictionary<string, object?>)> next)
        {
            evaluations++;
            var bound = FactBinder.Bind(cv.Facts, candidate);
            var result = await Evaluator.EvaluateAsync(cv, date, bound, satser, lookups);
            if (result is not { Status: EvaluationStatus.Determined, Outcome: { } outcome } || !seen.Add(outcome)) return false;
            next.Add((date, candidate));
            if (wanted.Contains(outcome)) found[outcome] = new OutcomeSample(date, candidate, result);
            return found.Count == wanted.Count;
        }

        for (var round = 0; round < Rounds && frontier.Count > 0; round++)
        {
            var next = new List<(DateOnly, Dictionary<string, object?>)>();
            foreach (var (date, start) in frontier)
            {
                if (round == 0 && await Try(date, start, next)) return found;
                foreach (var fact in facts)
                    foreach (var value in Domain(fact, constants, date))
                    {
                        if (Equals(start.GetValueOrDefault(fact.Name), value)) continue;
                        if (evaluations >= budget) return found;
                        var candidate = new Dictionary<string, object?>(start, StringComparer.Ordinal) { [fact.Name] = value };
                        if (value is null) candidate.Remove(fact.Name);
                        if (await Try(date, candidate, next)) return found;
                    }
            }
            frontier = next;
        }
        return found;
    }

    /// <summary>The facts of a start that this version declares, and a value for each required one left out.</summary>
    private static Dictionary<string, object?> Complete(IReadOnlyList<FactDefinition> facts, IReadOnlyDictionary<string, object?> given,
        Constants constants, DateOnly date)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var f in facts)
        {
            if (given.TryGetValue(f.Name, out var v) && v is not null) result[f.Name] = v;
            else if (f.Required && Domain(f, constants, date).FirstOrDefault(x => x is not null) is { } first) result[f.Name] = first;
        }
        return result;
    }

    /// <summary>The values tried for a fact; null stands for "not given" (optional facts only).</summary>
    private static IEnumerable<object?> Domain(FactDefinition fact, Constants constants, DateOnly date)
    {
        IEnumerable<object?> values = fact.Type switch
        {
            ValueKind.Bool => [true, false],
            ValueKind.Enum => (fact.Values ?? []).Select(v => (object?)v.Value),
            ValueKind.Int or ValueKind.Decimal => Numbers(constants.NumbersFor(fact.Name), fact.Type == ValueKind.Int),
            ValueKind.Date => Dates(constants, date),
            // A list is tried empty; a record's fields have no domain here, so it keeps what the test case gave.
            ValueKind.List => [ListValue.Empty],
            ValueKind.Record => [],
            _ => ["eksempel"],
        };
        return fact.Required ? values : values.Append(null);
    }

    private static IEnumerable<object?> Numbers(IEnumerable<decimal> compared, bool whole)
    {
        var values = new SortedSet<decimal> { 0, 1 };
        foreach (var c in compared)
        {
            var n = whole ? decimal.Truncate(c) : c;
            values.Add(n);
            values.Add(n + 1);
            if (n >= 1) values.Add(n - 1);
        }
        return values.Select(v => (object?)v);
    }

    /// <summary>The decision date and the day either side, the dates the cells name, and birth dates for the ages they compare with.</summary>
    private static IEnumerable<object?> Dates(Constants constants, DateOnly date)
    {
        var values = new SortedSet<DateOnly> { date, date.AddDays(-1), date.AddDays(1) };
        foreach (var d in constants.Dates)
        {
            values.Add(d);
            values.Add(d.AddDays(-1));
            values.Add(d.AddDays(1));
        }
        foreach (var years in constants.Years)
        {
            values.Add(date.AddYears(-years));
            values.Add(date.AddYears(-years).AddDays(1));
        }
        return values.Select(v => (object?)v);
    }

    /// <summary>The numbers and dates a version's cells and derived values compare with.</summary>
    private sealed class Constants
    {
        private readonly Dictionary<string, HashSet<decimal>> _byName = new(StringComparer.Ordinal);
        public HashSet<DateOnly> Dates { get; } = [];
        /// <summary>Whole numbers that could be ages: a birth date that many years back meets a limit.</summary>
        public SortedSet<int> Years { get; } = [];

        public HashSet<decimal> NumbersFor(string name) => _byName.GetValueOrDefault(name) ?? [];

        public static Constants Of(RulesetVersion version)
        {
            var c = new Constants();
            foreach (var t in version.Tables)
                foreach (var row in t.Rows)
                    for (var i = 0; i < row.When.Count && i < t.Inputs.Count; i++)
                    {
                        var numbers = new HashSet<decimal>();
                        try { Walk(CellParser.ParseInput(row.When[i]), numbers, c.Dates); }
                        catch (CellException) { continue; }
                        c.Add(t.Inputs[i].Name, numbers);
                    }
            foreach (var d in version.Derived)
            {
                var numbers = new HashSet<decimal>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                try { Walk(CellParser.ParseExpression(d.Expression, CellLimits.Expression), numbers, c.Dates, names); }
                catch (CellException) { continue; }
                foreach (var name in names) c.Add(name, numbers);
                c.Add(d.Name, numbers);
            }
            return c;
        }

        private void Add(string name, HashSet<decimal> numbers)
        {
            if (numbers.Count == 0) return;
            if (!_byName.TryGetValue(name, out var set)) _byName[name] = set = [];
            set.UnionWith(numbers);
            foreach (var n in numbers)
                if (n == decimal.Truncate(n) && n is >= 1 and <= 120) Years.Add((int)n);
        }

        private static void Walk(Test test, HashSet<decimal> numbers, HashSet<DateOnly> dates)
        {
            switch (test)
            {
                case CompareTest t: Walk(t.Value, numbers, dates, null); break;
                case RangeTest r: Walk(r.Low, numbers, dates, null); Walk(r.High, numbers, dates, null); break;
                case AnyOfTest any: foreach (var x in any.Tests) Walk(x, numbers, dates); break;
                case NotTest n: Walk(n.Inner, numbers, dates); break;
            }
        }

        private static void Walk(Expr e, HashSet<decimal> numbers, HashSet<DateOnly> dates, HashSet<string>? names)
        {
            switch (e)
            {
                case NumberLit n: numbers.Add(n.Value); break;
                case Ident id: names?.Add(id.Name); break;
                case Call { Function: "date", Args: [StringLit s] }
                    when DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    dates.Add(d);
                    break;
                case Unary u: Walk(u.Operand, numbers, dates, names); break;
                case Binary b: Walk(b.Left, numbers, dates, names); Walk(b.Right, numbers, dates, names); break;
                case Where w: Walk(w.Source, numbers, dates, names); Walk(w.Condition, numbers, dates, null); break;
                case Call c: foreach (var a in c.Args) Walk(a, numbers, dates, names); break;
            }
        }
    }
}
