using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Letters;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// The template editor over the real services with the shipped sel-95 (issue 20): its own partials listed apart from the
/// letters, who includes a partial, an edit of a partial in the previewed letter, and a shared partial's name refused.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TemplatesEditorTests : BunitContext
{
    private readonly AdminServerFactory _factory;

    public TemplatesEditorTests(AdminServerFactory factory)
    {
        _factory = factory;
        Services.AddSingleton(factory.Get<LetterheadService>());
        Services.AddSingleton(factory.Get<LetterPreviews>());
        Services.AddSingleton(factory.Get<PublishedRules>());
        AddAuthorization().SetAuthorized("olga");
    }

    private DraftDocument Sel95Draft()
    {
        var published = _factory.Get<VersionRepository>().ForRuleset("sel-95").First(v => v.Status == Status.Published);
        var draft = _factory.Get<DraftService>().CreateDraft(_factory.User("olga", Roles.Editor), published.Id, new DateOnly(2024, 1, 1));
        return DraftDocument.Open(draft);
    }

    [Fact]
    public async Task An_edit_of_a_partial_shows_in_the_previewed_letter_and_a_shared_partials_name_is_refused()
    {
        var doc = Sel95Draft();
        var preview = _factory.Get<TemplatePreview>();
        var cut = Render<TemplatesEditor>(p => p.Add(x => x.Doc, doc)
            .Add(x => x.Render, (Func<TestCase, Task<PreviewResult>>)(c => preview.RenderAsync("sel-95", doc.Content(), doc.TemplateFiles(), c))));

        Assert.Equal(["partials/ingen-tilskud.scriban", "partials/overskrift.scriban", "partials/vilkaar.scriban"],
            cut.FindAll("optgroup[label^='Delskabeloner'] option").Select(o => o.TextContent));
        Assert.Equal(13, cut.FindAll("optgroup[label^='Breve'] option").Count);

        var vilkaar = doc.Templates.Single(t => t.Path == "partials/vilkaar.scriban");
        cut.Find("#template-file").Change(vilkaar.Key.ToString());
        Assert.Contains("bruges af 13 skabelon(er): afslag-arbejdsgiver.scriban, afslag-boform.scriban", cut.Find("#partial-used-by").TextContent);

        var caseValue = cut.FindAll("#preview-case option").Skip(1).First().GetAttribute("value");
        await cut.Find("#preview-case").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = caseValue });
        cut.WaitForAssertion(() => Assert.Contains("Afgørelse om kontant tilskud", cut.Find("#preview-text").TextContent));
        Assert.DoesNotContain("Ny sætning fra delskabelonen.", cut.Find("#preview-text").TextContent);

        await cut.Find("#template-text").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Ny sætning fra delskabelonen.\n\n" + vilkaar.Text });
        cut.WaitForAssertion(() => Assert.Contains("Ny sætning fra delskabelonen.", cut.Find("#preview-text").TextContent));

        cut.Find("#new-template-name").Change("partials/klagevejledning");
        cut.Find("#add-template").Click();
        Assert.Contains("er en fælles delskabelon (rules/templates/klagevejledning.scriban)", cut.Find("#add-template-problem").TextContent);
        Assert.DoesNotContain(doc.Templates, t => t.Path == "partials/klagevejledning.scriban");

        cut.Find("#new-template-name").Change("partials/tillaeg");
        cut.Find("#add-template").Click();
        Assert.Empty(cut.FindAll("#add-template-problem"));
        Assert.Contains(doc.Templates, t => t.Path == "partials/tillaeg.scriban");
        Assert.Contains("bruges ikke af nogen skabelon endnu", cut.Find("#partial-used-by").TextContent);
    }
}
