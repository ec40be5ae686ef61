using System.Diagnostics;
using Scriban.Runtime;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

/// <summary>Broken or hostile templates fail fast, with the template and the line in the message.</summary>
public class SafetyTests
{
    private const string TemplatePath = "rules/sel-97/templates/bevilget.scriban";

    private static async Task<(BegrundelseException Error, TimeSpan Elapsed)> Fail(string line3)
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "Afgørelse\n\n" + line3 + "\n"));
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes));
        return (ex, sw.Elapsed);
    }

    private static void AssertNamesLine3((BegrundelseException Error, TimeSpan Elapsed) failure, string expected)
    {
        Assert.True(failure.Elapsed < TimeSpan.FromSeconds(1), $"took {failure.Elapsed}");
        Assert.Equal(TemplatePath, failure.Error.Template);
        Assert.Equal(3, failure.Error.Line);
        Assert.Contains($"Skabelonen '{TemplatePath}', linje 3", failure.Error.Message);
        Assert.Contains(expected, failure.Error.Message);
        Assert.Null(failure.Error.MissingNote);
    }

    [Fact]
    public async Task Infinite_loop_is_stopped_by_the_loop_limit()
    {
        AssertNamesLine3(await Fail("{{ while true }}x{{ end }}"), "En løkke gentages mere end 1000 gange");
    }

    [Fact]
    public async Task Nested_loops_share_one_loop_limit()
    {
        AssertNamesLine3(await Fail("{{ for i in 1..900 }}{{ for j in 1..900 }}{{ end }}{{ end }}"), "mere end 1000 gange");
    }

    [Fact]
    public async Task Huge_string_is_refused()
    {
        AssertNamesLine3(await Fail("{{ 'x' * 10000000 }}"), "En tekst bliver længere end 100000 tegn");
    }

    [Fact]
    public async Task Huge_output_is_refused()
    {
        AssertNamesLine3(await Fail("{{ for i in 1..900 }}{{ 'x' | string.pad_left 300 }}{{ end }}"), "Begrundelsen bliver længere end 200000 tegn");
    }

    [Fact]
    public async Task Endless_recursion_is_refused()
    {
        AssertNamesLine3(await Fail("{{ func f(x); ret f(x); end; f(1) }}"), "mere end 20 gange inde i hinanden");
    }

    [Fact]
    public async Task Misspelled_member_is_an_error_not_a_blank()
    {
        AssertNamesLine3(await Fail("Du er født {{ facts.birthDate.formated }}."), "Feltet 'formated' findes ikke");
    }

    [Fact]
    public async Task Misspelled_variable_is_an_error()
    {
        AssertNamesLine3(await Fail("{{ outcom.formatted }}"), "Navnet 'outcom' findes ikke");
    }

    [Theory]
    [InlineData("{{ decisionDate.Year }}", "Feltet 'Year' findes ikke")]
    [InlineData("{{ decisionDate.GetType().Assembly }}", "findes ikke")]
    [InlineData("{{ ruleset.id.Length }}", "Feltet 'Length' findes ikke")]
    [InlineData("{{ facts.birthDate.value.DayOfWeek }}", "Feltet 'DayOfWeek' findes ikke")]
    [InlineData("{{ date.now }}", "Feltet 'now' findes ikke")]
    [InlineData("{{ include \"/etc/passwd\" }}", "Delskabelonen '/etc/passwd' findes ikke")]
    [InlineData("{{ include \"../../Directory.Packages.props\" }}", "findes ikke")]
    public async Task Dotnet_types_files_and_members_outside_the_model_are_unreachable(string line, string expected)
    {
        AssertNamesLine3(await Fail(line), expected);
    }

    [Fact]
    public async Task Printing_a_null_value_is_an_error()
    {
        AssertNamesLine3(await Fail("Gyldig til {{ version.validTo }}."), "Udtrykket 'version.validTo' giver en tom værdi");
    }

    [Fact]
    public async Task Printing_an_empty_list_is_an_error()
    {
        AssertNamesLine3(await Fail("{{ liste [] }}"), "giver en tom værdi");
    }

    [Fact]
    public async Task Bad_function_argument_names_the_line()
    {
        AssertNamesLine3(await Fail("{{ kr 'abc' }}"), "kr skal have et tal, men fik 'abc'");
    }

    [Fact]
    public async Task Missing_function_argument_is_explained_in_Danish()
    {
        AssertNamesLine3(await Fail("Beløb: {{ kr }}"), "Funktionen 'kr' fik 0 argument(er), men skal have 1.");
    }

    [Fact]
    public async Task Unused_sats_is_an_error()
    {
        AssertNamesLine3(await Fail("{{ (sats \"sel-118.maanedsloen\").formatted }}"), "Satsen 'sel-118.maanedsloen' er ikke brugt");
    }

    [Fact]
    public void Parse_error_names_template_line_and_column()
    {
        var ex = Assert.Throws<BegrundelseException>(() => Templates(("afslag.scriban", "Linje 1\nLinje 2 {{ if }}\n")));
        Assert.Equal("rules/sel-97/templates/afslag.scriban", ex.Template);
        Assert.Equal(2, ex.Line);
        Assert.NotNull(ex.Column);
        Assert.StartsWith("Skabelonen 'rules/sel-97/templates/afslag.scriban', linje 2, kolonne ", ex.Message);
    }

    [Fact]
    public async Task Error_inside_a_partial_names_the_partial()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "Tekst\n{{ include \"del\" }}\n"), ("partials/del.scriban", "A\nB {{ facts.nope }}\n"));
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes));
        Assert.Equal("rules/sel-97/templates/partials/del.scriban", ex.Template);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public async Task Render_exceeding_the_time_limit_is_stopped_naming_template_and_line()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        // Allowed work (within every count limit) that takes several times longer than the 50 ms limit used here.
        var templates = Templates(("bevilget.scriban",
            "Tekst\n\n{{ for i in 1..999; a = 'a' | string.pad_left 99000; b = a | string.upcase; c = b | string.downcase; end }}\n"));
        var model = BegrundelseModel.Build(cv, Ruleset, result, Notes);
        templates.RenderRaw(Templates(("bevilget.scriban", "Opvarmning")).ForOutcome("bevilget")!, model, CancellationToken.None);
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<BegrundelseException>(() =>
            templates.RenderRaw(templates.ForOutcome("bevilget")!, model, CancellationToken.None, TimeSpan.FromMilliseconds(50)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"took {sw.Elapsed}");
        Assert.Equal(TemplatePath, ex.Template);
        Assert.Equal(3, ex.Line);
        // Stopped by its processor time, or on a machine so busy that the wall-clock stop (ten times the limit) came first.
        Assert.Matches("Skabelonen (brugte mere end 50 ms og blev stoppet \\(regnetid\\)|var ikke færdig efter 500 ms og blev stoppet)", ex.Message);
    }

    [Fact]
    public async Task A_render_whose_thread_is_kept_off_the_processor_by_a_busy_machine_is_not_stopped()
    {
        // The limit is the rendering thread's processor time: on a loaded machine a normal letter may wait for a core far
        // longer than the limit. Here the thread sleeps (as if preempted) three times the limit inside a render that
        // does almost no work; it must still render.
        var cv = Compile();
        var result = await Evaluate(cv);
        var model = BegrundelseModel.Build(cv, Ruleset, result, Notes);
        model.Import("vent", new Func<string>(() => { Thread.Sleep(300); return "ventede"; }));
        var templates = Templates(("bevilget.scriban", "Tekst\n\n{{ vent }}\n{{ 'slut' }}\n"));
        var text = templates.RenderRaw(templates.ForOutcome("bevilget")!, model, CancellationToken.None, TimeSpan.FromMilliseconds(100));
        Assert.Contains("ventede", text);
        Assert.Contains("slut", text);
    }

    [Fact]
    public async Task A_render_cannot_change_what_the_next_render_sees()
    {
        // The builtin modules are shared by all renders (built once): a template may not add to them, and the one module
        // with settable state (date.format) is a fresh copy in every render.
        var cv = Compile();
        var result = await Evaluate(cv);
        var adds = Templates(("bevilget.scriban", "Tekst\n\n{{ string.shout = 1 }}\n"));
        var ex = Assert.Throws<BegrundelseException>(() => adds.Render(cv, Ruleset, result, Notes));
        Assert.Equal(3, ex.Line);
        var reads = Templates(("bevilget.scriban", "Tekst\n\n{{ string.shout }}\n"));
        Assert.Contains("Feltet 'shout' findes ikke", Assert.Throws<BegrundelseException>(() => reads.Render(cv, Ruleset, result, Notes)).Message);

        var sets = Templates(("bevilget.scriban", "Format {{ date.format = \"%Y\"; date.format }}"));
        Assert.Equal("Format %Y", sets.Render(cv, Ruleset, result, Notes));
        var prints = Templates(("bevilget.scriban", "Format {{ date.format }}"));
        Assert.Equal("Format %d %b %Y", prints.Render(cv, Ruleset, result, Notes));
    }

    [Fact]
    public async Task Caller_cancellation_stops_the_render()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "Tekst {{ outcome.formatted }}\n"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes, BegrundelseFormat.Text, cancellationToken: cts.Token));
        Assert.Contains("afbrudt", ex.Message);
    }

    [Fact]
    public async Task Undetermined_result_has_no_begrundelse()
    {
        var cv = Compile();
        var result = await Evaluator.EvaluateAsync(cv, new DateOnly(2024, 3, 1),
            FactBinder.Bind(cv.Facts, new Dictionary<string, object?>()), BegrundelseFixture.Satser, Serviceloven.Engine.Satser.LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Undetermined, result.Status);
        var templates = Templates(("default.scriban", "Tekst\n"));
        Assert.Throws<InvalidOperationException>(() => templates.Render(cv, Ruleset, result, Notes));
    }
}
