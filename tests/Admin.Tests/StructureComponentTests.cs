using Bunit;
using Microsoft.AspNetCore.Components;
using Serviceloven.Admin.Common;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Tests;

/// <summary>bUnit tests of the structure editors: what they show, what they change, and refusals shown where they apply.</summary>
public sealed class StructureComponentTests : BunitContext
{
    private readonly DraftDocument _doc = StructureEditorTests.Sel97Draft();
    private int _changes;

    private StructureEditor Editor() => new(_doc);
    private CellChecker Checker() => new(_doc.Version, ["sel-97.aarligtBeloeb"], ["folkepensionsalder"]);
    private EventCallback Changed() => EventCallback.Factory.Create(this, () => _changes++);

    [Fact]
    public void The_facts_editor_adds_a_fact_checking_its_name_as_it_is_typed()
    {
        var cut = Render<FactsEditor>(p => p.Add(x => x.Version, _doc.Version).Add(x => x.Editor, Editor()).Add(x => x.Changed, Changed()));
        cut.Find("#new-fact-name").Input("Bopael");
        Assert.Contains("camelCase", cut.Find("#new-fact-name-error").TextContent);
        Assert.True(cut.Find("#add-fact").HasAttribute("disabled"));
        cut.Find("#new-fact-name").Input("bopaelIDanmark");
        Assert.Empty(cut.FindAll("#new-fact-name-error"));
        cut.Find("#new-fact-label").Change("Bor i Danmark");
        cut.Find("#new-fact-type").Change(nameof(ValueKind.Enum));
        cut.Find("#add-fact").Click();
        Assert.Equal("bopaelIDanmark", _doc.Version.Facts[^1].Name);
        Assert.Equal(ValueKind.Enum, _doc.Version.Facts[^1].Type);
        Assert.Contains("tilføjet", cut.Find("#facts-result").TextContent);

        // The new enum fact gets its values with Danish texts in its own card.
        var card = cut.Find("div[data-fact='bopaelIDanmark']");
        card.QuerySelector("input[aria-label='Ny værdi for bopaelIDanmark']")!.Change("ja");
        card.QuerySelector("input[aria-label='Tekst for ny værdi for bopaelIDanmark']")!.Change("Ja, bor i Danmark");
        cut.Find("div[data-fact='bopaelIDanmark'] button:contains('Tilføj værdi')").Click();
        Assert.Equal("Ja, bor i Danmark", _doc.Content().Facts[^1].Values!.Single().Label);
    }

    [Fact]
    public void Removing_a_used_fact_shows_where_it_is_used_and_keeps_it()
    {
        var cut = Render<FactsEditor>(p => p.Add(x => x.Version, _doc.Version).Add(x => x.Editor, Editor()));
        cut.Find("button[aria-label='Slet faktummet birthDate']").Click();
        var message = cut.Find("#facts-result");
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Contains("Alder på afgørelsesdatoen", message.TextContent);
        Assert.Contains(_doc.Version.Facts, f => f.Name == "birthDate");
    }

    [Fact]
    public void Renaming_a_fact_in_its_card_refuses_a_taken_name_and_renames_with_every_reference()
    {
        var cut = Render<FactsEditor>(p => p.Add(x => x.Version, _doc.Version).Add(x => x.Editor, Editor()).Add(x => x.Changed, Changed()));
        var nameInput = cut.Find("div[data-fact='taskKind'] input[id$='-name']");
        nameInput.Input("age");
        Assert.Contains("allerede brugt", cut.Find("div[data-fact='taskKind'] .cell-error").TextContent);
        Assert.True(cut.Find("div[data-fact='taskKind'] button[id$='-rename']").HasAttribute("disabled"));
        cut.Find("div[data-fact='taskKind'] input[id$='-name']").Input("opgavetype");
        cut.Find("div[data-fact='taskKind'] button[id$='-rename']").Click();
        Assert.Contains("opgavetype", cut.Find("#facts-result").TextContent);
        Assert.Equal("opgavetype", _doc.Version.Tables.Single(t => t.Id == "task").Inputs[0].Name);
    }

    [Fact]
    public void A_derived_expression_is_checked_as_it_is_typed_with_the_error_at_the_expression()
    {
        var cut = Render<DerivedEditor>(p => p.Add(x => x.Version, _doc.Version).Add(x => x.Checker, Checker()).Add(x => x.Editor, Editor()).Add(x => x.Changed, Changed()));
        var age = cut.Find("div[data-derived='age'] input.expression");
        age.Input("ageAt(birthDate, idag)");
        var error = cut.Find("div[data-derived='age'] .cell-error");
        Assert.Contains("idag", error.TextContent);
        Assert.Contains("tegn 18", error.TextContent);
        Assert.Equal("true", cut.Find("div[data-derived='age'] input.expression").GetAttribute("aria-invalid"));
        cut.Find("div[data-derived='age'] input.expression").Input("ageAt(birthDate, decisionDate)");
        Assert.Empty(cut.FindAll("div[data-derived='age'] .cell-error"));

        cut.Find("#new-derived-name").Input("ageInMonths");
        cut.Find("#new-derived-label").Change("Alder i måneder");
        cut.Find("#new-derived-expression").Input("age * ");
        Assert.Contains("slutter for tidligt", cut.Find("#new-derived-expression-error").TextContent);
        cut.Find("#new-derived-expression").Input("age * 12");
        cut.Find("#add-derived").Click();
        Assert.Equal("age * 12", _doc.Content().Derived[^1].Expression);
    }

    [Fact]
    public void The_table_editor_explains_each_hit_policy_in_one_line_and_edits_inputs_outputs_and_default()
    {
        var table = _doc.Version.Tables.Single(t => t.Id == "task");
        var cut = Render<TableEditor>(p => p.Add(x => x.Table, table).Add(x => x.Checker, Checker()).Add(x => x.Editor, Editor()).Add(x => x.Changed, Changed()));
        var options = cut.FindAll("select[id$='-hitpolicy'] option");
        Assert.Equal(HitPolicies.All.Count, options.Count);
        Assert.All(options, o => Assert.Contains(" – ", o.TextContent));

        cut.Find("select[id$='-hitpolicy']").Change(nameof(HitPolicy.Collect));
        Assert.Equal(HitPolicy.Collect, table.HitPolicy);
        Assert.Contains("hver sit resultat", cut.Find(".hit-policy-help").TextContent);
        cut.Find("select[id$='-aggregation']").Change(nameof(Aggregation.Sum));
        Assert.Equal(Aggregation.Sum, table.Aggregation);
        Assert.Contains("summen", cut.Find(".hit-policy-help").TextContent);

        cut.Find("select[id$='-new-input']").Change("age");
        cut.Find("button[id$='-add-input']").Click();
        Assert.Equal(["taskKind", "age"], table.Inputs.Select(i => i.Name));
        Assert.Equal(3, cut.FindAll("tr[data-row='R97-41'] td[data-cell]").Count);

        cut.Find("input[id$='-new-output-name']").Input("taskNote");
        cut.Find("select[id$='-new-output-type']").Change(nameof(ValueKind.Text));
        cut.Find("button[id$='-add-output']").Click();
        Assert.Equal("taskNote", table.Outputs[^1].Name);

        cut.Find("input[id$='-default']").Change(false);
        Assert.Null(table.Default);
        Assert.Empty(cut.FindAll("tr[data-default-row]"));
        cut.Find("input[id$='-default']").Change(true);
        Assert.Equal(2, table.Default!.Count);
    }

    [Fact]
    public void Removing_a_column_and_a_used_output_from_the_grid()
    {
        var table = _doc.Version.Tables.Single(t => t.Id == "eligibility");
        var cut = Render<TableEditor>(p => p.Add(x => x.Table, table).Add(x => x.Checker, Checker()).Add(x => x.Editor, Editor()));
        cut.Find("button[aria-label='Slet outputtet outcome']").Click();
        Assert.Contains("udfaldet", cut.Find("p[data-result=table]").TextContent);
        Assert.Contains(table.Outputs, o => o.Name == "outcome");

        var inputs = table.Inputs.Count;
        var confirm = JSInterop.Setup<bool>("confirm", _ => true);
        confirm.SetResult(false);
        cut.Find("button[aria-label='Fjern kolonnen hasBpaOrHelpSchemeSection96']").Click();
        Assert.Equal(inputs, table.Inputs.Count);
        Assert.Contains("1 række(r)", confirm.Invocations.Single().Arguments[0]!.ToString());
        confirm.SetResult(true);
        cut.Find("button[aria-label='Fjern kolonnen hasBpaOrHelpSchemeSection96']").Click();
        Assert.Equal(inputs - 1, table.Inputs.Count);
        Assert.All(table.Rows, r => Assert.Equal(inputs - 1, r.When.Count));
    }

    [Fact]
    public void Enum_cells_are_typed_by_label_without_quotes_stored_in_the_cell_language_and_shown_bare()
    {
        var table = _doc.Version.Tables.Single(t => t.Id == "eligibility");
        var cut = Render<TableGrid>(p => p.Add(x => x.Table, table).Add(x => x.Checker, Checker()));
        var cell = cut.Find("td[data-cell='eligibility/R97-01/out0'] input");
        Assert.Equal("afslag", cell.GetAttribute("value"));
        Assert.NotNull(cell.GetAttribute("list"));
        cell.Input("Ledsagelse bevilget");
        Assert.Equal("\"bevilget\"", table.Rows[0].Then[0]);
        Assert.Empty(cut.FindAll("td[data-cell='eligibility/R97-01/out0'] .cell-error"));
        cut.Find("td[data-cell='eligibility/R97-01/out0'] input").Change("Ledsagelse bevilget");
        Assert.Equal("bevilget", cut.Find("td[data-cell='eligibility/R97-01/out0'] input").GetAttribute("value"));

        cut.Find("td[data-cell='eligibility/R97-01/out0'] input").Input("bevilgt");
        Assert.Contains("bevilgt", cut.Find("td[data-cell='eligibility/R97-01/out0'] .cell-error").TextContent);
        var datalist = cut.Find($"datalist#{cell.GetAttribute("list")}");
        Assert.Contains("Ledsagelse bevilget", datalist.TextContent);
    }

    [Fact]
    public void The_version_settings_choose_the_outcome_among_text_outputs()
    {
        var cut = Render<VersionSettings>(p => p.Add(x => x.Version, _doc.Version).Add(x => x.Editor, Editor()).Add(x => x.Changed, Changed()));
        var options = cut.FindAll("#outcome option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("outcome", options);
        Assert.Contains("referral", options);
        Assert.DoesNotContain("hoursPerMonth", options);
        cut.Find("#outcome").Change("referral");
        Assert.Equal("referral", _doc.Version.Outcome);
        cut.Find("#valid-to").Change("31-12-2030");
        Assert.Equal(new DateOnly(2030, 12, 31), _doc.Version.ValidTo);
        cut.Find("#valid-to").Change("31.13.2030");
        Assert.Contains("dd-mm-åååå", cut.Find("#valid-to-err").TextContent);
        Assert.Equal(new DateOnly(2030, 12, 31), _doc.Version.ValidTo);
    }

    [Fact]
    public void The_date_input_shows_and_reads_dd_mm_yyyy_whatever_the_locale()
    {
        DateOnly? value = new DateOnly(2027, 3, 1);
        var cut = Render<DateInput>(p => p.Add(x => x.Id, "d").Add(x => x.Value, value).Add(x => x.ValueChanged, v => value = v));
        Assert.Equal("01-03-2027", cut.Find("#d").GetAttribute("value"));
        Assert.Equal("dd-mm-åååå", cut.Find("#d").GetAttribute("placeholder"));
        Assert.NotEqual("date", cut.Find("#d").GetAttribute("type"));
        cut.Find("#d").Change("2.4.2028");
        Assert.Equal(new DateOnly(2028, 4, 2), value);
        cut.Find("#d").Change("");
        Assert.Null(value);
    }
}
