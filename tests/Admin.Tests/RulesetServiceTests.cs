using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Common;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Overview;
using Serviceloven.Admin.Rulesets;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Refusals;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>New rulesets and new versions through the service, with the timeline plan shown before a version is created.</summary>
[Collection(ServerCollection.Name)]
public sealed class RulesetServiceTests(AdminServerFactory factory)
{
    private RulesetService Service => factory.Get<RulesetService>();

    [Fact]
    public void A_new_ruleset_gets_its_definition_and_an_empty_first_draft_and_is_not_answered_before_publication()
    {
        var editor = factory.User("rikke", Roles.Editor);
        Assert.Contains("findes allerede", Service.CheckId("sel-97"));
        Assert.Contains("små bogstaver", Service.CheckId("Sel 200"));
        Assert.Null(Service.CheckId("sel-200"));
        Assert.Throws<RefusedException>(() => Service.Create(editor, new RulesetDefinition { Id = "sel-200", Title = " " }, new DateOnly(2027, 1, 1), null));

        var draft = Service.Create(editor, new RulesetDefinition
        {
            Id = "sel-200", Title = " Prøveregel (§ 200) ", LegalBasis = "Servicelovens § 200",
            Sources = [new SourceNote { Ref = "003_e9312490f6af4059.txt l.397", Note = "Læsning" }, new SourceNote { Ref = " " }],
        }, new DateOnly(2027, 3, 1), null);

        Assert.Equal(Status.Draft, draft.Status);
        Assert.Equal(new DateOnly(2027, 3, 1), draft.ValidFrom);
        var content = RulesJson.Deserialize<RulesetVersion>(draft.ContentJson);
        Assert.Empty(content.Facts);
        Assert.Empty(content.Tables);
        Assert.Equal("", content.Outcome);
        Assert.Equal("[]", draft.TestsJson);
        var definition = Service.Definition("sel-200")!;
        Assert.Equal("Prøveregel (§ 200)", definition.Title);
        Assert.Single(definition.Sources);
        Assert.Equal("Vejledning om ledsageordning (2018), l. 397", Sources.Display(definition.Sources[0].Ref));
        Assert.Contains(factory.Get<AuditLog>().Query(new AuditFilter(Entity: "ruleset:sel-200")), e => e.Action == "ruleset.create" && e.Actor == "rikke");
        // Nothing published yet: the runtime does not answer for it.
        Assert.False(factory.Get<Runtime.Snapshots.SnapshotHolder>().Current.Rulesets.ContainsKey("sel-200"));

        Service.UpdateDefinition(editor, definition with { Title = "Prøveregel" });
        Assert.Equal("Prøveregel", Service.Definition("sel-200")!.Title);
        Assert.Throws<AdminForbiddenException>(() => Service.Create(factory.User("kun-godkender", Roles.Approver),
            new RulesetDefinition { Id = "sel-201", Title = "x" }, new DateOnly(2027, 1, 1), null));
    }

    [Fact]
    public void A_published_rulesets_definition_is_no_longer_edited_here()
    {
        var editor = factory.User("rikke", Roles.Editor);
        Assert.False(Service.DefinitionEditable("sel-98"));
        Assert.Throws<RefusedException>(() => Service.UpdateDefinition(editor, Service.Definition("sel-98")! with { Title = "Ændret" }));
    }

    [Fact]
    public void A_new_version_from_scratch_keeps_the_rulesets_test_cases_and_one_from_a_version_copies_its_content()
    {
        var editor = factory.User("rikke", Roles.Editor);
        var published = factory.Get<VersionRepository>().ForRuleset("sel-103").Last(v => v.Status == Status.Published);

        var blank = Service.CreateVersion(editor, "sel-103", new DateOnly(2031, 1, 1), null, null);
        Assert.Empty(RulesJson.Deserialize<RulesetVersion>(blank.ContentJson).Tables);
        Assert.Equal(published.TestsJson, blank.TestsJson);
        Assert.Equal(published.TemplatesJson, blank.TemplatesJson);

        var copy = Service.CreateVersion(editor, "sel-103", new DateOnly(2032, 1, 1), new DateOnly(2032, 12, 31), published.Id);
        var content = RulesJson.Deserialize<RulesetVersion>(copy.ContentJson);
        Assert.Equal(RulesJson.Deserialize<RulesetVersion>(published.ContentJson).Tables.Count, content.Tables.Count);
        Assert.Equal(new DateOnly(2032, 12, 31), content.ValidTo);
        Assert.Equal(new DateOnly(2032, 12, 31), copy.ValidTo);
        Assert.Equal(published.Id, copy.BasedOn);
        Assert.Throws<RefusedException>(() => Service.CreateVersion(editor, "sel-103", new DateOnly(2033, 1, 1), new DateOnly(2032, 1, 1), null));
        Assert.Throws<RefusedException>(() => Service.CreateVersion(editor, "sel-103", new DateOnly(2033, 1, 1), null, PublishedId("sel-97")));
    }

    private long PublishedId(string ruleset) => factory.Get<VersionRepository>().ForRuleset(ruleset).Last(v => v.Status == Status.Published).Id;

    [Fact]
    public void The_plan_places_a_version_on_the_timeline_and_warns_of_gaps_and_overlaps()
    {
        // sel-102 has published versions from 2018-01-01 (or earlier) and 2023-10-01.
        var timeline = Service.Plan("sel-102", new DateOnly(2030, 1, 1), null);
        Assert.Contains("Efter den seneste version (fra 1. oktober 2023)", timeline.Where);
        Assert.Contains(timeline.Notes, n => n.Contains("gælder derefter kun til og med 31. december 2029"));
        Assert.Empty(timeline.Warnings);

        var between = Service.Plan("sel-102", new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 30));
        Assert.Contains("Mellem versionen fra", between.Where);
        Assert.Contains(between.Warnings, w => w.Contains("Hul i tidslinjen") && w.Contains("1. juli 2020"));

        var overlap = Service.Plan("sel-102", new DateOnly(2020, 1, 1), new DateOnly(2024, 6, 30));
        Assert.Contains(overlap.Warnings, w => w.Contains("overlapper versionen fra 1. oktober 2023"));

        var replacing = Service.Plan("sel-102", new DateOnly(2023, 10, 1), null);
        Assert.Contains("samme dag", replacing.Where);
        Assert.Contains(replacing.Notes, n => n.Contains("rettelse"));
    }

    [Fact]
    public void The_overview_lists_rulesets_by_paragraph_not_as_text()
    {
        var ids = factory.Get<OverviewService>().Build().Rulesets.Select(r => r.Id).ToList();
        Assert.True(ids.IndexOf("sel-3a") < ids.IndexOf("sel-79a"));
        Assert.True(ids.IndexOf("sel-99") < ids.IndexOf("sel-102"));
        Assert.True(ids.IndexOf("sel-85") < ids.IndexOf("sel-85a"));
        Assert.True(ids.IndexOf("sel-161") < ids.IndexOf("sel-madservice"));
        string[] expected = ["sel-3a", "sel-79a", "sel-83", "sel-84", "sel-84-doegnophold", "sel-85", "sel-85a", "sel-86", "sel-102", "sel-161", "sel-madservice"];
        Assert.Equal(expected, expected.Order(RulesetOrder.Instance));
    }

    [Fact]
    public void Sources_are_shown_by_document_title_and_line_and_dates_read_the_danish_way()
    {
        Assert.Equal("Vejledning om ledsageordning (2018), l. 397", Sources.Display("003_e9312490f6af4059.txt l.397"));
        Assert.Equal("Vejledning om ledsageordning (2018), l. 71, l. 166-167", Sources.Display("003_e9312490f6af4059.txt l.71, l.166-167"));
        Assert.Equal("Vejledning nr. 2 til serviceloven (2014), l. 55-72; principafgørelse 95-16",
            Sources.Display("002_441ec9f7f3a3537d.txt l.55-72; principafgørelse 95-16"));
        var (document, lines) = Sources.Parse("004_7a79bbc7225a7fe8.txt l.12");
        Assert.Equal("Ankestyrelsens praksisnotat om kontant tilskud (2021)", document!.Title);
        Assert.Equal("12", lines);
        Assert.Equal("004_7a79bbc7225a7fe8.txt l.12", Sources.Cite(document.File, lines));

        Assert.True(Danish.TryParseDate("01-03-2027", out var a) && a == new DateOnly(2027, 3, 1));
        Assert.True(Danish.TryParseDate("1.3.2027", out var b) && b == new DateOnly(2027, 3, 1));
        Assert.True(Danish.TryParseDate("2027-03-01", out var c) && c == new DateOnly(2027, 3, 1));
        Assert.False(Danish.TryParseDate("03/32/2027", out _));
        Assert.Equal("Kladde gældende fra 01-01-2025 oprettet.", Danish.IsoDatesToDanish("Kladde gældende fra 2025-01-01 oprettet."));
    }
}
