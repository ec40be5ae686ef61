using Serviceloven.Engine.Begrundelse;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

/// <summary>
/// A letter states a rule's limits from the rule: the model exposes every row's cells and the satser the version uses,
/// and the gate warns when a template's own text restates a number or date the version defines.
/// </summary>
public class RuleValuesTests
{
    [Fact]
    public async Task The_model_exposes_the_rows_thresholds_the_deciding_rows_cells_and_any_sats_the_version_uses()
    {
        var cv = Compile();
        var result = await Evaluate(cv, hasBpa: true); // R97-01 decides; the sats is not read on this path
        var templates = Templates(("afslag.scriban",
            "Alder {{ rows[\"R97-02\"].when.age.low }} til under {{ rows[\"R97-02\"].when.age.high }} år ({{ rows[\"R97-02\"].when.age.op }}). " +
            "Besluttet af {{ decisiveRows[0].rule }}: {{ decisiveRows[0].when.hasBpa.value }}, {{ decisiveRows[0].then.outcome.value }}. " +
            "Bevilling giver {{ rows[\"R97-02\"].then.hoursPerMonth.value }} timer og højst {{ (satsvaerdi \"sel-97.aarligtBeloeb\").formatted }}."));
        var text = templates.Render(cv, Ruleset, result, Notes);
        Assert.Contains("Alder 18 til under 67 år (range).", text);
        Assert.Contains("Besluttet af R97-01: ja, afslag.", text);
        Assert.Contains("Bevilling giver 15 timer og højst 1.234,50 kr. pr. år.", text);
    }

    [Fact]
    public async Task The_rows_cannot_be_changed_by_a_template_and_an_unknown_sats_is_named()
    {
        var cv = Compile();
        var result = await Evaluate(cv, hasBpa: true);
        var assign = Assert.Throws<BegrundelseException>(() =>
            Templates(("afslag.scriban", "{{ rows[\"R97-02\"].id = \"x\" }}Tekst.")).Render(cv, Ruleset, result, Notes));
        Assert.Contains("afslag.scriban", assign.Message);
        var unknown = Assert.Throws<BegrundelseException>(() =>
            Templates(("afslag.scriban", "{{ (satsvaerdi \"sel-1.x\").amount }}")).Render(cv, Ruleset, result, Notes));
        Assert.Contains("Versionen bruger ikke satsen 'sel-1.x'", unknown.Message);
    }

    [Fact]
    public void A_number_the_cells_or_satser_define_is_reported_where_it_is_written_references_and_other_units_are_not()
    {
        var cv = Compile();
        var templates = Templates(("afslag.scriban",
            "Efter § 18, stk. 18, og principafgørelse 67-15 (vejledningens pkt. 15 og 18).\n" +
            "Du kan søge igen, når du er fyldt 18 år.\n" +
            "{{ if true }}Beløbet er højst 1.234,5 kr. pr. år, {{ 18 }} i kode tæller ikke.{{ end }}\n" +
            "Svaret kommer inden 15 uger; du får 15 timer.\n"));
        var issues = TemplateLiterals.Check(templates, cv, BegrundelseFixture.Satser);
        Assert.Equal(
            [
                "rules/sel-97/templates/afslag.scriban, linje 2: 18",
                "rules/sel-97/templates/afslag.scriban, linje 3: 1.234,5",
                "rules/sel-97/templates/afslag.scriban, linje 4: 15",
            ],
            issues.Select(i => $"{i.Where}: {i.Message.Split(' ')[2].TrimEnd(',')}"));
        Assert.Contains("række R97-02", issues[0].Message);
        Assert.Contains("satsen sel-97.aarligtBeloeb", issues[1].Message);
        Assert.Contains("rows[", issues[0].Message);
    }

    [Fact]
    public void A_date_written_in_a_cell_is_reported_in_any_of_its_Danish_forms()
    {
        var version = Version();
        var changed = version with
        {
            Tables = [version.Tables[0] with { Rows = [.. version.Tables[0].Rows, new Engine.Model.TableRow { Id = "R97-04", When = ["-", "-", "-"], Then = ["\"afslag\"", "0", "0"] }] }],
            Derived = [.. version.Derived, new Engine.Model.DerivedValue { Name = "cutoff", Type = Engine.Model.ValueKind.Date, Label = "Skæringsdato", Expression = "date(\"2027-03-01\")" }],
        };
        var withDateCell = changed with
        {
            Tables = [changed.Tables[0] with { Inputs = [.. changed.Tables[0].Inputs, new Engine.Model.TableInput { Name = "cutoff" }],
                Rows = changed.Tables[0].Rows.Select(r => r with { When = [.. r.When, r.Id == "R97-04" ? ">= date(\"2027-03-01\")" : "-"] }).ToList() }],
        };
        var cv = Compile(withDateCell);
        var issues = TemplateLiterals.Check(Templates(("afslag.scriban", "Fra 1. marts 2027 gælder nye regler (01-03-2027).\n")), cv, BegrundelseFixture.Satser);
        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Contains("række R97-04", i.Message));
    }
}
