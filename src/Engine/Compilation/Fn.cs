using Serviceloven.Engine.Dates;

namespace Serviceloven.Engine.Compilation;

/// <summary>
/// The only helpers generated expressions may call (registered in ReSettings.CustomTypes); the cell functions reach
/// them through <see cref="Cells.CellFunctions"/>, an optional argument left out by an overload without it.
/// Concrete parameter and return types: Dynamic LINQ cannot compare helpers returning object.
/// </summary>
public static class Fn
{
    public static decimal Req(bool has, decimal value, string name) => has ? value : throw new MissingValueException(name);
    public static DateOnly Req(bool has, DateOnly value, string name) => has ? value : throw new MissingValueException(name);
    public static bool Req(bool has, bool value, string name) => has ? value : throw new MissingValueException(name);
    public static string Req(bool has, string value, string name) => has ? value : throw new MissingValueException(name);

    /// <summary>Marks which cell of a row is being tested, so an exception can name its column. Always true.</summary>
    public static bool Cell(EvalEnv env, int index)
    {
        env.CurrentCell = index;
        return true;
    }

    public static decimal Min(decimal a, decimal b) => a <= b ? a : b;
    public static decimal Max(decimal a, decimal b) => a >= b ? a : b;
    public static DateOnly Min(DateOnly a, DateOnly b) => a <= b ? a : b;
    public static DateOnly Max(DateOnly a, DateOnly b) => a >= b ? a : b;

    /// <summary>Commercial rounding (half away from zero), as Danish amounts are rounded.</summary>
    public static decimal Round(decimal x) => Round(x, 0);
    public static decimal Round(decimal x, decimal digits) => Math.Round(x, (int)digits, MidpointRounding.AwayFromZero);
    public static decimal Floor(decimal x) => Math.Floor(x);
    public static decimal Ceil(decimal x) => Math.Ceiling(x);
    public static decimal Abs(decimal x) => Math.Abs(x);

    /// <summary>x to a whole power by repeated squaring in decimal; a negative power is 1 over the positive one.</summary>
    public static decimal Power(decimal x, decimal n)
    {
        if (n != decimal.Truncate(n)) throw new ArgumentException($"power(): potensen {n} er ikke et helt tal.");
        if (Math.Abs(n) > 100000) throw new OverflowException();
        var e = (long)Math.Abs(n);
        var result = 1m;
        var b = x;
        while (e > 0)
        {
            if ((e & 1) == 1) result *= b;
            e >>= 1;
            if (e > 0) b *= b;
        }
        return n < 0 ? 1m / result : result;
    }

    public static decimal Sats(EvalEnv env, string key) => env.Sats(key, env.DecisionDate);
    public static decimal Sats(EvalEnv env, string key, DateOnly on) => env.Sats(key, on);
    public static decimal SatsSum(EvalEnv env, string key, DateOnly from, DateOnly to) => env.SatsSum(key, from, to);
    public static decimal Lookup(EvalEnv env, string table, DateOnly key) => env.Lookup(table, key);

    public static decimal AgeAt(DateOnly birthDate, DateOnly at) => LegalDates.AgeAt(birthDate, at);
    public static DateOnly AddDays(DateOnly d, decimal days) => d.AddDays(Whole(days, "dage"));
    public static DateOnly AddMonths(DateOnly d, decimal months) => LegalDates.AddMonths(d, Whole(months, "måneder"));
    public static DateOnly AddYears(DateOnly d, decimal years) => LegalDates.AddYears(d, years);
    public static decimal MonthsBetween(DateOnly a, DateOnly b) => LegalDates.MonthsBetween(a, b);
    public static decimal DaysBetween(DateOnly a, DateOnly b) => LegalDates.DaysBetween(a, b);
    public static DateOnly StartOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    // The list functions: the aggregate's number says which one of the version's (see CompiledLists).
    public static decimal ListCount(EvalEnv env, int aggregate) => env.ListState.Count(aggregate);
    public static decimal ListSum(EvalEnv env, int aggregate) => env.ListState.Sum(aggregate);
    public static decimal ListMin(EvalEnv env, int aggregate) => env.ListState.Extreme<decimal>(aggregate, -1);
    public static decimal ListMax(EvalEnv env, int aggregate) => env.ListState.Extreme<decimal>(aggregate, 1);
    public static DateOnly ListMinDate(EvalEnv env, int aggregate) => env.ListState.Extreme<DateOnly>(aggregate, -1);
    public static DateOnly ListMaxDate(EvalEnv env, int aggregate) => env.ListState.Extreme<DateOnly>(aggregate, 1);
    public static bool ListAny(EvalEnv env, int aggregate) => env.ListState.Any(aggregate);
    public static bool ListAll(EvalEnv env, int aggregate) => env.ListState.All(aggregate);

    // Invocations of the version's functions (business knowledge models): Begin, one Arg per value, then the typed call.
    public static FunctionCall Begin(EvalEnv env, int function) => new(env, function, env.Functions[function].Arity);
    public static FunctionCall Arg(FunctionCall call, decimal value) => call.Add(value);
    public static FunctionCall Arg(FunctionCall call, DateOnly value) => call.Add(value);
    public static FunctionCall Arg(FunctionCall call, bool value) => call.Add(value);
    public static FunctionCall Arg(FunctionCall call, string value) => call.Add(value);
    public static decimal CallNumber(FunctionCall call) => (decimal)Invoke(call);
    public static DateOnly CallDate(FunctionCall call) => (DateOnly)Invoke(call);
    public static bool CallBool(FunctionCall call) => (bool)Invoke(call);
    public static string CallText(FunctionCall call) => (string)Invoke(call);

    private static object Invoke(FunctionCall call) =>
        call.Env.Functions[call.Function].Invoke(call) ?? throw new NoResultException(call.Env.Functions[call.Function].Definition.Name);

    private static int Whole(decimal n, string unit) =>
        n == decimal.Truncate(n) ? (int)n : throw new ArgumentException($"{n} {unit} er ikke et helt antal.");
}
