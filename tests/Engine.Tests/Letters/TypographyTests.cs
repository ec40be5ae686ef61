using Serviceloven.Engine.Letters;

namespace Serviceloven.Engine.Tests.Letters;

/// <summary>Danish typography in the HTML and PDF letters: no-break spaces where a line must not break.</summary>
public sealed class TypographyTests
{
    private const char Nb = DanishTypography.NoBreakSpace;

    [Theory]
    [InlineData("efter servicelovens § 97, stk. 2, nr. 3.", "efter servicelovens §\u00a097, stk.\u00a02, nr.\u00a03.")]
    [InlineData("jf. §§ 97 og 98", "jf. §§\u00a097 og 98")]
    [InlineData("Du får 15 timer om måneden.", "Du får 15\u00a0timer om måneden.")]
    [InlineData("i alt 14.467 kr. om året", "i alt 14.467\u00a0kr. om året")]
    [InlineData("7,5 timer og 1 time", "7,5\u00a0timer og 1\u00a0time")]
    [InlineData("fra 1. marts 2027 til 31. december", "fra 1.\u00a0marts\u00a02027 til 31.\u00a0december")]
    [InlineData("inden 4 uger", "inden 4\u00a0uger")]
    public void No_break_spaces_keep_together_what_is_read_as_one(string text, string expected) =>
        Assert.Equal(expected, DanishTypography.Apply(text));

    [Theory]
    [InlineData("Der er 2 timeplaner.")] // a word that only begins like a unit
    [InlineData("Stk. A er ikke et tal.")]
    [InlineData("Vi har lagt vægt på din situation.")]
    [InlineData("år 2027 og kr. beløb")] // a unit without a number before it
    public void Other_spaces_are_left_alone(string text) => Assert.Equal(text, DanishTypography.Apply(text));

    [Fact]
    public void The_letter_is_typeset_but_says_the_same_words()
    {
        const string text = "Afgørelse\n\nDu får 15 timer efter § 97, stk. 1, fra 1. marts 2027.";
        var letter = LetterDocument.From(text, new DateOnly(2027, 3, 1), null, "x");
        var line = Assert.Single(letter.Blocks[1].Lines);
        Assert.Equal($"Du får 15{Nb}timer efter §{Nb}97, stk.{Nb}1, fra 1.{Nb}marts{Nb}2027.", line);
        Assert.Equal(text.Split('\n')[2], line.Replace(Nb, ' '));
        Assert.Contains($"{Nb}timer", HtmlLetter.Render(letter).Replace("&#160;", Nb.ToString()).Replace("&nbsp;", Nb.ToString()));
    }
}
