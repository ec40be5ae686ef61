using System.Text;
using Serviceloven.Admin.Simulation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>
/// The two sides of a caseload simulation as the issue names them: published (asOf a moment), a draft by id, or the
/// published rules with a pending sats revision applied ("2026 satser mod 2027 satser"), each on a fixed date or the row's own.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SimulationSidesTests(AdminServerFactory factory)
{
    private const string Key = "sel-161.timebetalingMindst";
    private static readonly DateOnly Date = new(2014, 8, 1);

    [Fact]
    public async Task A_pending_sats_revision_is_applied_on_its_side_only_and_moves_the_kroner()
    {
        var service = factory.Get<SimulationService>();
        var revisions = factory.Get<RevisionRepository>();
        var published = factory.Get<SnapshotHolder>().Current.LatestSatser.Get(Key)!;
        var before = published.Values.Single(v => v.ValidFrom.Year == 2014).Value;
        // The 2014 minimum hourly payment regulated by 2 kr., as a draft nobody has approved.
        var regulated = published with { Values = published.Values.Select(v => v.ValidFrom.Year == 2014 ? v with { Value = before + 2 } : v).ToList() };
        var id = revisions.CreateSatsDraft(regulated, null, "test", "simulering");
        try
        {
            var (a, b) = service.Sides(SimulationChoice.Of("sel-161", SideChoice.Published(Date), new SideChoice(SatsRevisionId: id, Date: Date)));
            Assert.Equal(before, a.Rules.Satser.ValueOn(Key, Date)!.Value);
            Assert.Equal(before + 2, b.Rules.Satser.ValueOn(Key, Date)!.Value);
            Assert.Contains($"satsrevision nr. {id} ({Key})", b.Description);
            Assert.Equal("Offentliggjort", a.Name);
            Assert.Equal($"Offentliggjort med satsrevision nr. {id}", b.Name);
            // The published catalogue itself is untouched.
            Assert.Equal(before, factory.Get<SnapshotHolder>().Current.LatestSatser.ValueOn(Key, Date)!.Value);

            var snapshot = factory.Get<SnapshotHolder>().Current;
            var facts = snapshot.Timeline("sel-161")[^1].Item.Compiled.Content.Facts;
            var examples = RulesJson.Deserialize<TestSuite>(File.ReadAllText(Path.Combine(AdminServerFactory.RepositoryRoot, "rules", "sel-161", "tests", "cases.json"))).Cases;
            var csv = CaseloadGenerator.Csv(facts, examples, 2_000, seed: 7, Date);
            var report = await CaseloadSimulator.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CaseloadFormat.Csv, "sel-161", a, b);
            Assert.True(report.Cases > 1_000, $"{report.Cases} cases");
            var moved = report.Amounts.Where(x => x.TotalDifference != 0).ToList();
            Assert.NotEmpty(moved);
            Assert.All(moved, x => Assert.True(x.TotalDifference > 0, $"{x.Output}: {x.TotalDifference}"));
            Assert.All(moved, x => Assert.Equal(0, x.Decreased));
        }
        finally
        {
            // The server is shared with other admin tests: the draft does not outlive this one.
            revisions.DeleteSatsDraft(id, revisions.GetSats(id)!.Revision, "test");
        }
    }

    [Fact]
    public void A_published_or_unknown_sats_revision_and_a_draft_of_another_ruleset_are_refused_by_name()
    {
        var service = factory.Get<SimulationService>();
        var publishedId = factory.Get<SnapshotHolder>().Current.SatsRevisions.First(r => r.Key == Key).Id;
        var published = Assert.Throws<ArgumentException>(() => service.Sides(SimulationChoice.Of("sel-161", SideChoice.Published(), new SideChoice(SatsRevisionId: publishedId))));
        Assert.Contains($"Satsrevision nr. {publishedId} ({Key}) er offentliggjort", published.Message);
        var unknown = Assert.Throws<ArgumentException>(() => service.Sides(SimulationChoice.Of("sel-161", new SideChoice(SatsRevisionId: 999_999), SideChoice.Published())));
        Assert.Equal("Satsrevision nr. 999999 (side A) findes ikke.", unknown.Message);

        var draftOf97 = factory.Get<VersionRepository>().ForRuleset("sel-97")[0];
        var other = Assert.Throws<ArgumentException>(() => service.Sides(SimulationChoice.Of("sel-161", new SideChoice(DraftId: draftOf97.Id), SideChoice.Published())));
        Assert.Equal($"Version {draftOf97.Id} hører til sel-97, ikke sel-161.", other.Message);
    }

    [Fact]
    public void Published_against_published_and_asOf_reaches_both_sides()
    {
        var service = factory.Get<SimulationService>();
        var (a, b) = service.Sides(SimulationChoice.Of("sel-161", SideChoice.Published(Date), SideChoice.Published()));
        Assert.Equal("Offentliggjort", a.Name);
        Assert.Equal("Offentliggjort (B)", b.Name);
        Assert.Equal(Date, a.DecisionDate);
        Assert.Null(b.DecisionDate);
        Assert.Contains("rækkens egen afgørelsesdato", b.Description);

        // Published as of a moment before anything was published: no version on either side, named in the description.
        var longAgo = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (oldA, oldB) = service.Sides(SimulationChoice.Of("sel-161", SideChoice.Published(asOf: longAgo), SideChoice.Published(asOf: longAgo)));
        Assert.Empty(oldA.Rules.Versions);
        Assert.Empty(oldB.Rules.Versions);
        Assert.Contains("offentliggjort pr. 2000-01-01 00:00", oldB.Description);
    }

    [Theory]
    [InlineData("2026-06-01", "2026-06-01T23:59:59+02:00")]
    [InlineData("01-12-2026", "2026-12-01T23:59:59+01:00")]
    [InlineData("2026-06-01 08:30", "2026-06-01T08:30:00+02:00")]
    [InlineData("2026-06-01T08:30:00Z", "2026-06-01T08:30:00+00:00")]
    public void An_asOf_is_read_as_Danish_time_and_a_date_alone_as_the_end_of_that_day(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AsOfText.Parse(text, "asOf"));

    [Fact]
    public void An_asOf_that_is_no_moment_is_refused_naming_the_field()
    {
        Assert.Null(AsOfText.Parse(" ", "asOf"));
        Assert.StartsWith("Offentliggjort pr. (side B): 'i går' er ikke et tidspunkt", Assert.Throws<ArgumentException>(() => AsOfText.Parse("i går", "Offentliggjort pr. (side B)")).Message);
    }
}
