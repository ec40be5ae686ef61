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

    private static int Whole(decimal n, string unit) =>
        n == decimal.Truncate(n) ? (int)n : throw new ArgumentException($"{n} {unit} er ikke et helt antal.");
}
