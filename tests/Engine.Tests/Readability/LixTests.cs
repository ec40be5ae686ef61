using Serviceloven.Engine.Readability;

namespace Serviceloven.Engine.Tests.Readability;

/// <summary>LIX against texts counted by hand: words, sentences and words of more than six letters are in each comment.</summary>
public class LixTests
{
    [Fact]
    public void Two_short_sentences()
    {
        // Du har søgt om ledsagelse. | Vi har bevilget 15 timer.
        // 10 words; 2 sentences; long: ledsagelse (10 letters), bevilget (8). LIX = 10/2 + 2*100/10 = 5 + 20 = 25.
        var lix = Lix.Measure("Du har søgt om ledsagelse. Vi har bevilget 15 timer.");
        Assert.Equal((10, 2, 2), (lix.Words, lix.Sentences, lix.LongWords));
        Assert.Equal(25m, lix.Value);
        Assert.Equal("let", lix.Band);
    }

    [Fact]
    public void Abbreviations_paragraph_signs_and_numbers()
    {
        // Du kan klage, jf. § 12 i retssikkerhedsbekendtgørelsen. | Klagen sendes til kommunen inden 4 uger.
        // "§" is no word; "jf." before "§" ends nothing. Words: Du kan klage jf. 12 i retssikkerhedsbekendtgørelsen (7)
        // + Klagen sendes til kommunen inden 4 uger (7) = 14; 2 sentences; long: retssikkerhedsbekendtgørelsen, kommunen
        // (Klagen and sendes have exactly six letters: not long). LIX = 14/2 + 200/14 = 7 + 14.29 = 21.29 -> 21.
        var lix = Lix.Measure("Du kan klage, jf. § 12 i retssikkerhedsbekendtgørelsen. Klagen sendes til kommunen inden 4 uger.");
        Assert.Equal((14, 2, 2), (lix.Words, lix.Sentences, lix.LongWords));
        Assert.Equal(21, lix.Rounded);
    }

    [Fact]
    public void Dates_and_subsections_do_not_end_a_sentence()
    {
        // Vi har den 1. marts 2024 bevilget hjælp. | Se stk. 2 og nr. 3.
        // 8 + 6 = 14 words; 2 sentences ("1." before "marts", "stk." and "nr." before digits end nothing); long: bevilget.
        // LIX = 14/2 + 100/14 = 7 + 7.14 = 14.14 -> 14.
        var lix = Lix.Measure("Vi har den 1. marts 2024 bevilget hjælp. Se stk. 2 og nr. 3.");
        Assert.Equal((14, 2, 1), (lix.Words, lix.Sentences, lix.LongWords));
        Assert.Equal(14, lix.Rounded);
    }

    [Fact]
    public void Headings_and_list_items_are_sentences_and_the_dash_is_no_word()
    {
        // "Vores vurdering" (2 words, 1 sentence; vurdering long) | "Vi har lagt vægt på følgende:" (6; følgende long)
        // | "- Kan ikke færdes alene: ja." (5; "alene:" before lowercase ends nothing; færdes has six letters)
        // | "- Funktionsnedsættelsen er varig: ja." (4; 1 long). 17 words, 4 sentences, 3 long.
        // LIX = 17/4 + 300/17 = 4.25 + 17.65 = 21.90 -> 22.
        var lix = Lix.Measure("Vores vurdering\n\nVi har lagt vægt på følgende:\n- Kan ikke færdes alene: ja.\n- Funktionsnedsættelsen er varig: ja.");
        Assert.Equal((17, 4, 3), (lix.Words, lix.Sentences, lix.LongWords));
        Assert.Equal(22, lix.Rounded);
    }

    [Fact]
    public void A_sentence_over_30_words_is_listed_and_one_of_30_is_not()
    {
        // 20 × "ansøgningen" (10 letters, long) + 11 × "og": 31 words, 1 sentence, 20 long.
        // LIX = 31/1 + 2000/31 = 31 + 64.52 = 95.52 -> 96, meget svær.
        var long31 = string.Join(' ', Enumerable.Repeat("ansøgningen", 20).Concat(Enumerable.Repeat("og", 11))) + ".";
        var lix = Lix.Measure(long31);
        Assert.Equal((31, 1, 20), (lix.Words, lix.Sentences, lix.LongWords));
        Assert.Equal(96, lix.Rounded);
        Assert.Equal("meget svær", lix.Band);
        Assert.Equal([long31.TrimEnd('.') + "."], lix.LongSentences);

        var thirty = string.Join(' ', Enumerable.Repeat("og", 30)) + ".";
        Assert.Empty(Lix.Measure(thirty).LongSentences);
    }

    [Theory]
    [InlineData(0, "let")]
    [InlineData(34, "let")]
    [InlineData(35, "middel")]
    [InlineData(44, "middel")]
    [InlineData(45, "svær")]
    [InlineData(54, "svær")]
    [InlineData(55, "meget svær")]
    [InlineData(80, "meget svær")]
    public void Bands(int lix, string band) => Assert.Equal(band, Lix.Band(lix));

    [Fact]
    public void Empty_text_measures_zero() => Assert.Equal(0m, Lix.Measure("").Value);

    [Fact]
    public void Template_prose_keeps_the_words_and_drops_the_statements()
    {
        var prose = Lix.TemplateProse("Du er bevilget {{ antal outputs.hoursPerMonth \"time\" \"timer\" }} ledsagelse.\n{{~ if x ~}}\nHej {{ navn = 1 }}igen.\n{{~ end ~}}\n{{ include \"klagevejledning\" }}");
        Assert.Equal("Du er bevilget x ledsagelse.\n\nHej igen.\n\n", prose);
    }
}
