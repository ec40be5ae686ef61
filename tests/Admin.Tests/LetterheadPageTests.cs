using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Letters;
using Serviceloven.Admin.Playground;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Letters;
using Serviceloven.Store.Users;
using UglyToad.PdfPig;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// The letterhead page over the real services: an administrator's change is in the very next letter (no restart), the
/// audit names who changed which fields, and the playground shows the letter's LIX and its PDF.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LetterheadPageTests : BunitContext
{
    private readonly AdminServerFactory _factory;
    // A key of its own, never the default: the other tests of the shared server render letters without letterhead.
    private readonly string _key = "test-" + Guid.NewGuid().ToString("N")[..8];

    public LetterheadPageTests(AdminServerFactory factory)
    {
        _factory = factory;
        Services.AddSingleton(factory.Get<LetterheadService>());
        Services.AddSingleton(factory.Get<LetterPreviews>());
        Services.AddSingleton(factory.Get<UserRepository>());
        Services.AddSingleton(factory.Get<SnapshotHolder>());
        Services.AddSingleton(factory.Get<EvaluationService>());
        Services.AddSingleton(TimeProvider.System);
    }

    private void SignIn(string user, params string[] roles)
    {
        _factory.User(user, roles);
        var auth = AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(roles);
    }

    [Fact]
    public async Task A_letterhead_saved_in_the_admin_is_in_the_next_letter_and_the_audit_names_who_changed_it()
    {
        SignIn("alma", Roles.Administrator);
        var cut = Render<LetterheadsPage>();
        cut.Find("#lh-new").Click();
        cut.Find("#lh-key").Change(_key);
        cut.Find("#lh-name").Change("Ådal Kommune");
        cut.Find("#lh-address").Change("Rådhuspladsen 1\n9999 Ådal");
        cut.Find("#lh-contact").Change("Telefon 99 99 99 99");
        cut.Find("#lh-signing").Change("Socialforvaltningen");
        cut.Find("#lh-complaint").Change("Ådal Kommune\nRådhuspladsen 1\n9999 Ådal");
        cut.Find("#lh-reply").Change("Ring til os alle hverdage kl. 9-12.");
        cut.Find("#lh-form").Submit();
        Assert.Contains("er gemt som en ny udgave", cut.Find(".notice.ok").TextContent);
        Assert.Contains("Ådal Kommune", cut.Find($"tr[data-letterhead='{_key}']").TextContent);

        var first = await LetterAsync();
        Assert.Contains("Socialforvaltningen", first);
        Assert.Contains("Ring til os alle hverdage", first);

        // The change: a new signing unit, in force for the next letter without any restart.
        cut.Find("#lh-signing").Change("Handicap og Psykiatri");
        cut.Find("#lh-form").Submit();
        var second = await LetterAsync();
        Assert.Contains("Handicap og Psykiatri", second);
        Assert.DoesNotContain("Socialforvaltningen", second);
        Assert.Equal(2, cut.FindAll("#lh-history tbody tr").Count);

        var audit = _factory.Get<AuditLog>().Query(new AuditFilter(Entity: "letterhead:" + _key));
        var change = Assert.Single(audit, e => e.Detail!.Contains("ændret"));
        Assert.Equal("alma", change.Actor);
        Assert.Equal(LetterheadRepository.SaveAction, change.Action);
        Assert.Contains("underskrivende enhed", change.Detail);
    }

    [Fact]
    public void Problems_are_shown_by_field_and_nothing_is_saved()
    {
        SignIn("alma", Roles.Administrator);
        var cut = Render<LetterheadsPage>();
        cut.Find("#lh-key").Change("Ådal Kommune");
        cut.Find("#lh-name").Change("Ådal Kommune");
        cut.Find("#lh-form").Submit();
        Assert.NotNull(cut.Find("[data-problem=key]"));
        Assert.NotNull(cut.Find("[data-problem=complaintAddress]"));
        Assert.NotEmpty(cut.Find(".notice.error").TextContent);
        Assert.DoesNotContain(_factory.Get<LetterheadService>().Latest(), l => l.Content.Name == "Ådal Kommune" && l.Key == "Ådal Kommune");
    }

    [Fact]
    public void An_svg_logo_is_uploaded_and_shown_and_a_non_image_is_refused()
    {
        SignIn("alma", Roles.Administrator);
        var cut = Render<LetterheadsPage>();
        cut.Find("#lh-name").Change("Ådal Kommune");
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><rect width=\"20\" height=\"10\"/></svg>");
        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromBinary(svg, "logo.svg"));
        Assert.Contains("SVG", cut.Find("#lh-logo-current").TextContent);
        Assert.Equal("Ådal Kommune logo", cut.Find("#lh-logo-alt").GetAttribute("value"));

        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText("GIF89a", "logo.gif"));
        Assert.Contains("hverken PNG eller SVG", cut.Find(".notice.error").TextContent);
    }

    [Fact]
    public void Only_administrators_change_letterheads()
    {
        SignIn("erik", Roles.Editor);
        var service = _factory.Get<LetterheadService>();
        var me = _factory.User("erik", Roles.Editor);
        Assert.Throws<Auth.AdminForbiddenException>(() => service.Save(me, new Engine.Letters.Letterhead
        {
            Key = _key, Name = "X", SigningUnit = "Y", Address = ["a"], ComplaintAddress = ["b"],
        }));
    }

    [Fact]
    public async Task The_playground_shows_the_letters_lix_and_its_pdf()
    {
        SignIn("alma", Roles.Administrator);
        _factory.Get<LetterheadService>().Save(_factory.User("alma", Roles.Administrator), new Engine.Letters.Letterhead
        {
            Key = _key, Name = "Fjordby Kommune", SigningUnit = "Borgerservice", Address = ["Havnegade 7", "8888 Fjordby"], ComplaintAddress = ["Havnegade 7"],
        });
        var cut = Render<PlaygroundPage>();
        cut.Find("#pg-ruleset").Change("sel-97");
        var tc11 = StructureEditorTests.Sel97Draft().Cases().Single(c => c.Case.Id == "TC-11").Case;
        cut.Find("#pg-date").Change("01-03-2019");
        foreach (var (name, value) in tc11.Facts)
            cut.Find($"#pg-{name}").Change(value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => value.GetString(),
                System.Text.Json.JsonValueKind.True => "true",
                System.Text.Json.JsonValueKind.False => "false",
                _ => value.GetRawText(),
            });
        cut.Find("#pg-begrundelse").Change(true);
        cut.Find("#pg-format").Change("pdf");
        cut.Find("#pg-letterhead").Change(_key);
        cut.Find("#pg-evaluate").Click();
        cut.WaitForElement("#pg-lix", TimeSpan.FromSeconds(30));

        var lix = Engine.Readability.Lix.Measure(cut.Find("#pg-letter").TextContent);
        Assert.Equal(lix.Rounded.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("#pg-lix").GetAttribute("data-lix"));
        Assert.Contains($"LIX {lix.Rounded} ({lix.Band})", cut.Find("#pg-lix").TextContent);

        // The frame shows the PDF the API would send, on the chosen letterhead, for this user only.
        var src = cut.Find("#pg-pdf").GetAttribute("src")!;
        var pdf = _factory.Get<LetterPreviews>().Get("alma", src.Split('/')[^1]);
        Assert.NotNull(pdf);
        Assert.Null(_factory.Get<LetterPreviews>().Get("someone-else", src.Split('/')[^1]));
        using var document = PdfDocument.Open(pdf);
        var text = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Fjordby", text);
        Assert.Contains("Borgerservice", text);
        await Task.CompletedTask;
    }

    /// <summary>The next letter on this letterhead, as the API makes it: an evaluation of the README's sel-97 case, as HTML.</summary>
    private async Task<string> LetterAsync()
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<EvaluationRequest>(
            File.ReadAllText(Path.Combine(AdminServerFactory.RepositoryRoot, "docs", "examples", "sel-97-bevilget.json")),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var outcome = await _factory.Get<EvaluationService>().EvaluateAsync(request with { Begrundelse = true, Format = "html" }, _key, CancellationToken.None);
        return outcome.Response?.Begrundelse ?? throw new InvalidOperationException(outcome.Failure?.Detail);
    }
}
