using System.Text;
using Bunit;
using System.Text.Json;
using Serviceloven.Admin.Diff;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>The approver's impact preview and the test runs that say which version they ran on, through the services.</summary>
[Collection(ServerCollection.Name)]
public sealed class ImpactPreviewTests(AdminServerFactory factory)
{
    private VersionRow Published97 => factory.Get<VersionRepository>().ForRuleset("sel-97").First(v => v.Status == Status.Published && v.ValidFrom == new DateOnly(2018, 2, 1));

    /// <summary>A sel-97 draft from <paramref name="validFrom"/> with R97-04's age limit raised from 18 to 19 (the defect's example), not saved.</summary>
    private DraftDocument RaisedAgeLimit(DateOnly validFrom)
    {
        var draft = factory.Get<DraftService>().CreateDraft(factory.User("olga", Roles.Editor), Published97.Id, validFrom);
        var doc = DraftDocument.Open(draft);
        doc.Version.Tables.Single(t => t.Id == "eligibility").Rows.Single(r => r.Id == "R97-04").When[2] = "< 19";
        return doc;
    }

    [Fact]
    public async Task Every_case_runs_moved_into_the_drafts_period_and_the_cases_that_change_outcome_are_the_18_year_olds()
    {
        var doc = RaisedAgeLimit(new DateOnly(2040, 1, 1));
        var report = await factory.Get<ImpactPreviewService>().PreviewAsync("sel-97", doc.Content(), doc.Tests, doc.TemplateFiles(), cache: false);

        Assert.Empty(report.CompileErrors);
        Assert.Equal(doc.Cases().Count(), report.Cases.Count);
        Assert.All(report.Cases, c => Assert.True(c.Moved.Case.DecisionDate >= new DateOnly(2040, 1, 1)));
        // Every case ran on the draft on the one side and on a published version on the other.
        Assert.All(report.Cases.Where(c => c.Comparison.After.Version is not null), c => Assert.True(c.Comparison.After.Version!.IsCandidate));
        Assert.All(report.Cases.Where(c => c.Comparison.Before.Version is not null), c => Assert.False(c.Comparison.Before.Version!.IsCandidate));

        var b9702 = report.Cases.Single(c => c.Case.Id == "B97-02");
        Assert.Equal(new DateOnly(2040, 5, 10), b9702.Moved.Case.DecisionDate);
        Assert.Equal("2022-05-10", b9702.Moved.Case.Facts["birthDate"].GetString()); // still 18 on the moved date
        Assert.True(b9702.Comparison.OutcomeChanged);
        Assert.Equal(("bevilget", "afslag"), (b9702.Comparison.Before.Outcome, b9702.Comparison.After.Outcome));

        var changed = report.Cases.Where(c => c.Comparison.OutcomeChanged).ToList();
        Assert.Equal(report.OutcomeChanges, changed.Count);
        Assert.All(changed, c => Assert.Equal(18m, c.Comparison.Before.Result!.Values["age"]));
        // A 38-year-old keeps the grant on the same grounds; only the letter changes, as it states the age limit from the row.
        var tc17 = report.Cases.Single(c => c.Case.Id == "TC-17").Comparison;
        Assert.False(tc17.OutcomeChanged || tc17.OutputChanges.Count > 0 || tc17.ReferencesChanged);
        Assert.True(tc17.TextChanged);
        Assert.Contains("personer mellem 18 år og folkepensionsalderen", tc17.Before.Begrundelse);
        Assert.Contains("personer mellem 19 år og folkepensionsalderen", tc17.After.Begrundelse);
        var added = LineDiff.Compare(tc17.Before.Begrundelse!, tc17.After.Begrundelse!).Where(l => l.Op == LineOp.Added).ToList();
        Assert.Contains("mellem 19 år og folkepensionsalderen", Assert.Single(added).Text);
        Assert.Contains(report.Changes, c => c.Text == "Række R97-04: Alder på afgørelsesdatoen: under 18 → under 19.");
    }

    [Fact]
    public async Task A_changed_legal_reference_marks_the_cases_it_decides_without_changing_their_outcome()
    {
        var draft = factory.Get<DraftService>().CreateDraft(factory.User("olga", Roles.Editor), Published97.Id, new DateOnly(2041, 1, 1));
        var doc = DraftDocument.Open(draft);
        doc.Version.Tables.Single(t => t.Id == "eligibility").Rows.Single(r => r.Id == "R97-01").Ref = "servicelovens § 97, stk. 8";
        var report = await factory.Get<ImpactPreviewService>().PreviewAsync("sel-97", doc.Content(), doc.Tests, doc.TemplateFiles(), cache: false);

        var tc11 = report.Cases.Single(c => c.Case.Id == "TC-11").Comparison; // decided by R97-01
        Assert.False(tc11.OutcomeChanged);
        Assert.True(tc11.ReferencesChanged);
        Assert.Equal(0, report.OutcomeChanges);
        Assert.True(report.GroundsChanges > 0);
        Assert.False(report.Cases.Single(c => c.Case.Id == "TC-17").Comparison.ReferencesChanged);
    }

    [Fact]
    public async Task The_what_if_answers_both_sides_and_stores_nothing()
    {
        var doc = RaisedAgeLimit(new DateOnly(2042, 1, 1));
        var audit = factory.Get<AuditLog>();
        var before = audit.Query(new AuditFilter(Limit: 100_000)).Count;
        // A birth date no case or rule contains, so its presence anywhere in the database would be this request's doing.
        var facts = doc.Tests.SelectMany(f => f.Suite.Cases).Single(c => c.Id == "B97-02").Facts
            .ToDictionary(kv => kv.Key, kv => kv.Key == "birthDate" ? JsonSerializer.SerializeToElement("2024-03-17") : kv.Value);

        var answer = await factory.Get<ImpactPreviewService>().WhatIfAsync("sel-97", doc.Content(), doc.TemplateFiles(), cache: false,
            new DateOnly(2042, 3, 17), facts, null);

        Assert.NotNull(answer);
        Assert.Equal("bevilget", answer!.Before.Outcome);
        Assert.Equal("afslag", answer.After.Outcome);
        Assert.Equal(before, audit.Query(new AuditFilter(Limit: 100_000)).Count);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(factory.Folder, "rules.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            Assert.DoesNotContain("2024-03-17", reader.ReadToEnd());
        }
    }

    [Fact]
    public async Task Test_results_name_the_version_they_ran_on_and_the_gate_warns_when_no_case_falls_in_the_drafts_period()
    {
        var catalogs = factory.Get<PublishedRules>().Catalogs();
        var late = RaisedAgeLimit(new DateOnly(2043, 1, 1));
        var run = await factory.Get<TestRunService>().RunAsync("sel-97", late.Content(), late.Cases().ToList(), catalogs);
        Assert.Equal(0, run.OnCandidate);
        Assert.StartsWith("offentliggjort fra ", run.RanOn(run.Results.Single(r => r.Case.Id == "B97-02")));

        var gate = await factory.Get<PublicationGate>().CheckAsync("sel-97", late.Content(), late.Tests, late.TemplateFiles());
        Assert.Contains(gate.Warnings, w => w.Where == "testcases" && w.Message.StartsWith("Ingen testcase har en afgørelsesdato i versionens periode (fra 1. januar 2043)", StringComparison.Ordinal));

        // A correction of the published version from its own date: the cases in its period run on the draft, and the gate is quiet.
        var correction = RaisedAgeLimit(new DateOnly(2018, 2, 1));
        var ran = await factory.Get<TestRunService>().RunAsync("sel-97", correction.Content(), correction.Cases().ToList(), catalogs);
        Assert.True(ran.OnCandidate > 0);
        Assert.Equal("kladden", ran.RanOn(ran.Results.Single(r => r.Case.Id == "B97-02")));
        var quiet = await factory.Get<PublicationGate>().CheckAsync("sel-97", correction.Content(), correction.Tests, correction.TemplateFiles());
        Assert.DoesNotContain(quiet.Warnings, w => w.Where == "testcases");
    }
}

/// <summary>The impact preview component over the real services: the changed cases highlighted, the version each side ran on.</summary>
[Collection(ServerCollection.Name)]
public sealed class ImpactPreviewComponentTests : Bunit.BunitContext
{
    private readonly AdminServerFactory _factory;

    public ImpactPreviewComponentTests(AdminServerFactory factory)
    {
        _factory = factory;
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(Services, factory.Get<ImpactPreviewService>());
    }

    [Fact]
    public void The_cases_that_change_outcome_are_highlighted_with_both_answers()
    {
        var published = _factory.Get<VersionRepository>().ForRuleset("sel-97").First(v => v.Status == Status.Published && v.ValidFrom == new DateOnly(2018, 2, 1));
        var draft = _factory.Get<DraftService>().CreateDraft(_factory.User("olga", Roles.Editor), published.Id, new DateOnly(2044, 1, 1));
        var doc = DraftDocument.Open(draft);
        doc.Version.Tables.Single(t => t.Id == "eligibility").Rows.Single(r => r.Id == "R97-04").When[2] = "< 19";

        var cut = Render<ImpactPreview>(p => p.Add(x => x.Doc, doc));
        cut.WaitForElement("#impact-cases", TimeSpan.FromSeconds(60));
        var row = cut.Find("tr[data-case='eligibility/B97-02']");
        Assert.Contains("impact-changed", row.ClassName);
        Assert.Contains("outcome", row.GetAttribute("data-changed"));
        Assert.Contains("Ledsagelse bevilget", row.QuerySelector("td[data-side=before]")!.TextContent);
        Assert.Contains("Afslag", row.QuerySelector("td[data-side=after]")!.TextContent);
        Assert.Contains("kørt på: kladden", row.QuerySelector("td[data-side=after]")!.TextContent);
        Assert.Contains("flyttet fra 10-05-2018 (+26 år)", row.TextContent);
        // Same outcome and amounts, a letter stating the new age limit: marked as a changed text, not as a changed result.
        var tc17 = cut.Find("tr[data-case='eligibility/TC-17']");
        Assert.Equal("impact-text", tc17.ClassName);
        Assert.Equal("text", tc17.GetAttribute("data-changed"));
        Assert.Contains("skifter udfald", cut.Find("#impact-summary").TextContent);
    }
}
