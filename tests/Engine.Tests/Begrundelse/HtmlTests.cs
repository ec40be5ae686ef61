using Serviceloven.Engine.Begrundelse;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

public class HtmlTests
{
    [Fact]
    public async Task Html_encodes_every_value_and_builds_paragraphs_and_lists()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var notes = new Dictionary<string, string>
        {
            ["cannotGetAroundAlone"] = "<script>alert('x')</script> & \"mere\"",
        };
        var templates = Templates(("bevilget.scriban", """
            Kære borger
            Afgørelse efter {{ paragraf 97 1 }}.

            Vi har lagt vægt på:
            {{~ for f in discretionary ~}}
            - {{ f.label }}: {{ f.note }}
            {{~ end ~}}
            Med venlig hilsen
            """));

        var html = templates.Render(cv, Ruleset, result, notes, BegrundelseFormat.Html);

        Assert.Equal(
            "<p>Kære borger<br>\nAfgørelse efter servicelovens § 97, stk. 1.</p>\n" +
            "<p>Vi har lagt vægt på:</p>\n" +
            "<ul>\n<li>Kan ikke færdes alene uden for hjemmet: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;mere&quot;</li>\n</ul>\n" +
            "<p>Med venlig hilsen</p>", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task Markup_written_in_the_template_itself_is_encoded_too()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "<b>Fed</b> {{ '<i>' + outcome.formatted + '</i>' }}\n"));
        Assert.Equal("<p>&lt;b&gt;Fed&lt;/b&gt; &lt;i&gt;Bevilling&lt;/i&gt;</p>",
            templates.Render(cv, Ruleset, result, Notes, BegrundelseFormat.Html));
        Assert.Equal("<b>Fed</b> <i>Bevilling</i>", templates.Render(cv, Ruleset, result, Notes, BegrundelseFormat.Text));
    }

    [Fact]
    public async Task Shared_partials_render_as_html_paragraphs()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "{{ include \"retsgrundlag\" }}\n"));
        Assert.Equal(
            "<p>Retsgrundlag</p>\n" +
            "<p>Afgørelsen er truffet efter de regler, der gælder på afgørelsesdatoen 1. marts 2024:</p>\n" +
            "<ul>\n<li>Lovbekendtgørelse nr. 1089 af 1. september 2023 (serviceloven)</li>\n</ul>\n" +
            "<p>Afgørelsen bygger på servicelovens § 97, stk. 1.</p>",
            templates.Render(cv, Ruleset, result, Notes, BegrundelseFormat.Html));
    }
}
