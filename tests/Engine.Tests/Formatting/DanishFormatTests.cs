using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Tests.Formatting;

/// <summary>The admin's table formats, moved here from Admin/Common/Danish so there is one Danish formatting helper.</summary>
public class DanishFormatTests
{
    [Fact]
    public void Short_dates_and_periods_use_day_month_year_with_dashes()
    {
        Assert.Equal("01-03-2024", DanishFormat.ShortDate(new DateOnly(2024, 3, 1)));
        Assert.Equal("01-03-2024 – 31-12-2024", DanishFormat.ShortPeriod(new DateOnly(2024, 3, 1), new DateOnly(2024, 12, 31)));
        Assert.Equal("fra 01-03-2024", DanishFormat.ShortPeriod(new DateOnly(2024, 3, 1), null));
        Assert.Equal("–", DanishFormat.Date((DateOnly?)null));
    }

    [Theory]
    [InlineData(1234.5, "1.234,5", "1234,5")]
    [InlineData(1234.567, "1.234,57", "1234,57")]
    [InlineData(0, "0", "0")]
    public void Amount_figures_and_input_values(decimal value, string figure, string input)
    {
        Assert.Equal(figure, DanishFormat.AmountFigure(value));
        Assert.Equal(input, DanishFormat.Input(value));
    }

    [Theory]
    [InlineData("1.234,50", 1234.50)]
    [InlineData("1.234,50 kr.", 1234.50)]
    [InlineData("1234.50", 1234.50)]
    [InlineData(" 866 kr ", 866)]
    public void Amounts_are_read_as_a_Dane_types_them(string text, decimal expected)
    {
        Assert.True(DanishFormat.TryParseAmount(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("mange")]
    public void Text_that_is_no_amount_is_refused(string text) => Assert.False(DanishFormat.TryParseAmount(text, out _));

    [Fact]
    public void Instants_that_do_not_parse_are_shown_as_they_are() => Assert.Equal("i går", DanishFormat.Instant("i går"));
}
