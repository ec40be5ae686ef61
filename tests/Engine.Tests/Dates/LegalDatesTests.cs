using System.Globalization;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Dates;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Dates;

/// <summary>The date rules of LegalDates, directly and through the cell functions that use them.</summary>
public class LegalDatesTests
{
    [Theory]
    [InlineData("2006-03-02", "2024-03-01", 17)] // the day before the 18th birthday
    [InlineData("2006-03-02", "2024-03-02", 18)] // the birthday itself
    [InlineData("2006-03-02", "2024-03-03", 18)]
    [InlineData("2006-12-31", "2024-12-30", 17)]
    [InlineData("2006-12-31", "2024-12-31", 18)]
    [InlineData("2006-01-01", "2023-12-31", 17)]
    [InlineData("2006-01-01", "2024-01-01", 18)]
    [InlineData("2024-03-01", "2024-03-01", 0)]
    // Born 29 February: in a year without 29 February a year older on 1 March, not on 28 February.
    [InlineData("2004-02-29", "2022-02-28", 17)]
    [InlineData("2004-02-29", "2022-03-01", 18)]
    // In a leap year on 29 February itself.
    [InlineData("2004-02-29", "2024-02-28", 19)]
    [InlineData("2004-02-29", "2024-02-29", 20)]
    public void AgeAt_counts_whole_years_and_a_year_is_complete_on_the_birthday(string birth, string at, int expected)
    {
        Assert.Equal(expected, LegalDates.AgeAt(D(birth), D(at)));
    }

    [Theory]
    [InlineData("2004-02-29", "2022-02-28", 17)]
    [InlineData("2004-02-29", "2022-03-01", 18)]
    [InlineData("2004-02-29", "2024-02-29", 20)]
    [InlineData("2006-03-02", "2024-03-01", 17)]
    public async Task ageAt_in_a_cell_gives_the_same_age(string birth, string at, int expected)
    {
        var cv = OutputCellVersion("ageAt(birthDate, decisionDate)", ValueKind.Int, [Fact("birthDate", ValueKind.Date)]);
        Assert.Equal((decimal)expected, await Value(cv, new Dictionary<string, object?> { ["birthDate"] = D(birth) }, date: D(at)));
    }

    [Theory]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2023-01-31", 1, "2023-02-28")]
    [InlineData("2024-03-31", 1, "2024-04-30")]
    [InlineData("2024-05-31", -1, "2024-04-30")]
    [InlineData("2024-01-15", 1, "2024-02-15")]
    [InlineData("2024-11-30", 3, "2025-02-28")]
    [InlineData("2024-02-29", 12, "2025-02-28")]
    [InlineData("2024-01-31", 0, "2024-01-31")]
    public void AddMonths_clamps_to_the_end_of_a_shorter_month(string date, int months, string expected)
    {
        Assert.Equal(D(expected), LegalDates.AddMonths(D(date), months));
    }

    [Theory]
    [InlineData("1960-03-15", "66.5", "2026-09-15")]
    [InlineData("1960-03-15", "67", "2027-03-15")]
    [InlineData("1960-08-31", "66.5", "2027-02-28")]
    [InlineData("1964-02-29", "67", "2031-02-28")]
    [InlineData("1963-12-31", "0.5", "1964-06-30")]
    [InlineData("1963-07-01", "67.5", "2031-01-01")]
    public void AddYears_allows_half_years(string date, string years, string expected)
    {
        Assert.Equal(D(expected), LegalDates.AddYears(D(date), decimal.Parse(years, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(D(expected), LegalDates.PensionDate(D(date), decimal.Parse(years, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("66.3")]
    [InlineData("0.1")]
    public void AddYears_refuses_anything_finer_than_a_month(string years)
    {
        Assert.Throws<ArgumentException>(() => LegalDates.AddYears(D("1960-03-15"), decimal.Parse(years, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_fractional_month_in_addMonths_is_an_evaluation_error_not_a_rounded_date()
    {
        var cv = OutputCellVersion("addMonths(start, n)", ValueKind.Date, [Fact("start", ValueKind.Date), Fact("n", ValueKind.Decimal)]);
        var r = await Run(cv, new Dictionary<string, object?> { ["start"] = D("2024-01-31"), ["n"] = 1.5m });
        Assert.Equal(Serviceloven.Engine.Evaluation.EvaluationStatus.Error, r.Status);
        Assert.Contains("måneder er ikke et helt antal", r.Error!.Message);
    }

    [Theory]
    [InlineData("2024-01-15", "2024-02-14", 0)]
    [InlineData("2024-01-15", "2024-02-15", 1)]
    [InlineData("2024-01-31", "2024-02-29", 1)]
    [InlineData("2024-01-31", "2024-02-28", 0)]
    [InlineData("2023-11-01", "2024-03-01", 4)]
    [InlineData("2023-11-01", "2024-02-29", 3)]
    [InlineData("2024-01-01", "2024-01-01", 0)]
    [InlineData("2024-03-15", "2024-01-15", -2)]
    [InlineData("2024-03-15", "2024-01-16", -1)]
    public void MonthsBetween_counts_whole_months(string from, string to, int expected)
    {
        Assert.Equal(expected, LegalDates.MonthsBetween(D(from), D(to)));
    }

    [Theory]
    [InlineData("2024-02-28", "2024-03-01", 2)]
    [InlineData("2023-02-28", "2023-03-01", 1)]
    [InlineData("2024-03-01", "2024-02-28", -2)]
    [InlineData("2023-12-31", "2024-12-31", 366)]
    public void DaysBetween_counts_days(string from, string to, int expected)
    {
        Assert.Equal(expected, LegalDates.DaysBetween(D(from), D(to)));
    }

    [Fact]
    public void SplitAtNewYear_cuts_a_period_at_each_first_of_january()
    {
        Assert.Equal(
            [(D("2023-11-15"), D("2023-12-31")), (D("2024-01-01"), D("2024-12-31")), (D("2025-01-01"), D("2025-02-10"))],
            LegalDates.SplitAtNewYear(D("2023-11-15"), D("2025-02-10")));
        Assert.Equal([(D("2024-02-01"), D("2024-05-31"))], LegalDates.SplitAtNewYear(D("2024-02-01"), D("2024-05-31")));
        Assert.Equal([(D("2023-12-31"), D("2023-12-31")), (D("2024-01-01"), D("2024-01-01"))],
            LegalDates.SplitAtNewYear(D("2023-12-31"), D("2024-01-01")));
        Assert.Equal([(D("2024-01-01"), D("2024-01-01"))], LegalDates.SplitAtNewYear(D("2024-01-01"), D("2024-01-01")));
        Assert.Throws<ArgumentException>(() => LegalDates.SplitAtNewYear(D("2024-01-02"), D("2024-01-01")));
    }

    [Theory]
    // Nov and Dec 2023 at 1000, Jan and Feb 2024 at 1200.
    [InlineData("2023-11-01", "2024-03-01", "4400")]
    // Dec 2023 at 1000, then Jan 2024 at 1200: the month starting 15 December uses the value on 15 December.
    [InlineData("2023-12-15", "2024-02-15", "2200")]
    [InlineData("2024-01-01", "2024-04-01", "3600")]
    [InlineData("2023-01-01", "2024-01-01", "12000")]
    [InlineData("2023-06-01", "2023-06-30", "0")]
    public async Task SatsSum_over_new_year_uses_each_years_value(string from, string to, string expected)
    {
        var satser = new SatsCatalog([Sats("sel-97.maaned", ("2023-01-01", "2023-12-31", 1000m), ("2024-01-01", null, 1200m))]);
        var cv = OutputCellVersion("satsSum(\"sel-97.maaned\", periodFrom, periodTo)", ValueKind.Decimal,
            [Fact("periodFrom", ValueKind.Date), Fact("periodTo", ValueKind.Date)], satser: satser);
        var facts = new Dictionary<string, object?> { ["periodFrom"] = D(from), ["periodTo"] = D(to) };
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), await Value(cv, facts, satser: satser));
    }

    [Fact]
    public async Task SatsSum_reports_each_years_value_as_used()
    {
        var satser = new SatsCatalog([Sats("sel-97.maaned", ("2023-01-01", "2023-12-31", 1000m), ("2024-01-01", null, 1200m))]);
        var cv = OutputCellVersion("satsSum(\"sel-97.maaned\", date(\"2023-11-01\"), date(\"2024-03-01\"))", ValueKind.Decimal, satser: satser);
        var r = await Run(cv, new Dictionary<string, object?>(), satser: satser);
        Assert.Equal([(1000m, D("2023-01-01")), (1200m, D("2024-01-01"))], r.Satser.Select(s => (s.Value, s.ValidFrom)));
    }

    [Fact]
    public async Task SatsSum_over_a_month_without_a_value_is_an_error_naming_that_month()
    {
        var satser = new SatsCatalog([Sats("sel-97.maaned", ("2023-01-01", "2023-12-31", 1000m))]);
        var cv = OutputCellVersion("satsSum(\"sel-97.maaned\", date(\"2023-11-01\"), date(\"2024-03-01\"))", ValueKind.Decimal, satser: satser);
        var r = await Run(cv, new Dictionary<string, object?>(), satser: satser);
        Assert.Equal("sats-missing", r.Error!.Kind);
        Assert.Contains("1. januar 2024", r.Error.Message);
    }
}
