using Serviceloven.Admin.Drafts;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

[Collection(ServerCollection.Name)]
public sealed class TemplatePreviewTests(AdminServerFactory factory)
{
    private DraftDocument Sel97() =>
        DraftDocument.Open(factory.Get<VersionRepository>().ForRuleset("sel-97").First(v => v.Status == Status.Published && v.ValidFrom == new DateOnly(2018, 2, 1)));

    [Fact]
    public async Task The_preview_renders_the_letter_for_a_chosen_test_case()
    {
        var doc = Sel97();
        Assert.NotEmpty(doc.Templates);
        var bevilget = doc.Cases().First(c => c.Case.Expect.Outcome == "bevilget").Case;
        var preview = await factory.Get<TemplatePreview>().RenderAsync("sel-97", doc.Content(), doc.TemplateFiles(), bevilget);
        Assert.Null(preview.Problem);
        Assert.Contains("§ 97", preview.Text);
    }

    [Fact]
    public async Task A_template_error_is_shown_with_its_place_instead_of_a_letter()
    {
        var doc = Sel97();
        foreach (var t in doc.Templates) t.Text += "\n{{ ukendtNavn }}";
        var bevilget = doc.Cases().First(c => c.Case.Expect.Outcome == "bevilget").Case;
        var preview = await factory.Get<TemplatePreview>().RenderAsync("sel-97", doc.Content(), doc.TemplateFiles(), bevilget);
        Assert.Null(preview.Text);
        Assert.Contains("ukendtNavn", preview.Problem);
    }

    [Fact]
    public async Task A_case_outside_the_version_or_without_an_outcome_is_explained()
    {
        var doc = Sel97();
        var early = doc.Cases().First().Case with { DecisionDate = new DateOnly(2010, 1, 1) };
        var preview = await factory.Get<TemplatePreview>().RenderAsync("sel-97", doc.Content(), doc.TemplateFiles(), early);
        Assert.Contains("uden for versionens periode", preview.Problem);
    }
}
