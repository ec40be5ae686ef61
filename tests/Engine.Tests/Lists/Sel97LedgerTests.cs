using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Tests.Lists;

/// <summary>
/// The shipped sel-97 savings ledger as a list of months: "Timer, der er opsparet men ikke opbrugt, bortfalder efter 6
/// måneder" (003_e9312490f6af4059.txt l.258-259), written once as the item-derived value opsparing.bortfaldet.
/// </summary>
public class Sel97LedgerTests
{
    private static string Rules(string path) => File.ReadAllText(Path.Combine(RepositoryFolders.Root(), "rules", path));

    private static readonly RulesetVersion Version =
        SchemaCatalog.Read<RulesetVersion>(Rules("sel-97/versions/2018-02-01.json"), RulesFileKind.Version, "2018-02-01.json");

    private static readonly LookupCatalog Lookups =
        new([SchemaCatalog.Read<LookupTable>(Rules("tables/folkepensionsalder.json"), RulesFileKind.Lookup, "folkepensionsalder.json")]);

    private static TestCase Case(string id) =>
        SchemaCatalog.Read<TestSuite>(Rules("sel-97/tests/ledger.json"), RulesFileKind.Tests, "ledger.json").Cases.Single(c => c.Id == id);

    private static async Task<EvaluationResult> Run(TestCase c)
    {
        var cv = VersionCompiler.Compile("sel-97", Version, null, Lookups);
        return await Evaluator.EvaluateAsync(cv, c.DecisionDate, FactBinder.Bind(cv.Facts, c.Facts, cv.Content.LegacyFacts), SatsCatalog.Empty, Lookups);
    }

    [Fact]
    public void The_five_numbered_slots_are_gone_from_the_facts_and_the_lapse_rule_is_written_once()
    {
        Assert.DoesNotContain(Version.Facts, f => f.Name.StartsWith("savedHours", StringComparison.Ordinal));
        Assert.Equal(ValueKind.List, Version.Facts.Single(f => f.Name == "opsparing").Type);
        var lapse = Assert.Single(Version.Derived, d => d.Expression.Contains(">= 6", StringComparison.Ordinal));
        Assert.Equal("opsparing.bortfaldet", lapse.Name);
        Assert.Contains("l.258-259", lapse.Description);
    }

    [Fact]
    public async Task Seven_months_two_of_them_older_than_six_months_give_the_usable_and_the_lapsed_hours()
    {
        // 003 l.258-259: hours saved but not used lapse after 6 months; in August 2019 January's 8 and February's 15 hours
        // have lapsed, March to July's 5 + 3 + 10 + 2 + 6 = 26 hours can be used besides August's own 15.
        var c = Case("TC-opsparing-7-maaneder");
        Assert.Equal("003_e9312490f6af4059.txt l.258-259, l.292-297", c.Source);
        var result = await Run(c);
        Assert.Equal(EvaluationStatus.Determined, result.Status);
        Assert.Equal(26m, result.Values["unexpiredSavedHours"]);
        Assert.Equal(23m, result.Values["lapsedSavedHours"]);
        Assert.Equal(41m, result.Outputs["hoursAvailableInMonth"]);
        Assert.Equal(23m, result.Outputs["savedHoursLapsed"]);

        var usable = Assert.Single(Assert.Single(result.Decisions, d => d.Name == "unexpiredSavedHours").Lists);
        Assert.Equal([false, false, true, true, true, true, true], usable.Items.Select(i => i.Counted));
        Assert.Equal("ikke talt med: not bortfaldet holder ikke (Timerne er bortfaldet ja)", usable.Items[0].Why);
        Assert.StartsWith("talt med: alderIMaaneder >= 1 og not bortfaldet holder (Timernes alder i måneder 5", usable.Items[2].Why);
        var lapsed = Assert.Single(Assert.Single(result.Decisions, d => d.Name == "lapsedSavedHours").Lists);
        Assert.Equal([true, true, false, false, false, false, false], lapsed.Items.Select(i => i.Counted));
        Assert.Equal(new object?[] { 7m, 6m, 5m, 4m, 3m, 2m, 1m }, (IEnumerable<object?>)result.Values["opsparing.alderIMaaneder"]!);
    }

    [Fact]
    public async Task The_old_slot_names_give_the_same_result_as_the_list_for_this_version_period()
    {
        var list = await Run(Case("TC-01a"));
        var old = await Run(Case("TC-01a-gamle-navne"));
        Assert.Equal(EvaluationStatus.Determined, old.Status);
        Assert.Equal(list.Outputs["hoursAvailableInMonth"], old.Outputs["hoursAvailableInMonth"]);
        Assert.Equal(23m, old.Outputs["hoursAvailableInMonth"]);
    }
}

/// <summary>A template reads a list fact's items, each field as a value object, item-derived values included.</summary>
public class ListBegrundelseTests
{
    [Fact]
    public async Task A_template_lists_the_months_with_their_hours_and_whether_they_lapsed()
    {
        var version = TestVersions.Version([ListFactTests.Ledger, TestVersions.Fact("graense", ValueKind.Date)],
            [TestVersions.Table("t", HitPolicy.First, [], [TestVersions.Out("outcome", ValueKind.Enum, "ok")], [TestVersions.Row("R1", [], ["\"ok\""])])],
            [new DerivedValue { Name = "opsparing.gammel", Type = ValueKind.Bool, Label = "Bortfaldet", Expression = "maaned < graense" }]);
        var cv = VersionCompiler.Compile("t", version);
        var facts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(
            """{ "opsparing": [ { "maaned": "2019-01-01", "timer": 8 }, { "maaned": "2019-03-01", "timer": 2.5 } ], "graense": "2019-02-01" }""")!;
        var result = await Evaluator.EvaluateAsync(cv, EngineHarness.Day, FactBinder.Bind(cv.Facts, facts), SatsCatalog.Empty, LookupCatalog.Empty);
        var templates = Serviceloven.Engine.Begrundelse.BegrundelseTemplates.Compile("t", cv.ValidFrom, [new TemplateFile("ok.scriban", """
            {{ facts.opsparing.label }}: {{ facts.opsparing.formatted }}
            {{~ for m in facts.opsparing.items ~}}
            - {{ m.maaned.formatted }}: {{ m.timer.formatted }} ({{ m.gammel.label }}: {{ m.gammel.formatted }})
            {{~ end ~}}
            """)], []);
        var text = templates.Render(cv, new RulesetDefinition { Id = "t", Title = "T" }, result, null);
        Assert.Equal("Opsparede timer: 2 poster\n- 1. januar 2019: 8 (Bortfaldet: ja)\n- 1. marts 2019: 2,5 (Bortfaldet: nej)", text.TrimEnd());
    }
}
