using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Admin.Tests;

/// <summary>The template editor's view of a ruleset's own partials: which templates are partials, who includes them, what may be added.</summary>
public sealed class TemplatePartsTests
{
    private static readonly TemplateFile[] Shared = [new("klagevejledning.scriban", "Klage"), new("skoen.scriban", "Skøn")];

    private static List<EditableTemplate> Templates() =>
    [
        new() { Path = "bevilget.scriban", Text = "Bevilget.\n\n{{ include \"vilkaar\" }}\n\n{{ include 'klagevejledning' }}\n" },
        new() { Path = "afslag.scriban", Text = "Afslag.\n\n{{~ include \"vilkaar\" ~}}\n" },
        new() { Path = "mangler.scriban", Text = "Mangler.\n{{ include \"vilkaarene\" }}\n" },
        new() { Path = "partials/vilkaar.scriban", Text = "Vilkår." },
        new() { Path = "2023-10-01/partials/frist.scriban", Text = "Frist." },
    ];

    [Theory]
    [InlineData("partials/vilkaar.scriban", true)]
    [InlineData("2023-10-01/partials/frist.scriban", true)]
    [InlineData("bevilget.scriban", false)]
    [InlineData("2023-10-01/bevilget.scriban", false)]
    [InlineData("partialsx/vilkaar.scriban", false)]
    public void Partials_are_the_templates_in_a_partials_folder(string path, bool partial) =>
        Assert.Equal(partial, TemplateParts.IsPartial(path));

    [Fact]
    public void A_partial_is_used_by_the_templates_that_include_it_by_name_and_no_other()
    {
        Assert.Equal(["afslag.scriban", "bevilget.scriban"], TemplateParts.UsedBy("partials/vilkaar.scriban", Templates()));
        Assert.Empty(TemplateParts.UsedBy("2023-10-01/partials/frist.scriban", Templates()));
    }

    [Theory]
    [InlineData("partials/tillaeg", null, "partials/tillaeg.scriban")]
    [InlineData(" henvist.scriban ", null, "henvist.scriban")]
    [InlineData("partials/vilkaar", "Versionen har allerede partials/vilkaar.scriban.", "partials/vilkaar.scriban")]
    [InlineData("partials/klagevejledning", "er en fælles delskabelon (rules/templates/klagevejledning.scriban)", "partials/klagevejledning.scriban")]
    [InlineData("skoen.scriban", "er en fælles delskabelon", "skoen.scriban")]
    [InlineData("udkast/afslag", "delskabeloner i templates/partials/", "udkast/afslag.scriban")]
    [InlineData("  ", "Skriv et navn.", "")]
    public void A_new_template_is_refused_with_the_reason_when_its_path_cannot_be_used(string typed, string? problem, string path)
    {
        var actual = TemplateParts.Problem(ref typed, "sel-95", new DateOnly(2021, 7, 1), Templates(), Shared);
        if (problem is null) Assert.Null(actual);
        else Assert.Contains(problem, actual);
        Assert.Equal(path, typed);
    }
}
