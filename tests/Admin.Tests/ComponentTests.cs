using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Serviceloven.Admin.Common;
using Serviceloven.Admin.Diff;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>bUnit tests of the components' own logic: what they show and what they change.</summary>
public sealed class ComponentTests : BunitContext
{
    private static (EditableVersion, CellChecker) Sel97()
    {
        var version = EditableVersion.From(DiffTests.Sel97());
        return (version, new CellChecker(version, ["sel-97.aarligtBeloeb"], ["folkepensionsalder"]));
    }

    [Fact]
    public void The_table_grid_shows_an_error_at_the_cell_as_it_is_typed_and_clears_it_when_fixed()
    {
        var (version, checker) = Sel97();
        var table = version.Tables.Single(t => t.Id == "eligibility");
        var changes = 0;
        var cut = Render<TableGrid>(p => p.Add(x => x.Table, table).Add(x => x.Checker, checker).Add(x => x.Changed, EventCallback.Factory.Create(this, () => changes++)));
        Assert.Empty(cut.FindAll(".cell-error"));

        cut.Find("td[data-cell='eligibility/R97-01/in0'] input").Input("tru");
        var error = cut.Find("td[data-cell='eligibility/R97-01/in0'] .cell-error");
        Assert.Contains("tru", error.TextContent);
        Assert.Contains("tegn 1", error.TextContent);
        Assert.Equal("true", cut.Find("td[data-cell='eligibility/R97-01/in0'] input").GetAttribute("aria-invalid"));
        Assert.Single(cut.FindAll(".cell-error"));
        Assert.Equal("tru", table.Rows[0].When[0]);

        cut.Find("td[data-cell='eligibility/R97-01/in0'] input").Input("true");
        Assert.Empty(cut.FindAll(".cell-error"));
        Assert.Equal(2, changes);
    }

    [Fact]
    public void The_table_grid_adds_moves_and_deletes_rows()
    {
        var (version, checker) = Sel97();
        var table = version.Tables.Single(t => t.Id == "task");
        var cut = Render<TableGrid>(p => p.Add(x => x.Table, table).Add(x => x.Checker, checker));
        var before = table.Rows.Select(r => r.Id).ToList();
        cut.Find($"button[aria-label='Flyt række {before[0]} ned']").Click();
        Assert.Equal([before[1], before[0]], table.Rows.Select(r => r.Id));
        cut.Find("button:contains('Tilføj række')").Click();
        Assert.Equal(3, cut.FindAll("tr[data-row]").Count);
        cut.Find($"button[aria-label='Slet række {before[1]}']").Click();
        Assert.Equal(2, table.Rows.Count);
        Assert.DoesNotContain(before[1], table.Rows.Select(r => r.Id));
    }

    [Fact]
    public void Output_labels_and_units_are_edited_in_the_table_editor()
    {
        var (version, checker) = Sel97();
        var table = version.Tables.Single(t => t.Id == "eligibility");
        var doc = new DraftDocument { Row = new VersionRow(), Version = version, Tests = [], Templates = [] };
        var cut = Render<TableEditor>(p => p.Add(x => x.Table, table).Add(x => x.Checker, checker).Add(x => x.Editor, new StructureEditor(doc)));
        cut.Find("input[aria-label='Enhed for output hoursPerMonth']").Change("timer pr. måned");
        Assert.Equal("timer pr. måned", table.Outputs.Single(o => o.Name == "hoursPerMonth").Unit);
        Assert.Equal("timer pr. måned", version.ToModel().Tables.Single(t => t.Id == "eligibility").Outputs.Single(o => o.Name == "hoursPerMonth").Unit);
    }

    [Fact]
    public void A_read_only_grid_offers_no_row_actions()
    {
        var (version, checker) = Sel97();
        var cut = Render<TableGrid>(p => p.Add(x => x.Table, version.Tables[0]).Add(x => x.Checker, checker).Add(x => x.ReadOnly, true));
        Assert.Empty(cut.FindAll("button"));
        Assert.All(cut.FindAll("input.cell"), i => Assert.True(i.HasAttribute("readonly")));
    }

    [Fact]
    public void The_diff_view_shows_changed_cells_with_before_and_after()
    {
        var before = DiffTests.Sel97();
        var edit = EditableVersion.From(before);
        edit.Tables.Single(t => t.Id == "eligibility").Rows[0].Then[1] = "1";
        var cut = Render<DiffView>(p => p.Add(x => x.Comparison, VersionDiff.Compare(before, edit.ToModel(), [], [new TemplateFile("a.scriban", "ny")])));
        var row = cut.Find("tr[data-diff-row='R97-01']");
        Assert.Equal("0", row.QuerySelector("del")!.TextContent);
        Assert.Equal("1", row.QuerySelector("ins")!.TextContent);
        Assert.Contains("+ ny", cut.Find(".diff-line.Added").TextContent);
    }

    [Fact]
    public void The_conflict_panel_shows_both_versions_and_their_differences()
    {
        var row = new VersionRow { Id = 7, RulesetId = "sel-97", ValidFrom = new DateOnly(2026, 1, 1), Status = Status.Draft, Revision = 3, UpdatedBy = "david",
            ContentJson = System.Text.Json.JsonSerializer.Serialize(DiffTests.Sel97() with { ValidFrom = new DateOnly(2026, 1, 1) }, RulesJson.Canonical), ContentHash = "sha256:abc", TestsJson = "[]", TemplatesJson = "[]" };
        var mine = DraftDocument.Open(row);
        mine.Version.Facts[0].Label = "Min betegnelse";
        var reloads = 0;
        var cut = Render<ConflictPanel>(p => p.Add(x => x.Message, "david har gemt kladden").Add(x => x.Current, row).Add(x => x.Mine, mine)
            .Add(x => x.OnReload, EventCallback.Factory.Create(this, () => reloads++)));
        Assert.Contains("david, revision 3", cut.Markup);
        Assert.Contains("Min betegnelse", cut.Find("ins").TextContent);
        cut.Find("#conflict-reload").Click();
        Assert.Equal(1, reloads);
    }

    [Fact]
    public void The_facts_form_is_generated_from_the_schema_and_yields_typed_values()
    {
        var facts = DiffTests.Sel97().Facts;
        var values = new Dictionary<string, string>();
        var cut = Render<FactsForm>(p => p.Add(x => x.Facts, facts).Add(x => x.Values, values));
        Assert.Equal(facts.Count, cut.FindAll("div.fact").Count);
        cut.Find("#fact-birthDate").Change("2000-05-01");
        cut.Find("#fact-hasBpaOrHelpSchemeSection96").Change("false");
        cut.Find("#fact-impairmentCause").Change("physical");
        cut.Find("#fact-existingEquivalentIndividualEscortHoursPerMonth").Change("12,5");
        var (json, errors) = FactValues.ToJson(facts, values);
        Assert.Empty(errors);
        Assert.Equal("2000-05-01", json["birthDate"].GetString());
        Assert.False(json["hasBpaOrHelpSchemeSection96"].GetBoolean());
        Assert.Equal(12.5m, json["existingEquivalentIndividualEscortHoursPerMonth"].GetDecimal());
        Assert.Contains("Fysisk", cut.Find("#fact-impairmentCause").InnerHtml);
        Assert.Equal("Skriv datoen som dd-mm-åååå.", FactValues.ToJson(facts, new Dictionary<string, string> { ["birthDate"] = "1. maj" }).Errors["birthDate"]);
        Assert.Equal("2000-05-01", FactValues.ToJson(facts, new Dictionary<string, string> { ["birthDate"] = "01-05-2000" }).Facts["birthDate"].GetString());
    }
}

public sealed class TimelineBarTests : BunitContext
{
    private static VersionRow Row(long id, string status, string from) =>
        new() { Id = id, Status = status, ValidFrom = DateOnly.Parse(from, CultureInfo.InvariantCulture), RulesetId = "sel-x" };

    [Fact]
    public void Periods_are_drawn_to_scale_with_published_and_open_versions_in_separate_lanes()
    {
        var first = Row(1, Status.Published, "2018-01-01");
        var second = Row(2, Status.Published, "2023-10-01");
        var published = new List<Serviceloven.Admin.Overview.TimelineEntry>
        {
            new(first, first.ValidFrom, new DateOnly(2023, 9, 30), null),
            new(second, second.ValidFrom, null, null),
        };
        var cut = Render<Serviceloven.Admin.Overview.TimelineBar>(p => p.Add(x => x.Published, published)
            .Add(x => x.Open, [Row(3, Status.Draft, "2026-01-01")]).Add(x => x.Today, new DateOnly(2026, 11, 25)));

        Assert.Equal(2, cut.FindAll(".tl-lane").Count);
        var segments = cut.FindAll(".tl-seg");
        // The axis runs from 2018-01-01 to 2028-01-01 (3652 days); 2023-10-01 lies 2099 days in: 57.48 %.
        Assert.Contains("left:0%", segments[0].GetAttribute("style"));
        Assert.Contains("left:57.48%", segments[1].GetAttribute("style"));
        Assert.Equal("admin/versioner/3", segments[2].GetAttribute("href"));
        Assert.Contains("kladde fra 01-01-2026", segments[2].TextContent);
        Assert.Contains("2018", cut.Find(".tl-axis").TextContent);
    }

    [Fact]
    public void The_cell_help_lists_every_function_of_the_engines_table()
    {
        var cut = Render<CellLanguageHelp>();
        var rows = cut.FindAll("#cell-help tr[data-function]");
        Assert.Equal(Engine.Cells.CellFunctions.Names, rows.Select(r => r.GetAttribute("data-function")));
        var round = cut.Find("tr[data-function='round']");
        Assert.Contains("round(x, decimaler?)", round.TextContent);
        Assert.Contains("decimaler: antal decimaler, 0 til 10", round.TextContent);
        Assert.Contains("væk fra nul", round.TextContent);
    }
}
