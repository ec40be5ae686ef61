namespace Serviceloven.Engine.Dates;

/// <summary>Date rules used by the rulesets. Every rule here is stated once and tested.</summary>
public static class LegalDates
{
    /// <summary>
    /// Age in whole years on <paramref name="at"/>. A year is complete on the birthday itself. Someone born on
    /// 29 February turns a year older on 1 March in years without a 29 February: the anniversary is not reached
    /// on 28 February, because the day of birth has not yet come round.
    /// </summary>
    public static int AgeAt(DateOnly birthDate, DateOnly at)
    {
        var age = at.Year - birthDate.Year;
        if (at.Month < birthDate.Month || (at.Month == birthDate.Month && at.Day < birthDate.Day)) age--;
        return age;
    }

    /// <summary>Adds calendar months; a day that does not exist in the target month becomes its last day (31 Jan + 1 = 28/29 Feb).</summary>
    public static DateOnly AddMonths(DateOnly date, int months) => date.AddMonths(months);

    /// <summary>Adds years that may be half years (66½ = 798 months); anything finer than a month is refused.</summary>
    public static DateOnly AddYears(DateOnly date, decimal years)
    {
        var months = years * 12m;
        if (months != decimal.Truncate(months))
            throw new ArgumentException($"{years} år er ikke et helt antal måneder.");
        return date.AddMonths((int)months);
    }

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/>: the largest m with AddMonths(from, m) &lt;= to.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -MonthsBetween(to, from);
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(months) > to) months--;
        return months;
    }

    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    /// <summary>The day a person reaches the pension age given in (possibly half) years.</summary>
    public static DateOnly PensionDate(DateOnly birthDate, decimal pensionAgeYears) => AddYears(birthDate, pensionAgeYears);

    /// <summary>
    /// Splits the inclusive period [from, to] at each 1 January, so each part can use the sats valid in its year.
    /// </summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> SplitAtNewYear(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException("Perioden slutter før den begynder.");
        var parts = new List<(DateOnly, DateOnly)>();
        var start = from;
        while (start.Year < to.Year)
        {
            var yearEnd = new DateOnly(start.Year, 12, 31);
            parts.Add((start, yearEnd));
            start = yearEnd.AddDays(1);
        }
        parts.Add((start, to));
        return parts;
    }
}
