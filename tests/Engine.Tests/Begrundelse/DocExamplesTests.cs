using System.Text.RegularExpressions;
using Serviceloven.Engine.Begrundelse;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

/// <summary>The example templates in docs/begrundelse.md render, so the reference legal staff copy from stays true.</summary>
public class DocExamplesTests
{
    private static string Example(string file)
    {
        var doc = ReadRepoFile("docs/begrundelse.md");
        var m = Regex.Match(doc, $"`rules/sel-97/templates/{Regex.Escape(file)}`:\\n\\n```\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(m.Success, $"example {file} not found in docs/begrundelse.md");
        return m.Groups[1].Value;
    }

    [Fact]
    public async Task Grant_example_renders_as_the_document_shows()
    {
        var cv = Compile();
        var templates = Templates(("bevilget.scriban", Example("bevilget.scriban")), ("afslag.scriban", Example("afslag.scriban")));
        var text = templates.Render(cv, Ruleset, await Evaluate(cv), Notes);
        Assert.StartsWith("Afgørelse om ledsageordning\n\nDu er bevilget 15 timers ledsagelse om måneden efter servicelovens § 97, stk. 1.\n", text);
        Assert.Contains("med op til 1.234,50 kr. pr. år (2024-niveau), jf. servicelovens § 97, stk. 7.", text);
        Assert.Contains("Vores vurdering\n\nAfgørelsen bygger på en konkret, individuel vurdering af din situation. Vi har lagt vægt på følgende:\n" +
            "- Kan ikke færdes alene uden for hjemmet: ja. Vores vurdering: »Borgeren kan ikke færdes alene på grund af svær synsnedsættelse.«", text);
        Assert.Contains("Klagevejledning\n\nDu kan klage over afgørelsen.", text);
        var html = templates.Render(cv, Ruleset, await Evaluate(cv), Notes, BegrundelseFormat.Html);
        Assert.StartsWith("<p>Afgørelse om ledsageordning</p>\n<p>Du er bevilget", html);
    }

    [Fact]
    public async Task Refusal_example_explains_the_bpa_reason()
    {
        var cv = Compile();
        var templates = Templates(("bevilget.scriban", Example("bevilget.scriban")), ("afslag.scriban", Example("afslag.scriban")));
        var text = templates.Render(cv, Ruleset, await Evaluate(cv, hasBpa: true), Notes);
        Assert.StartsWith("Afgørelse om ledsageordning\n\nDu har søgt om ledsagelse efter servicelovens § 97. Vi har truffet afgørelse om, at du ikke kan få ledsagelse.\n\n" +
            "Du kan ikke få ledsagelse efter servicelovens § 97, fordi du har en hjælpeordning efter § 96, jf. § 97, stk. 8.\n\nRetsgrundlag", text);
    }

    [Fact]
    public async Task Refusal_example_lists_the_decisive_rows_for_other_reasons()
    {
        var cv = Compile();
        var templates = Templates(("bevilget.scriban", Example("bevilget.scriban")), ("afslag.scriban", Example("afslag.scriban")));
        var text = templates.Render(cv, Ruleset, await Evaluate(cv, alone: false), Notes);
        Assert.Contains("Vi har lagt vægt på følgende:\n- Ret til ledsagelse (servicelovens § 97, stk. 1)", text);
    }

    [Fact]
    public async Task Parallel_renders_share_the_parsed_templates_safely()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", Example("bevilget.scriban")));
        var expected = templates.Render(cv, Ruleset, result, Notes);
        var outputs = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => templates.Render(cv, Ruleset, result, Notes))));
        Assert.All(outputs, o => Assert.Equal(expected, o));
    }
}
