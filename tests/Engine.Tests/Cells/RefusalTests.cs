using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Cells;

/// <summary>
/// Cells outside the language are refused at compile time with table, row, column and the position of the offending
/// character; rule and request text never becomes code.
/// </summary>
public class RefusalTests
{
    private static CompiledVersion OutputVersion(string cell, ValueKind type = ValueKind.Decimal) =>
        OutputCellVersion(cell, type, [Fact("x", ValueKind.Decimal), Fact("birthDate", ValueKind.Date)]);

    [Theory]
    [InlineData("x + foo", 4, "foo", "Ukendt navn 'foo'")]
    [InlineData("x.GetType()", 1, ".", "Punktum")]
    [InlineData("1 + GetType()", 4, "GetType(", "'GetType' findes ikke")]
    [InlineData("System.IO.File", 6, ".IO", "Punktum")]
    [InlineData("x + foo(1)", 4, "foo(", "'foo' findes ikke")]
    [InlineData("1 + birthDate", 4, "birthDate", "kræver tal, men fik dato")]
    [InlineData("birthDate * 2", 0, "birthDate", "kræver tal, men fik dato")]
    [InlineData("x + \"abc", 4, "\"abc", "anførselstegn")]
    [InlineData("x + min", 4, "min", "er en funktion")]
    [InlineData("x; 1", 1, ";", "';'")]
    [InlineData("x || true", 2, "|", "'|'")]
    [InlineData("round(x, y)", 9, "y)", "antal decimaler")]
    [InlineData("sats(x)", 5, "x)", "anførselstegn")]
    [InlineData("x +", 3, "", "slutter for tidligt")]
    [InlineData("(x + 1", 6, "", "Forventede ')'")]
    [InlineData("x = 1", 2, "=", "skal være tal, men udtrykket giver ja/nej")]
    public void Output_cells_outside_the_language_are_refused_at_the_offending_character(string cell, int position, string at, string message)
    {
        Assert.StartsWith(at, cell[position..]);
        var e = CompileError(() => OutputVersion(cell));
        Assert.Equal("t", e.Table);
        Assert.Equal("R1", e.Row);
        Assert.Equal("v", e.Column);
        Assert.Equal(position, e.Position);
        Assert.Equal(cell, e.Cell);
        Assert.Contains(message, e.Message);
        Assert.Contains($"tegn {position + 1}", e.ToString());
    }

    [Theory]
    // The generated code's own names are not names of the cell language.
    [InlineData("x + _env", 4, "Ukendt navn '_env'")]
    [InlineData("x_has", 0, "Ukendt navn 'x_has'")]
    [InlineData("f", 0, "Ukendt navn 'f'")]
    [InlineData("iif(true, 1, 2)", 0, "'iif' findes ikke")]
    [InlineData("Fn.Abs(x)", 2, "Punktum")]
    [InlineData("DateOnly(2020, 1, 1) = decisionDate", 0, "'DateOnly' findes ikke")]
    [InlineData("new(1)", 0, "'new' findes ikke")]
    [InlineData("Convert(x)", 0, "'Convert' findes ikke")]
    public void Names_of_the_generated_code_are_unreachable_from_a_cell(string cell, int position, string message)
    {
        var e = CompileError(() => OutputVersion(cell));
        Assert.Equal(position, e.Position);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("iif")]
    [InlineData("f")]
    [InlineData("sats")]
    [InlineData("decisionDate")]
    [InlineData("Age")]
    [InlineData("age_1")]
    public void A_fact_cannot_take_a_reserved_or_malformed_name(string name)
    {
        var v = Version([Fact(name, ValueKind.Decimal)],
            [Table("t", HitPolicy.First, [], [Out("v", ValueKind.Decimal)], [Row("R1", [], ["1"])])], outcome: "");
        var e = CompileError(() => VersionCompiler.Compile("t", v));
        Assert.Equal(("(fakta)", name), (e.Table, e.Row));
    }

    [Fact]
    public void An_int_output_refuses_a_fractional_constant()
    {
        var e = CompileError(() => OutputCellVersion("7.5", ValueKind.Int));
        Assert.Contains("skal være et heltal", e.Message);
    }

    [Theory]
    [InlineData("< foo", ValueKind.Decimal, 2, "foo", "Ukendt navn 'foo'")]
    [InlineData("< 18", ValueKind.Date, 2, "18", "'x' er dato, men værdien er tal")]
    [InlineData("[1..date(\"2024-01-01\"))", ValueKind.Decimal, 4, "date(", "'x' er tal, men værdien er dato")]
    [InlineData(">= \"a\"", ValueKind.Text, 3, "\"a\"", "'>=' kan ikke bruges på tekst")]
    [InlineData("[\"a\"..\"b\"]", ValueKind.Text, 0, "[", "interval kræver tal eller dato")]
    [InlineData("\"a\", \"bc", ValueKind.Text, 5, "\"bc", "anførselstegn")]
    [InlineData("x.Length", ValueKind.Text, 1, ".Length", "Punktum")]
    [InlineData("< 18 18", ValueKind.Decimal, 5, "18", "Uventet '18'")]
    [InlineData("[18..67", ValueKind.Decimal, 7, "", "Et interval skal slutte")]
    [InlineData("date(\"2023-13-01\")", ValueKind.Date, 5, "\"2023-13-01\"", "date() skal have en dato")]
    [InlineData("", ValueKind.Decimal, 0, "", "tom")]
    public void Input_cells_outside_the_language_are_refused_at_the_offending_character(string cell, ValueKind kind, int position, string at, string message)
    {
        Assert.StartsWith(at, cell[position..]);
        var e = CompileError(() => InputCellVersion(cell, kind));
        Assert.Equal("t", e.Table);
        Assert.Equal("R1", e.Row);
        Assert.Equal("x", e.Column);
        Assert.Equal(position, e.Position);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("\"physical\", \"alien\"", 12)]
    [InlineData("not(\"alien\")", 4)]
    [InlineData("!= \"alien\"", 3)]
    public void An_unknown_enum_value_in_an_input_cell_is_refused(string cell, int position)
    {
        var e = CompileError(() => InputCellVersion(cell, ValueKind.Enum, enumValues: ["physical", "mental"]));
        Assert.Equal(position, e.Position);
        Assert.Contains("'alien' er ikke en af de tilladte værdier for 'x'", e.Message);
    }

    [Fact]
    public void An_unknown_enum_value_in_an_output_cell_is_refused()
    {
        var v = Version([],
            [Table("eligibility", HitPolicy.First, [], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
                [Row("R97-01", [], ["\"bevilget\""]), Row("R97-02", [], ["\"bevilliget\""])])]);
        var e = CompileError(() => VersionCompiler.Compile("t", v));
        Assert.Equal(("eligibility", "R97-02", "outcome", 0), (e.Table, e.Row, e.Column, e.Position));
        Assert.Contains("'bevilliget' er ikke en af de tilladte værdier", e.Message);
    }

    [Theory]
    [InlineData("if(x > 1, \"bevilget\", \"afslg\")", 22)]
    [InlineData("if(x > 1, \"bevilliget\", \"afslag\")", 10)]
    [InlineData("if(x > 1, \"afslag\", if(x > 0, \"bevilget\", \"ukendt\"))", 42)]
    public void An_unknown_enum_value_in_a_branch_of_if_is_refused(string cell, int position)
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("eligibility", HitPolicy.First, [], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")], [Row("R1", [], [cell])])]);
        var e = CompileError(() => VersionCompiler.Compile("t", v));
        Assert.Equal(("eligibility", "R1", "outcome", position), (e.Table, e.Row, e.Column, e.Position));
        Assert.Contains("er ikke en af de tilladte værdier", e.Message);
    }

    [Theory]
    [InlineData("if(cause = \"physicl\", 1, 0)", 11)]
    [InlineData("if(\"mentl\" != cause, 1, 0)", 3)]
    [InlineData("if(cause = \"physical\" or cause = \"Mental\", 1, 0)", 33)]
    public void An_unknown_enum_value_compared_with_an_enum_name_is_refused(string cell, int position)
    {
        var e = CompileError(() => OutputCellVersion(cell, ValueKind.Decimal, [Fact("cause", ValueKind.Enum, true, "physical", "mental")]));
        Assert.Equal(position, e.Position);
        Assert.Contains("er ikke en af de tilladte værdier for 'cause'", e.Message);
    }

    [Theory]
    [InlineData("physical", 1)]
    [InlineData("mental", 0)]
    public async Task A_declared_enum_value_compared_with_an_enum_name_compiles_and_compares(string cause, int expected)
    {
        var cv = OutputCellVersion("if(cause = \"physical\", 1, 0)", ValueKind.Decimal, [Fact("cause", ValueKind.Enum, true, "physical", "mental")]);
        Assert.Equal((decimal)expected, await Value(cv, new Dictionary<string, object?> { ["cause"] = cause }));
    }

    [Fact]
    public void An_unknown_sats_key_is_refused_where_the_satser_are_known()
    {
        var satser = new Serviceloven.Engine.Satser.SatsCatalog([Sats("sel-97.aarligtBeloeb", ("2024-01-01", null, 866m))]);
        var e = CompileError(() => OutputCellVersion("x + sats(\"sel-97.aarligtBelob\")", ValueKind.Decimal,
            [Fact("x", ValueKind.Decimal)], satser: satser));
        Assert.Equal(9, e.Position);
        Assert.Contains("Ukendt sats 'sel-97.aarligtBelob'", e.Message);
    }

    [Fact]
    public void A_bad_derived_value_is_reported_under_derived_values_with_its_name()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, [], [Out("v", ValueKind.Decimal)], [Row("R1", [], ["1"])])],
            [new DerivedValue { Name = "y", Type = ValueKind.Decimal, Label = "y", Expression = "x * Math.Pow(2, 3)" }],
            outcome: "");
        var e = CompileError(() => VersionCompiler.Compile("t", v));
        Assert.Equal(("(afledte værdier)", "y", "y", 8), (e.Table, e.Row, e.Column, e.Position));
    }

    [Fact]
    public async Task A_decision_may_read_one_declared_after_it_and_they_are_evaluated_in_dependency_order()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [
                Table("first", HitPolicy.First, ["late"], [Out("early", ValueKind.Decimal)], [Row("F1", ["> 2"], ["late + a"])]),
                Table("second", HitPolicy.First, [], [Out("late", ValueKind.Decimal)], [Row("S1", [], ["b + 1"])]),
            ],
            [
                new DerivedValue { Name = "a", Type = ValueKind.Decimal, Label = "a", Expression = "x + b" },
                new DerivedValue { Name = "b", Type = ValueKind.Decimal, Label = "b", Expression = "x * 2" },
            ], outcome: "");
        var cv = VersionCompiler.Compile("t", v);
        var result = await Run(cv, new Dictionary<string, object?> { ["x"] = 1m });
        // b = 2, a = 3, late = 3, early = 3 + 3.
        Assert.Equal(6m, result.Outputs["early"]);
        Assert.Equal(["b", "a", "second", "first"], result.Decisions.Select(d => d.Name));
    }

    [Fact]
    public void Decisions_that_read_each_other_in_a_ring_are_refused_naming_the_ring()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, ["c"], [Out("o", ValueKind.Decimal)], [Row("T1", ["-"], ["a"])])],
            [
                new DerivedValue { Name = "a", Type = ValueKind.Decimal, Label = "a", Expression = "x + b" },
                new DerivedValue { Name = "b", Type = ValueKind.Decimal, Label = "b", Expression = "o * 2" },
                new DerivedValue { Name = "c", Type = ValueKind.Decimal, Label = "c", Expression = "c + 1" },
            ], outcome: "");
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", v));
        Assert.Contains(ex.Errors, e => e.Message == "Beslutningen 'c' bruger sit eget resultat.");
        Assert.Contains(ex.Errors, e => e.Message.StartsWith("Beslutningerne bruger hinanden i ring: ", StringComparison.Ordinal)
            && e.Message.Contains("a → b → t → a"));
    }

    [Fact]
    public void Every_bad_cell_is_reported_not_only_the_first()
    {
        var v = Version([Fact("x", ValueKind.Decimal)],
            [Table("t", HitPolicy.First, ["x"], [Out("v", ValueKind.Decimal)],
            [
                Row("R1", ["< foo"], ["1"]),
                Row("R2", ["-"], ["x.ToString()"]),
                Row("R3", ["> 1"], ["2"]),
            ], defaults: ["bar"])], outcome: "");
        var ex = Assert.Throws<VersionCompilationException>(() => VersionCompiler.Compile("t", v));
        Assert.Equal(
            [("R1", "x", 2), ("R2", "v", 1), ("(default)", "v", 0)],
            ex.Errors.Select(e => (e.Row, e.Column, e.Position)).ToList());
        Assert.Contains("tabel 't', række 'R2', kolonne 'v', tegn 2", ex.Message);
    }

    // ---------- text is data, never code ----------

    /// <summary>The cell <c>"\" || true || \""</c>: a string literal whose value is <c>" || true || "</c>.</summary>
    private const string InjectionCell = "\"\\\" || true || \\\"\"";

    [Theory]
    [InlineData("\" || true || \"", true)]
    [InlineData("anything", false)]
    [InlineData("", false)]
    [InlineData(" || true || ", false)]
    public async Task A_string_containing_code_stays_a_literal_that_matches_only_itself(string value, bool expected)
    {
        var cv = InputCellVersion(InjectionCell, ValueKind.Text);
        Assert.Equal(expected, await Matches(cv, value));
    }

    [Fact]
    public async Task A_string_containing_code_in_an_output_is_returned_verbatim()
    {
        var cv = OutputCellVersion(InjectionCell, ValueKind.Text);
        Assert.Equal("\" || true || \"", await Value(cv));
        var backslash = OutputCellVersion("\"a\\\\\\\"b\"", ValueKind.Text);
        Assert.Equal("a\\\"b", await Value(backslash));
    }

    [Theory]
    [InlineData("a\\nb")]
    [InlineData("C:\\temp\\x")]
    [InlineData("\\u0041")]
    [InlineData("\\d+")]
    [InlineData("\\")]
    [InlineData("'single' {0} $x @\"y\"")]
    [InlineData("æøå ÆØÅ § ½")]
    public async Task Backslashes_and_quotes_in_a_literal_keep_their_exact_value(string value)
    {
        var cell = Emitter.StringCode(value);
        Assert.Equal(value, await Value(OutputCellVersion(cell, ValueKind.Text)));
        var input = InputCellVersion(cell, ValueKind.Text);
        Assert.True(await Matches(input, value));
        Assert.False(await Matches(input, value + " "));
    }

    [Fact]
    public void The_same_text_without_escapes_is_refused_not_run()
    {
        var e = CompileError(() => InputCellVersion("\"\" || true || \"\"", ValueKind.Text));
        Assert.Equal(3, e.Position);
        Assert.Contains("'|'", e.Message);
    }

    [Theory]
    [InlineData("\") || true || (\"")]
    [InlineData("a\" || \"\" == \"")]
    [InlineData("x.GetType()")]
    public async Task Request_text_is_only_ever_a_value(string requestValue)
    {
        var cv = InputCellVersion("\"a\"", ValueKind.Text);
        Assert.False(await Matches(cv, requestValue));
        Assert.True(await Matches(cv, "a"));
    }

    [Fact]
    public void The_lexer_refuses_characters_outside_the_language_with_their_position()
    {
        var ex = Assert.Throws<CellException>(() => Lexer.Tokenize("x @ 1"));
        Assert.Equal(2, ex.Position);
        var esc = Assert.Throws<CellException>(() => Lexer.Tokenize("\"a\\nb\""));
        Assert.Equal(2, esc.Position);
        var ctl = Assert.Throws<CellException>(() => Lexer.Tokenize("\"a\tb\""));
        Assert.Equal(2, ctl.Position);
    }
}
