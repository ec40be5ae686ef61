using Serviceloven.Engine.Dmn;

namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>FEEL durations as the importer and the conformance check read, compute and show them.</summary>
public sealed class DmnDurationValueTests
{
    [Theory]
    [InlineData("P1Y2M", DmnDuration.YearsMonths, 14)]
    [InlineData("-P1Y", DmnDuration.YearsMonths, -12)]
    [InlineData("P0M", DmnDuration.YearsMonths, 0)]
    [InlineData("P1D", DmnDuration.DaysTime, 86400)]
    [InlineData("PT1000M", DmnDuration.DaysTime, 60000)]
    [InlineData("P1DT2H3M4.5S", DmnDuration.DaysTime, 93784.5)]
    [InlineData("-PT1H2M", DmnDuration.DaysTime, -3720)]
    [InlineData("PT0.S", DmnDuration.DaysTime, 0)]
    public void An_iso_duration_is_read_as_months_or_seconds(string text, DmnDuration unit, decimal amount) =>
        Assert.Equal(new DmnDurationValue(unit, amount), DmnDurationValue.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("P0")]
    [InlineData("1Y")]
    [InlineData("P1H")]
    [InlineData("PT")]
    [InlineData("P1Y2D")]
    [InlineData("P1.5Y")]
    public void A_text_that_is_not_one_kind_of_duration_is_not_read(string text) => Assert.Null(DmnDurationValue.Parse(text));

    [Theory]
    [InlineData(DmnDuration.YearsMonths, 20, "P1Y8M")]
    [InlineData(DmnDuration.YearsMonths, -12, "-P1Y")]
    [InlineData(DmnDuration.YearsMonths, 0, "P0M")]
    [InlineData(DmnDuration.DaysTime, 60000.999999999, "PT16H40M0.999999999S")]
    [InlineData(DmnDuration.DaysTime, 864000, "P10D")]
    [InlineData(DmnDuration.DaysTime, 0, "PT0S")]
    [InlineData(DmnDuration.DaysTime, -3720, "-PT1H2M")]
    public void A_duration_is_shown_in_iso_8601(DmnDuration unit, decimal amount, string expected) =>
        Assert.Equal(expected, new DmnDurationValue(unit, amount).ToString());

    [Theory]
    [InlineData("2011-12-22", "2013-08-24", 20)]
    [InlineData("2013-08-24", "2011-12-22", -20)]
    [InlineData("2016-01-31", "2016-02-29", 0)]
    [InlineData("2016-02-29", "2016-01-31", 0)]
    [InlineData("2015-01-21", "2016-01-21", 12)]
    [InlineData("2016-01-01", "2016-01-01", 0)]
    public void Years_and_months_between_two_dates_counts_a_month_when_its_day_is_reached(string from, string to, int months) =>
        Assert.Equal(new DmnDurationValue(DmnDuration.YearsMonths, months), DmnDurationValue.YearsMonthsBetween(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
}
