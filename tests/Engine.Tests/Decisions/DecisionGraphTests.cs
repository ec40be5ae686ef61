using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Decisions;

/// <summary>Decisions that use decisions: contexts, functions (business knowledge models) and the order they run in.</summary>
public class DecisionGraphTests
{
    private static readonly FactDefinition Loan = new()
    {
        Name = "laan", Type = ValueKind.Record, Label = "Lån",
        Fields = [Fact("beloeb", ValueKind.Decimal), Fact("rente", ValueKind.Decimal), Fact("loebetid", ValueKind.Int)],
    };

    private static readonly FunctionDefinition Pmt = new()
    {
        Name = "ydelse", Label = "Månedlig ydelse på et annuitetslån", Type = ValueKind.Decimal,
        Parameters = [Fact("p", ValueKind.Decimal), Fact("r", ValueKind.Decimal), Fact("n", ValueKind.Int)],
        Expression = "round(p * r / 12 / (1 - power(1 + r / 12, -n)), 2)",
    };

    private static ContextEntry Entry(string name, ValueKind type, string expression) => new() { Name = name, Type = type, Expression = expression };

    private static RulesetVersion V(DerivedValue[]? derived = null, ContextDecision[]? contexts = null, FunctionDefinition[]? functions = null,
        DecisionTable[]? tables = null, FactDefinition[]? facts = null, string[]? outputs = null) =>
        Version(facts ?? [Loan, Fact("gebyr", ValueKind.Decimal)], tables ?? [], derived, outcome: "") with
        {
            Contexts = contexts, Functions = functions, Outputs = outputs,
        };

    private static readonly Dictionary<string, object?> LoanFacts = new()
    {
        ["laan"] = new Dictionary<string, object?> { ["beloeb"] = 600000m, ["rente"] = 0.0375m, ["loebetid"] = 360m },
        ["gebyr"] = 100m,
    };

    [Fact]
    public async Task A_context_computes_its_entries_in_the_order_they_need_and_gives_its_result()
    {
        var context = new ContextDecision
        {
            Name = "betaling", Label = "Månedlig betaling",
            Entries = [Entry("total", ValueKind.Decimal, "ydelse + gebyr"), Entry("ydelse", ValueKind.Decimal, "ydelse(laan.beloeb, laan.rente, laan.loebetid)")],
            Result = new ContextResult { Type = ValueKind.Decimal, Expression = "total" },
        };
        var cv = VersionCompiler.Compile("t", V(contexts: [context], functions: [Pmt]));
        var result = await Run(cv, LoanFacts);
        Assert.Equal(EvaluationStatus.Determined, result.Status);
        Assert.Equal(2878.69m, result.Outputs["betaling"]);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal(("betaling", "context", 2878.69m), (decision.Name, decision.Kind, decision.Value));
        Assert.Equal(2778.69m, result.Values["betaling.ydelse"]);
    }

    [Fact]
    public async Task A_context_without_result_is_a_record_other_decisions_read_by_path_and_nested_contexts_nest()
    {
        var context = new ContextDecision
        {
            Name = "plan", Label = "Plan",
            Entries =
            [
                Entry("rate", ValueKind.Decimal, "0.5"),
                new ContextEntry { Name = "inner", Entries = [Entry("fees", ValueKind.Decimal, "rate * 10"), Entry("flag", ValueKind.Bool, "fees > 4")] },
                new ContextEntry { Name = "samlet", Entries = [Entry("a", ValueKind.Decimal, "rate + 1")], Result = new ContextResult { Type = ValueKind.Decimal, Expression = "a * 2" } },
            ],
        };
        var cv = VersionCompiler.Compile("t", V(contexts: [context],
            derived: [new DerivedValue { Name = "brug", Type = ValueKind.Decimal, Label = "brug", Expression = "plan.inner.fees + plan.samlet" }],
            outputs: ["plan", "brug"]));
        var result = await Run(cv, LoanFacts);
        Assert.Equal(8m, result.Outputs["brug"]);
        var plan = Assert.IsType<RecordValue>(result.Outputs["plan"]);
        Assert.Equal(0.5m, plan["rate"]);
        Assert.Equal(3m, plan["samlet"]);
        var inner = Assert.IsType<RecordValue>(plan["inner"]);
        Assert.Equal(true, inner["flag"]);
        Assert.Equal("""{"rate":0.5,"inner":{"fees":5.0,"flag":true},"samlet":3.0}""", System.Text.Json.JsonSerializer.Serialize(plan));
        // brug reads only plan's entries, so it may be made before plan itself is put together.
        Assert.Equal(["brug", "plan"], result.Decisions.Select(d => d.Name));
    }

    [Fact]
    public void The_entries_of_a_context_with_a_result_are_read_only_inside_it()
    {
        var context = new ContextDecision
        {
            Name = "c", Label = "c", Entries = [Entry("a", ValueKind.Decimal, "1")],
            Result = new ContextResult { Type = ValueKind.Decimal, Expression = "a" },
        };
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", V(contexts: [context],
            derived: [new DerivedValue { Name = "d", Type = ValueKind.Decimal, Label = "d", Expression = "c.a" }])));
        Assert.Contains(ex.Errors, e => e.Message.Contains("Punktum efter 'c'"));
    }

    [Fact]
    public async Task A_function_with_a_table_takes_a_record_argument_and_is_invoked_from_a_table_cell()
    {
        var describe = new FunctionDefinition
        {
            Name = "beskriv", Label = "Beskrivelse", Type = ValueKind.Text,
            Parameters = [Loan with { Name = "l" }],
            Table = Table("b", HitPolicy.Unique, ["l.beloeb"], [Out("tekst", ValueKind.Text)],
                [Row("B1", ["< 100000"], ["\"lille lån\""]), Row("B2", [">= 100000"], ["\"stort lån på \" + \"mange år\""])]),
        };
        var cv = VersionCompiler.Compile("t", V(functions: [describe], tables:
            [Table("t", HitPolicy.First, [], [Out("svar", ValueKind.Text)], [Row("T1", [], ["beskriv(laan)"])])]));
        var result = await Run(cv, LoanFacts);
        Assert.Equal("stort lån på mange år", result.Outputs["svar"]);
    }

    [Theory]
    [InlineData("ydelse(1, 2)", "ydelse() tager 3 argument(er) (p, r, n), men fik 2")]
    [InlineData("ydelse(1, 2, date(\"2024-01-01\"))", "ydelse(), 'n' kræver tal, men fik dato")]
    [InlineData("ydelse(laan, 1, 2)", "er en post; brug et af dens felter")]
    public void An_invocation_is_checked_against_the_parameters(string expression, string message)
    {
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", V(functions: [Pmt],
            derived: [new DerivedValue { Name = "d", Type = ValueKind.Decimal, Label = "d", Expression = expression }])));
        Assert.Contains(ex.Errors, e => e.Message.Contains(message));
    }

    [Fact]
    public void A_function_sees_only_its_parameters_and_may_not_invoke_itself()
    {
        var leaks = Pmt with { Name = "laek", Expression = "p + gebyr" };
        var loops = Pmt with { Name = "ring", Expression = "ring(p, r, n)" };
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", V(functions: [leaks, loops],
            derived: [new DerivedValue { Name = "d", Type = ValueKind.Decimal, Label = "d", Expression = "1" }])));
        Assert.Contains(ex.Errors, e => e.Row == "laek" && e.Message.Contains("Ukendt navn 'gebyr'"));
        Assert.Contains(ex.Errors, e => e.Row == "ring" && e.Message.Contains("kalder sig selv"));
    }

    [Fact]
    public void A_call_passing_more_values_than_the_depth_limit_is_refused_at_the_call_and_one_within_it_compiles()
    {
        // The frame nests one level per value passed: 40 values would be 40 levels of code for Dynamic LINQ.
        FunctionDefinition Wide(int n) => new()
        {
            Name = "bred", Label = "bred", Type = ValueKind.Decimal,
            Parameters = [.. Enumerable.Range(0, n).Select(i => Fact($"a{i}", ValueKind.Decimal))],
            Expression = "a0",
        };
        DerivedValue Call(int n) => new()
        {
            Name = "d", Type = ValueKind.Decimal, Label = "d", Expression = $"bred({string.Join(", ", Enumerable.Repeat("1", n))})",
        };
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", V(functions: [Wide(40)], derived: [Call(40)])));
        var e = Assert.Single(ex.Errors);
        Assert.Equal(("(afledte værdier)", "d"), (e.Table, e.Row));
        Assert.Equal($"bred() giver 40 værdier videre, og udtrykket bliver for dybt indlejret: højst {Serviceloven.Engine.Cells.CellLimits.MaxDepth} niveauer.", e.Message);
        Assert.NotNull(VersionCompiler.Compile("t", V(functions: [Wide(20)], derived: [Call(20)])));
    }

    [Fact]
    public async Task Invocations_inside_arguments_do_not_disturb_each_other()
    {
        var add = new FunctionDefinition
        {
            Name = "plus", Label = "plus", Type = ValueKind.Decimal, Parameters = [Fact("a", ValueKind.Decimal), Fact("b", ValueKind.Decimal)],
            Expression = "a + b * 10",
        };
        var cv = VersionCompiler.Compile("t", V(functions: [add],
            derived: [new DerivedValue { Name = "d", Type = ValueKind.Decimal, Label = "d", Expression = "plus(1, plus(2, 3))" }]));
        var result = await Run(cv, LoanFacts);
        Assert.Equal(321m, result.Values["d"]);
    }

    [Fact]
    public async Task The_begrundelse_model_shows_each_decisions_result_and_the_rules_file_round_trips()
    {
        var context = new ContextDecision
        {
            Name = "betaling", Label = "Månedlig betaling",
            Entries = [Entry("ydelse", ValueKind.Decimal, "ydelse(laan.beloeb, laan.rente, laan.loebetid)")],
            Result = new ContextResult { Type = ValueKind.Decimal, Expression = "ydelse + gebyr", Unit = "kr." },
        };
        var version = V(contexts: [context], functions: [Pmt], tables:
            [Table("t", HitPolicy.First, ["betaling"], [Out("outcome", ValueKind.Enum, "ok")], [Row("T1", ["> 0"], ["\"ok\""])])]) with { Outcome = "outcome" };
        var json = RulesJson.Serialize(version);
        var back = SchemaCatalog.Read<RulesetVersion>(json, RulesFileKind.Version, "v.json");
        Assert.Equal(json, RulesJson.Serialize(back));

        var cv = VersionCompiler.Compile("t", back);
        var result = await Run(cv, LoanFacts);
        var templates = BegrundelseTemplates.Compile("t", cv.ValidFrom, [new TemplateFile("ok.scriban",
            "{{ for d in decisionList }}{{ d.label }} ({{ d.kind }}): {{ d.formatted ?? \"-\" }}\n{{ end }}{{ decisions.betaling.value }}")], []);
        var text = templates.Render(cv, new RulesetDefinition { Id = "t", Title = "T" }, result, null);
        Assert.Equal("Månedlig betaling (context): 2.878,69 kr.\nt (table): -\n2.878,69", text.TrimEnd());
    }
}
