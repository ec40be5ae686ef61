using Serviceloven.Engine.Formatting;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

public class DanishFormattingTests
{
    [Theory]
    [InlineData("{{ kr 1234.5 }}", "1.234,50 kr.")]
    [InlineData("{{ kr 0 }}", "0,00 kr.")]
    [InlineData("{{ kr (-1234567.891) }}", "-1.234.567,89 kr.")]
    [InlineData("{{ tal 7.5 }}", "7,5")]
    [InlineData("{{ tal 15 }}", "15")]
    [InlineData("{{ dato \"2024-03-01\" }}", "1. marts 2024")]
    [InlineData("{{ dato \"2024-12-24\" }}", "24. december 2024")]
    [InlineData("{{ dato decisionDate }}", "1. marts 2024")]
    [InlineData("{{ decisionDate }}", "1. marts 2024")]
    [InlineData("{{ periode \"2024-03-01\" \"2024-12-31\" }}", "fra 1. marts 2024 til 31. december 2024")]
    [InlineData("{{ periode version.validFrom version.validTo }}", "fra 1. februar 2018")]
    [InlineData("{{ liste [\"a\"] }}", "a")]
    [InlineData("{{ liste [\"a\", \"b\"] }}", "a og b")]
    [InlineData("{{ liste [\"a\", \"b\", \"c\"] }}", "a, b og c")]
    [InlineData("{{ liste [\"a\", \"b\", \"c\"] \"eller\" }}", "a, b eller c")]
    [InlineData("{{ liste factList }}", "1. maj 1990, nej, ja og ikke oplyst")]
    [InlineData("{{ paragraf 97 }}", "servicelovens § 97")]
    [InlineData("{{ paragraf 97 1 }}", "servicelovens § 97, stk. 1")]
    [InlineData("{{ paragraf 118 1 3 }}", "servicelovens § 118, stk. 1, nr. 3")]
    [InlineData("{{ paragraf \"3 a\" 2 }}", "servicelovens § 3 a, stk. 2")]
    [InlineData("{{ paragraf 12 null null \"retssikkerhedsbekendtgørelsens\" }}", "retssikkerhedsbekendtgørelsens § 12")]
    [InlineData("{{ flertal 1 \"time\" \"timer\" }}", "time")]
    [InlineData("{{ flertal 0 \"time\" \"timer\" }}", "timer")]
    [InlineData("{{ antal 1 \"dag\" \"dage\" }}", "1 dag")]
    [InlineData("{{ antal outputs.hoursPerMonth \"time\" \"timer\" }}", "15 timer")]
    [InlineData("{{ antal 7.5 \"time\" \"timer\" }}", "7,5 timer")]
    [InlineData("{{ citat \" Borgeren siger nej \" }}", "»Borgeren siger nej«")]
    [InlineData("{{ bemaerkning facts.cannotGetAroundAlone }}", "»Borgeren kan ikke færdes alene på grund af svær synsnedsættelse.«")]
    [InlineData("{{ facts.hasBpa.value }} {{ facts.cannotGetAroundAlone.formatted }}", "nej ja")]
    [InlineData("{{ outputs.hoursPerMonth.formatted }}", "15 timer")]
    [InlineData("{{ (sats \"sel-97.aarligtBeloeb\").formatted }}", "1.234,50 kr. pr. år")]
    [InlineData("{{ kr (sats \"sel-97.aarligtBeloeb\").amount }}", "1.234,50 kr.")]
    public async Task Template_functions_write_Danish(string template, string expected)
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", template + "\n"));
        Assert.Equal(expected, templates.Render(cv, Ruleset, result, Notes));
    }

    [Fact]
    public void Appended_helpers_format_units_paragraphs_and_periods()
    {
        Assert.Equal("866,00 kr. pr. år", DanishFormat.WithUnit(866m, "kr. pr. år"));
        Assert.Equal("1.234,50 kr.", DanishFormat.WithUnit(1234.5m, "kr."));
        Assert.Equal("15 timer", DanishFormat.WithUnit(15m, "timer"));
        Assert.Equal("2,5", DanishFormat.WithUnit(2.5m, null));
        Assert.Equal("servicelovens § 97, stk. 1, nr. 2", DanishFormat.Paragraph("servicelovens", "97", "1", "2"));
        Assert.Equal("fra 1. marts 2024", DanishFormat.PeriodText(new DateOnly(2024, 3, 1), null));
        Assert.Equal("a eller b", DanishFormat.List(["a", "b"], "eller"));
        Assert.Equal("", DanishFormat.List([], "eller"));
        Assert.Equal("1 time", DanishFormat.Count(1m, "time", "timer"));
        Assert.Equal("»x«", DanishFormat.Quote("x"));
    }
}
