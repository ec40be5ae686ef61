using Bunit;
using Microsoft.AspNetCore.Components;
using Serviceloven.Admin.Common;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// The test-case editor with a list fact: a case is entered with three months of savings, saved, run against the draft,
/// and the run shows which months counted (003 l.258-259: hours lapse after 6 months).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ListTestCaseEditorTests(AdminServerFactory factory) : BunitContext
{
    private DraftDocument Sel97() =>
        DraftDocument.Open(factory.Get<VersionRepository>().ForRuleset("sel-97").First(v => v.Status == Status.Published && v.ValidFrom == new DateOnly(2018, 2, 1)));

    [Fact]
    public void A_case_with_three_months_of_savings_is_entered_saved_run_and_shows_the_counted_months()
    {
        var doc = Sel97();
        var runs = factory.Get<TestRunService>();
        var published = factory.Get<PublishedRules>();
        var changes = 0;
        var cut = Render<TestCasesPanel>(p => p
            .Add(x => x.Doc, doc)
            .Add(x => x.Changed, EventCallback.Factory.Create(this, () => changes++))
            .Add(x => x.Run, () => runs.RunAsync("sel-97", doc.Content(), doc.Cases().ToList(), published.Catalogs())));

        // Start from a granted ledger case, so only the months are new.
        var template = doc.Cases().Single(c => c.Case.Id == "TC-opsparing-7-maaneder").Case;
        cut.Find("#new-case").Click();
        cut.Find("#case-id").Change("TC-liste-3");
        cut.Find("#case-source-text").Change("003_e9312490f6af4059.txt l.258-259");
        cut.Find("#case-date").Change("05-08-2019");
        foreach (var (name, value) in template.Facts.Where(f => f.Key != "opsparing"))
            cut.Find($"#case-fact-{name}").Change(value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText());
        for (var i = 0; i < 3; i++) cut.Find("#case-fact-opsparing-add").Click();
        (string Month, string Hours)[] months = [("2019-01-01", "8"), ("2019-05-01", "10"), ("2019-07-01", "6,5")];
        for (var i = 0; i < 3; i++)
        {
            cut.Find($"#case-fact-opsparing-{i}-maaned").Change(months[i].Month);
            cut.Find($"#case-fact-opsparing-{i}-timer").Change(months[i].Hours);
        }
        cut.Find("#case-outcome").Change("bevilget");
        cut.Find("#case-save").Click();
        Assert.Equal(1, changes);

        var saved = doc.Cases().Single(c => c.Case.Id == "TC-liste-3").Case;
        var items = saved.Facts["opsparing"].EnumerateArray().ToList();
        Assert.Equal(["2019-01-01", "2019-05-01", "2019-07-01"], items.Select(i => i.GetProperty("maaned").GetString()));
        Assert.Equal(6.5m, items[2].GetProperty("timer").GetDecimal());

        cut.Find("#run-tests").Click();
        cut.WaitForAssertion(() => Assert.Contains("bestået", cut.Find("tr[data-case='TC-liste-3']").TextContent), TimeSpan.FromSeconds(30));
        var trace = cut.Find("tr[data-case='TC-liste-3'] .list-trace[data-decision='unexpiredSavedHours']");
        var rows = trace.QuerySelectorAll("tr[data-item]");
        Assert.Equal(["nej", "ja", "ja"], rows.Select(r => r.Children[2].TextContent));
        Assert.Contains("not bortfaldet holder ikke", rows[0].Children[3].TextContent);
        Assert.Contains("16,5", trace.QuerySelector("p")!.TextContent);
    }
}
