using Serviceloven.Engine.Begrundelse;
using static Serviceloven.Engine.Tests.Begrundelse.BegrundelseFixture;

namespace Serviceloven.Engine.Tests.Begrundelse;

public class RenderingTests
{
    [Fact]
    public async Task Grant_letter_uses_outputs_satser_facts_and_the_shared_partials()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        Assert.Equal("bevilget", result.Outcome);
        var templates = Templates(("bevilget.scriban", """
            Du er bevilget {{ antal outputs.hoursPerMonth "times" "timers" }} ledsagelse om måneden efter {{ paragraf 97 1 }}.
            {{~ for s in satser ~}}
            - {{ s.label }}: {{ s.formatted }} ({{ s.priceLevel }}), {{ periode s.validFrom s.validTo }}.
            {{~ end ~}}

            {{ include "skoen" }}

            {{ include "retsgrundlag" }}

            {{ include "klagevejledning" }}
            """));

        var text = templates.Render(cv, Ruleset, result, Notes);

        Assert.StartsWith("Du er bevilget 15 timers ledsagelse om måneden efter servicelovens § 97, stk. 1.\n" +
            "- Årligt beløb til ledsagerens udgifter: 1.234,50 kr. pr. år (2024-niveau), fra 1. januar 2024 til 31. december 2024.\n\n" +
            "Vores vurdering\n\n", text);
        Assert.Contains("- Kan ikke færdes alene uden for hjemmet: ja. Vores vurdering: »Borgeren kan ikke færdes alene på grund af svær synsnedsættelse.«", text);
        Assert.Contains("Afgørelsen er truffet efter de regler, der gælder på afgørelsesdatoen 1. marts 2024:\n" +
            "- Lovbekendtgørelse nr. 1089 af 1. september 2023 (serviceloven)\n\nAfgørelsen bygger på servicelovens § 97, stk. 1.", text);
        Assert.Contains("Din klage skal være modtaget inden 4 uger efter, at du har modtaget afgørelsen.", text);
        Assert.Contains("Kommunen genvurderer afgørelsen inden 4 uger", text);
        Assert.DoesNotContain("§ 3 a", text);
        Assert.DoesNotContain("\n\n\n", text);
    }

    [Fact]
    public async Task Refusal_letter_selects_afslag_template_and_explains_rows_that_did_not_apply()
    {
        var cv = Compile();
        var result = await Evaluate(cv, alone: false);
        Assert.Equal("afslag", result.Outcome);
        var templates = Templates(
            ("bevilget.scriban", "Bevilling\n"),
            ("afslag.scriban", """
                {{ outcome.formatted }} ({{ outcome.value }}) efter {{ liste references }}, kode {{ liste reasons }}.
                {{~ for r in notMatchedRows ~}}
                - {{ r.rule }} ({{ r.tableLabel }}): {{ r.failed }}
                {{~ end ~}}
                {{~ for r in decisiveRows ~}}
                Afgørende: {{ r.rule }} {{ r.ref }}
                {{~ end ~}}
                """));

        var text = templates.Render(cv, Ruleset, result, Notes);

        Assert.Equal(
            "Afslag (afslag) efter servicelovens § 97, stk. 1, kode not-in-target-group.\n" +
            $"- R97-01 (Ret til ledsagelse): {result.Trace[0].Failed}\n" +
            $"- R97-02 (Ret til ledsagelse): {result.Trace[1].Failed}\n" +
            "Afgørende: R97-03 servicelovens § 97, stk. 1", text);
        Assert.False(string.IsNullOrEmpty(result.Trace[0].Failed));
    }

    [Fact]
    public async Task References_are_split_at_semicolons_and_listed_once_by_retsgrundlag()
    {
        var cv = Compile();
        var result = await Evaluate(cv, hasBpa: true);
        Assert.Equal(["servicelovens § 97, stk. 8; vejledningens pkt. 5"], result.References);
        var templates = Templates(("afslag.scriban", "{{ liste references }}\n\n{{ include \"retsgrundlag\" }}\n"));
        var text = templates.Render(cv, Ruleset, result, Notes);
        Assert.StartsWith("servicelovens § 97, stk. 8 og vejledningens pkt. 5\n\nRetsgrundlag\n\n", text);
        Assert.EndsWith("\n\nAfgørelsen bygger på:\n- servicelovens § 97, stk. 8\n- vejledningens pkt. 5", text);
    }

    [Fact]
    public async Task Default_template_serves_outcomes_without_their_own()
    {
        var cv = Compile();
        var result = await Evaluate(cv, hasBpa: true);
        var templates = Templates(("bevilget.scriban", "Bevilling\n"), ("default.scriban", "Standard: {{ outcome.formatted }}\n"));
        Assert.Equal("Standard: Afslag", templates.Render(cv, Ruleset, result, Notes));
    }

    [Fact]
    public async Task Missing_template_for_outcome_names_the_expected_file()
    {
        var cv = Compile();
        var result = await Evaluate(cv, hasBpa: true);
        var templates = Templates(("bevilget.scriban", "Bevilling\n"));
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes));
        Assert.Equal("rules/sel-97/templates/afslag.scriban", ex.Template);
        Assert.Contains("ingen skabelon for udfaldet 'afslag' og ingen default.scriban", ex.Message);
    }

    [Fact]
    public async Task Model_exposes_version_ruleset_facts_and_derived_values()
    {
        var cv = Compile();
        var result = await Evaluate(cv, cause: "physical");
        var templates = Templates(("bevilget.scriban", """
            {{ ruleset.id }} {{ ruleset.title }} / {{ ruleset.legalBasis }}
            {{ dato version.validFrom }} {{ version.hash }} {{ if version.validTo }}slut{{ else }}åben{{ end }}
            {{ facts.birthDate.label }}: {{ facts.birthDate.formatted }} / {{ facts.birthDate.value }}
            {{ facts.cause.label }}: {{ facts.cause.formatted }} ({{ facts.cause.value }}), givet: {{ facts.cause.given }}
            {{ derived.age.label }} {{ derived.age.formatted }}
            {{ for f in factList }}{{ f.name }}{{ if f.discretionary }}*{{ end }} {{ end }}
            {{ array.size discretionary }} {{ decisionDate }} {{ outputs.yearlyAmount.formatted }} {{ kr outputs.yearlyAmount }}
            """));

        var lines = templates.Render(cv, Ruleset, result, Notes).Split('\n');

        Assert.Equal("sel-97 Ledsageordning / Serviceloven § 97", lines[0]);
        Assert.Equal($"1. februar 2018 {cv.Hash} åben", lines[1]);
        Assert.Equal("Fødselsdato: 1. maj 1990 / 1. maj 1990", lines[2]);
        Assert.Equal("Årsag til funktionsnedsættelsen: Fysisk (physical), givet: ja", lines[3]);
        Assert.Equal("alder 33 år", lines[4]);
        Assert.Equal("birthDate hasBpa cannotGetAroundAlone* cause", lines[5]);
        Assert.Equal("1 1. marts 2024 1.234,50 kr. 1.234,50 kr.", lines[6]);
    }

    [Fact]
    public async Task Optional_fact_not_given_is_formatted_as_ikke_oplyst_but_its_value_cannot_be_printed()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var ok = Templates(("bevilget.scriban", "{{ facts.cause.formatted }} {{ facts.cause.given }}\n"));
        Assert.Equal("ikke oplyst nej", ok.Render(cv, Ruleset, result, Notes));
        var bad = Templates(("bevilget.scriban", "{{ facts.cause.value }}\n"));
        var ex = Assert.Throws<BegrundelseException>(() => bad.Render(cv, Ruleset, result, Notes));
        Assert.Contains("'facts.cause.value' giver en tom værdi", ex.Message);
    }

    [Fact]
    public async Task Skoen_requires_the_caseworkers_note_for_a_discretionary_fact_the_decision_rests_on()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        Assert.Equal("R97-02", Assert.Single(result.DecisiveRows).Rule);
        var templates = Templates(("bevilget.scriban", "Tekst\n\n{{ include \"skoen\" }}\n"));
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, notes: null));
        Assert.Equal("rules/templates/skoen.scriban", ex.Template);
        Assert.Contains("Sagsbehandlerens bemærkning til 'Kan ikke færdes alene uden for hjemmet' mangler (notes.cannotGetAroundAlone)", ex.Message);
        Assert.Equal("cannotGetAroundAlone", ex.MissingNote);
    }

    [Fact]
    public async Task Skoen_writes_nothing_when_the_decisive_rows_did_not_test_a_discretionary_fact()
    {
        var cv = Compile();
        var result = await Evaluate(cv, hasBpa: true);
        Assert.Equal("R97-01", Assert.Single(result.DecisiveRows).Rule);
        var templates = Templates(("afslag.scriban", """
            Tekst
            {{ array.size discretionary }} {{ array.size decisiveDiscretionary }} {{ facts.cannotGetAroundAlone.decisive }} {{ facts.hasBpa.decisive }}

            {{ include "skoen" }}
            """));
        Assert.Equal("Tekst\n1 0 nej ja", templates.Render(cv, Ruleset, result, notes: null));
    }

    [Fact]
    public async Task Varslingssag_switches_klagevejledning_to_two_weeks_and_suspensive_effect()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "{{ varslingsSag = true }}\n{{ include \"klagevejledning\" }}\n"));
        var text = templates.Render(cv, Ruleset, result, Notes);
        Assert.Contains("Kommunen genvurderer afgørelsen inden 2 uger efter, at vi har modtaget din klage", text);
        Assert.Contains("jf. servicelovens § 3 a, stk. 2.", text);
        Assert.DoesNotContain("inden 4 uger efter, at vi har modtaget", text);
    }

    [Fact]
    public async Task Assignments_do_not_change_the_model_of_later_renders()
    {
        var cv = Compile();
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "{{ varslingsSag }}{{ varslingsSag = true }}\n"));
        Assert.Equal("nej", templates.Render(cv, Ruleset, result, Notes));
        Assert.Equal("nej", templates.Render(cv, Ruleset, result, Notes));
    }

    [Fact]
    public async Task Determined_result_without_outcome_is_a_begrundelse_error()
    {
        var version = Version() with
        {
            Tables = [Version().Tables[0] with { Rows = [Version().Tables[0].Rows[0]] }],
        };
        var cv = Compile(version);
        var result = await Evaluate(cv);
        Assert.Equal(Serviceloven.Engine.Evaluation.EvaluationStatus.Determined, result.Status);
        Assert.Null(result.Outcome);
        var templates = Templates(("default.scriban", "Tekst\n"));
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes));
        Assert.Equal("Skabelonen 'rules/sel-97/templates': Ingen regel passede, så der er intet udfald at begrunde.", ex.Message);
    }

    [Fact]
    public async Task Outputs_of_a_table_without_match_are_present_without_value()
    {
        var baseVersion = Version();
        var version = baseVersion with
        {
            Tables =
            [
                baseVersion.Tables[0],
                new Serviceloven.Engine.Model.DecisionTable
                {
                    Id = "extra", Label = "Ekstra", HitPolicy = Serviceloven.Engine.Model.HitPolicy.First,
                    Inputs = [new Serviceloven.Engine.Model.TableInput { Name = "hasBpa" }],
                    Outputs = [new Serviceloven.Engine.Model.TableOutput { Name = "extraHours", Type = Serviceloven.Engine.Model.ValueKind.Decimal, Label = "Ekstra timer", Unit = "timer" }],
                    Rows = [new Serviceloven.Engine.Model.TableRow { Id = "X1", When = ["true"], Then = ["5"], Ref = "servicelovens § 97" }],
                },
            ],
        };
        var cv = Compile(version);
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "{{ outputs.extraHours.label }}: {{ outputs.extraHours.formatted }}{{ if outputs.extraHours.value }} (givet){{ end }}\n"));
        Assert.Equal("Ekstra timer: ingen", templates.Render(cv, Ruleset, result, Notes));
        var withMatch = await Evaluate(cv, hasBpa: true);
        var afslag = Templates(("afslag.scriban", "{{ outputs.extraHours.formatted }}{{ if outputs.extraHours.value }} (givet){{ end }}\n"));
        Assert.Equal("5 timer (givet)", afslag.Render(cv, Ruleset, withMatch, Notes));
    }

    [Fact]
    public async Task Empty_begrundelse_is_an_error()
    {
        var cv = Compile();
        var templates = Templates(("bevilget.scriban", "{{ if false }}Tekst{{ end }}\n\n"));
        var result = await Evaluate(cv);
        var ex = Assert.Throws<BegrundelseException>(() => templates.Render(cv, Ruleset, result, Notes));
        Assert.Equal("Skabelonen 'rules/sel-97/templates/bevilget.scriban': Skabelonen gav en tom begrundelse.", ex.Message);
    }

    [Fact]
    public void CompileAll_gives_each_version_its_own_templates()
    {
        var content = new Serviceloven.Engine.Serialization.RulesetContent(Ruleset, [Version(), Version(new DateOnly(2023, 10, 1))], [],
            [new("bevilget.scriban", "A"), new("2023-10-01/bevilget.scriban", "B")]);
        var all = BegrundelseTemplates.CompileAll(content, new Serviceloven.Engine.Serialization.RulesContent([content], [], [], SharedTemplates()));
        Assert.Equal("rules/sel-97/templates/bevilget.scriban", all[new DateOnly(2018, 2, 1)].ForOutcome("bevilget")!.SourcePath);
        Assert.Equal("rules/sel-97/templates/2023-10-01/bevilget.scriban", all[new DateOnly(2023, 10, 1)].ForOutcome("bevilget")!.SourcePath);
    }

    [Fact]
    public async Task Templates_of_another_version_are_refused()
    {
        var cv = Compile(Version(new DateOnly(2023, 10, 1)));
        var result = await Evaluate(cv);
        var templates = Templates(("bevilget.scriban", "Tekst\n"));
        Assert.Throws<ArgumentException>(() => templates.Render(cv, Ruleset, result, Notes));
    }
}
