using System.Text;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Cells;

/// <summary>
/// The cell language's limits (issue 18): a cell or expression too long, with too many terms or nested too deep is a
/// Danish error at the cell, never code for Dynamic LINQ, whose recursive parser overflowed the stack and ended the
/// process on a 2,000-term cell. Long chains are grouped as balanced trees, so a long legitimate sum stays shallow.
/// </summary>
public class LimitTests
{
    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    [Fact]
    public void A_two_thousand_term_input_cell_is_refused_as_too_long_at_its_table_row_and_column()
    {
        var cell = ">= 1" + Repeat(" + 1", 2000);
        var e = CompileError(() => InputCellVersion(cell, ValueKind.Decimal));
        Assert.Equal(("t", "R1", "x"), (e.Table, e.Row, e.Column));
        Assert.Equal($"Cellen er for lang: højst {CellLimits.MaxCellLength} tegn.", e.Message);
        Assert.Equal(CellLimits.MaxCellLength, e.Position);
    }

    [Fact]
    public void A_twenty_thousand_term_derived_expression_is_refused_as_too_long_under_its_name()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, [], [Out("v", ValueKind.Decimal)], [Row("R1", [], ["sum"])])],
            [new DerivedValue { Name = "sum", Type = ValueKind.Decimal, Label = "Sum", Expression = "x" + Repeat(" + 1", 20_000) }],
            outcome: "");
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", v));
        var e = ex.Errors[0];
        Assert.Equal(("(afledte værdier)", "sum", "sum"), (e.Table, e.Row, e.Column));
        Assert.Equal($"Udtrykket er for langt: højst {CellLimits.MaxExpressionLength} tegn.", e.Message);
    }

    [Fact]
    public void A_derived_expression_may_be_longer_than_a_cell()
    {
        var expression = "x" + Repeat(" + 1", 450) + new string(' ', CellLimits.MaxCellLength);
        Assert.InRange(expression.Length, CellLimits.MaxCellLength + 1, CellLimits.MaxExpressionLength);
        var cv = OutputCellVersion("y", ValueKind.Decimal, [Fact("x", ValueKind.Decimal)],
            [new DerivedValue { Name = "y", Type = ValueKind.Decimal, Label = "y", Expression = expression }]);
        Assert.NotNull(cv);
    }

    [Fact]
    public void More_terms_than_the_limit_are_refused_even_when_the_cell_is_short_enough()
    {
        var cell = "1" + Repeat("+1", CellLimits.MaxTerms); // 1,001 characters, 501 terms
        Assert.True(cell.Length <= CellLimits.MaxCellLength);
        var e = CompileError(() => OutputCellVersion(cell, ValueKind.Decimal));
        Assert.Equal($"Cellen har for mange led: højst {CellLimits.MaxTerms}.", e.Message);
        Assert.Equal(2 * CellLimits.MaxTerms, e.Position); // the 501st term
    }

    [Fact]
    public void A_list_of_values_counts_its_terms_too()
    {
        var cell = string.Join(",", Enumerable.Range(0, CellLimits.MaxTerms + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var e = CompileError(() => InputCellVersion(cell, ValueKind.Decimal));
        Assert.Contains("for mange led", e.Message);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("abs(", ")")]
    [InlineData("-(", ")")]
    [InlineData("not ", "")]
    [InlineData("if(true, ", ", 1)")]
    public void Nesting_deeper_than_the_limit_is_refused_before_our_parser_recurses_further(string open, string close)
    {
        var depth = 10_000; // without the limit our own parser would overflow the stack here
        var body = open == "not " ? "true" : "1";
        var cell = Repeat(open, depth) + body + Repeat(close, depth);
        var type = open == "not " ? ValueKind.Bool : ValueKind.Decimal;
        var v = Version([],
            [Table("t", HitPolicy.First, [], [Out("v", type)], [Row("R1", [], [cell])])],
            [new DerivedValue { Name = "d", Type = type, Label = "d", Expression = Repeat(open, 200) + body + Repeat(close, 200) }],
            outcome: "");
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", v));
        Assert.Contains(ex.Errors, e => e.Table == "t" && e.Message.StartsWith("Cellen er for lang", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Table == "(afledte værdier)" && e.Message == $"Udtrykket er for dybt indlejret: højst {CellLimits.MaxDepth} niveauer.");
    }

    [Fact]
    public void Nesting_at_the_limit_compiles_and_one_more_level_is_refused_at_the_cell()
    {
        // The whole expression is level 1; each parenthesis opens one more.
        string Nested(int levels) => Repeat("(", levels - 1) + "1" + Repeat(")", levels - 1);
        Assert.NotNull(OutputCellVersion(Nested(CellLimits.MaxDepth), ValueKind.Decimal));
        var e = CompileError(() => OutputCellVersion(Nested(CellLimits.MaxDepth + 1), ValueKind.Decimal));
        Assert.Equal($"Cellen er for dybt indlejret: højst {CellLimits.MaxDepth} niveauer.", e.Message);
        Assert.Equal(CellLimits.MaxDepth, e.Position);
    }

    [Fact]
    public void Code_nested_deeper_than_the_limit_is_refused_even_with_few_parentheses()
    {
        // Each level is a left-grouped chain of 8 terms around the next parenthesis: 7 operators deep per level.
        var cell = "1";
        for (var i = 0; i < 6; i++) cell = $"({cell})" + Repeat(" + 1", CellLimits.MaxUnbalancedChain - 1);
        var e = CompileError(() => OutputCellVersion(cell, ValueKind.Decimal));
        Assert.Equal($"Udtrykket er for dybt indlejret: højst {CellLimits.MaxDepth} niveauer.", e.Message);
    }

    [Fact]
    public void A_table_with_more_inputs_than_the_limit_is_refused()
    {
        var names = Enumerable.Range(0, CellLimits.MaxTableInputs + 1).Select(i => $"x{i}").ToArray();
        var v = Version(names.Select(n => Fact(n, ValueKind.Decimal)).ToArray(),
            [Table("t", HitPolicy.First, names, [Out("v", ValueKind.Decimal)], [Row("R1", names.Select(_ => "> 1").ToArray(), ["1"])])],
            outcome: "");
        var e = CompileError(() => VersionCompiler.Compile("t", v));
        Assert.Equal(("t", "(input)"), (e.Table, e.Row));
        Assert.Equal($"Tabellen har for mange inputs: højst {CellLimits.MaxTableInputs}.", e.Message);
    }

    /// <summary>The deepest parenthesis nesting of emitted code.</summary>
    private static int CodeDepth(string code)
    {
        int depth = 0, max = 0;
        foreach (var c in code)
        {
            if (c == '(') max = Math.Max(max, ++depth);
            else if (c == ')') depth--;
        }
        return max;
    }

    private static SymbolScope Scope()
    {
        var scope = new SymbolScope();
        scope.Add(new Symbol("x", ValueKind.Decimal, "x", null, false));
        scope.Add(new Symbol("b", ValueKind.Bool, "b", null, false));
        return scope;
    }

    [Theory]
    [InlineData(" + 1")]
    [InlineData(" - 1")]
    [InlineData(" * 1")]
    public void A_long_chain_is_emitted_as_a_balanced_tree(string term)
    {
        var cell = "x" + Repeat(term, CellLimits.MaxTerms - 1);
        var code = new Emitter(Scope()).Emit(CellParser.ParseExpression(cell)).Code;
        Assert.True(CodeDepth(code) <= 16, $"nests {CodeDepth(code)} deep");
    }

    [Fact]
    public void Long_and_or_chains_lists_of_values_and_min_max_are_emitted_balanced()
    {
        var emitter = new Emitter(Scope());
        var and = emitter.Emit(CellParser.ParseExpression("b" + Repeat(" and b or b", 150))).Code;
        var min = emitter.Emit(CellParser.ParseExpression("min(" + string.Join(", ", Enumerable.Repeat("x", 400)) + ")")).Code;
        var list = emitter.EmitTest(CellParser.ParseInput(string.Join(",", Enumerable.Range(0, 400))), new Symbol("x", ValueKind.Decimal, "x", null, false));
        Assert.All(new[] { and, min, list }, code => Assert.True(CodeDepth(code) <= 16, $"nests {CodeDepth(code)} deep"));
    }

    [Fact]
    public async Task A_long_legitimate_sum_compiles_and_keeps_its_value()
    {
        // 499 terms with + and - mixed: regrouping keeps the value (a - b - c = a - (b + c)).
        var terms = Enumerable.Range(1, CellLimits.MaxTerms - 1).ToList();
        var cell = "x" + string.Concat(terms.Select(i => i % 3 == 0 ? $"-{i % 10}" : $"+{i % 10}"));
        var expected = 1000m + terms.Sum(i => i % 3 == 0 ? -(i % 10) : (decimal)(i % 10));
        var cv = OutputCellVersion(cell, ValueKind.Decimal, [Fact("x", ValueKind.Decimal)]);
        Assert.Equal(expected, await Value(cv, new Dictionary<string, object?> { ["x"] = 1000m }));
    }

    [Fact]
    public async Task A_long_product_and_quotient_chain_keeps_its_value()
    {
        // x * 2 / 2 * 2 / 2 ... over 400 terms is x again; any wrong inversion would double or halve it.
        var cell = "x" + string.Concat(Enumerable.Range(0, 399).Select(i => i % 2 == 0 ? " * 2" : " / 2")) + " / 4 * 3";
        var cv = OutputCellVersion(cell, ValueKind.Decimal, [Fact("x", ValueKind.Decimal)]);
        Assert.Equal(7.5m * 2 / 4 * 3, await Value(cv, new Dictionary<string, object?> { ["x"] = 7.5m }));
    }

    [Fact]
    public async Task Short_chains_keep_their_grouping_left_to_right()
    {
        var code = new Emitter(Scope()).Emit(CellParser.ParseExpression("x - 1 - 2 + 3 - 4")).Code;
        Assert.Equal("((((f.x - 1m) - 2m) + 3m) - 4m)", code);
        var cv = OutputCellVersion("100 / 3 * 3", ValueKind.Decimal);
        Assert.Equal(100m / 3 * 3, await Value(cv));
    }

    [Fact]
    public void A_version_at_every_limit_compiles_within_a_small_stack()
    {
        // The server compiles on thread-pool threads (1.5 MB of stack on Linux); at the limits a compile fits in half of
        // that (measured: it needs more than 512 KB, mostly Dynamic LINQ's descent through the row's 64 nested iif).
        var deepest = new StringBuilder("1");
        for (var i = 0; i < 3; i++) deepest.Insert(0, "(").Append(")" + Repeat(" + 1", CellLimits.MaxUnbalancedChain - 1));
        // 10 calls around 3 levels of 7 operators around a number: 32 levels, the most a cell may nest.
        var cell = "abs(" + Repeat("abs(", 9) + deepest + Repeat(")", 9) + ")";
        var names = Enumerable.Range(0, CellLimits.MaxTableInputs).Select(i => $"x{i}").ToArray();
        var v = Version(names.Select(n => Fact(n, ValueKind.Decimal)).ToArray(),
            [Table("t", HitPolicy.First, names, [Out("v", ValueKind.Decimal)],
                [Row("R1", names.Select(_ => ">= " + cell).ToArray(), ["x0" + Repeat("+x0", CellLimits.MaxTerms - 1)])])],
            outcome: "");
        CompiledVersion? compiled = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { compiled = VersionCompiler.Compile("t", v); }
            catch (Exception ex) { error = ex; }
        }, maxStackSize: 768 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
        Assert.NotNull(compiled);
    }
}
