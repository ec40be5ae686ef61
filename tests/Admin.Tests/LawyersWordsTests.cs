using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Playground;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

/// <summary>What legal staff read is in their words: Danish labels for outcomes and statuses, sources by title, dates as dd-mm-åååå.</summary>
[Collection(ServerCollection.Name)]
public sealed class LawyersWordsTests : BunitContext
{
    private readonly AdminServerFactory _factory;

    public LawyersWordsTests(AdminServerFactory factory)
    {
        _factory = factory;
        Services.AddSingleton(factory.Get<SnapshotHolder>());
        Services.AddSingleton(factory.Get<EvaluationService>());
        Services.AddSingleton(factory.Get<UserRepository>());
        Services.AddSingleton(factory.Get<PublishedRules>());
        Services.AddSingleton(factory.Get<Letters.LetterheadService>());
        Services.AddSingleton(factory.Get<Letters.LetterPreviews>());
        Services.AddSingleton(TimeProvider.System);
        _factory.User("lise", Roles.Editor);
        var auth = AddAuthorization();
        auth.SetAuthorized("lise");
        auth.SetRoles(Roles.Editor);
    }

    [Fact]
    public void The_playground_gives_the_outcome_outputs_and_status_by_their_danish_labels_and_the_version_date_in_words()
    {
        var cut = Render<PlaygroundPage>();
        cut.Find("#pg-ruleset").Change("sel-97");
        cut.Find("#pg-date").Change("01-06-2024");
        Assert.Equal("01-06-2024", cut.Find("#pg-date").GetAttribute("value"));
        cut.Find("#pg-birthDate").Change("01-04-1990");
        cut.Find("#pg-hasBpaOrHelpSchemeSection96").Change("true");
        cut.Find("#pg-evaluate").Click();
        cut.WaitForElement("#pg-status", TimeSpan.FromSeconds(30));
        Assert.Contains("uafklaret", cut.Find("#pg-status").TextContent);
        Assert.Contains("1. februar 2018", cut.Find("#pg-version").TextContent);

        // The facts of worked case TC-11 (hjælpeordning efter § 96): afslag.
        var tc11 = StructureEditorTests.Sel97Draft().Cases().Single(c => c.Case.Id == "TC-11").Case;
        foreach (var (name, value) in tc11.Facts)
            cut.Find($"#pg-{name}").Change(value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => value.GetString(),
                System.Text.Json.JsonValueKind.True => "true",
                System.Text.Json.JsonValueKind.False => "false",
                _ => value.GetRawText(),
            });
        cut.Find("#pg-date").Change("01-03-2019");
        cut.Find("#pg-evaluate").Click();
        cut.WaitForAssertion(() => Assert.Equal("afslag", cut.Find("#pg-outcome").GetAttribute("data-outcome")), TimeSpan.FromSeconds(30));
        Assert.Equal("Afslag", cut.Find("#pg-outcome").TextContent);
        Assert.Contains("afgjort", cut.Find("#pg-status").TextContent);
        // Outputs by their Danish label, enum values by theirs.
        Assert.Contains("Henvisning", cut.Find("dd[data-output=referral]").PreviousElementSibling!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Ingen", cut.Find("dd[data-output=referral]").TextContent);
    }

    [Fact]
    public void The_test_cases_show_the_expected_outcome_by_its_label_and_the_source_by_title_and_set_expected_outputs()
    {
        var doc = StructureEditorTests.Sel97Draft();
        var cut = Render<TestCasesPanel>(p => p.Add(x => x.Doc, doc).Add(x => x.Run, () => Task.FromResult<CandidateRun>(null!)));
        var row = cut.Find("tr[data-case='TC-11']");
        Assert.Contains("Afslag", row.TextContent);
        Assert.DoesNotContain("afslag", row.TextContent);
        Assert.Contains("Vejledning om ledsageordning (2018), l. 71, l. 166-167", row.TextContent);
        Assert.DoesNotContain("003_e9312490f6af4059.txt", row.TextContent);

        row.QuerySelector("button")!.Click();
        Assert.Equal("TC-11", cut.Find("#case-id").GetAttribute("value"));
        // A citation of several line ranges is kept as typed, and read by the document's title beside it.
        Assert.Equal("003_e9312490f6af4059.txt l.71, l.166-167", cut.Find("#case-source-text").GetAttribute("value"));
        Assert.Contains("Vejledning om ledsageordning (2018)", cut.Find("#case-editor .source-shown").TextContent);
        Assert.Equal("01-03-2019", cut.Find("#case-date").GetAttribute("value"));
        cut.Find("#case-out-hoursPerMonth").Change("0");
        cut.Find("#case-out-referral").Change("ingen");
        cut.Find("#case-save").Click();
        var expect = doc.Cases().Single(c => c.Case.Id == "TC-11").Case.Expect;
        Assert.Equal(0m, expect.Outputs!["hoursPerMonth"].GetDecimal());
        Assert.Equal("ingen", expect.Outputs["referral"].GetString());
        Assert.Equal("afslag", expect.Outcome);
        Assert.Contains("+ 2 resultater", cut.Find("tr[data-case='TC-11']").TextContent);
    }
}
