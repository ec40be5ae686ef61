using System.Reflection;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Cells;

/// <summary>The cell functions' table: every entry names an Fn method that exists, compiles in a cell and is reserved.</summary>
public class CellFunctionTableTests
{
    public static TheoryData<string> Names() => new(CellFunctions.Names);

    private static Type ClrType(ParameterKind kind) => kind switch
    {
        ParameterKind.Bool => typeof(bool),
        ParameterKind.Number or ParameterKind.Decimals => typeof(decimal),
        ParameterKind.Date => typeof(DateOnly),
        ParameterKind.Text or ParameterKind.SatsKey or ParameterKind.LookupKey => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only a function's own emitter reads this kind"),
    };

    private static Type ClrType(ExprType type) => type switch
    {
        ExprType.Bool => typeof(bool),
        ExprType.Number => typeof(decimal),
        ExprType.Date => typeof(DateOnly),
        _ => typeof(string),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_plain_function_has_an_fn_overload_for_every_number_of_arguments_it_takes(string name)
    {
        Assert.True(CellFunctions.TryGet(name, out var f));
        if (f.Special is not null) return;
        Assert.NotNull(f.Method);
        Assert.NotNull(f.Result);
        for (var n = f.MinArgs; n <= f.MaxArgs; n++)
        {
            var expected = (f.UsesEnvironment ? [typeof(EvalEnv)] : Array.Empty<Type>())
                .Concat(f.Parameters.Take(n).Select(p => ClrType(p.Kind))).ToArray();
            var method = typeof(Fn).GetMethod(f.Method, BindingFlags.Public | BindingFlags.Static, expected);
            Assert.True(method is not null, $"Fn.{f.Method}({string.Join(", ", expected.Select(t => t.Name))}) findes ikke.");
            Assert.Equal(ClrType(f.Result.Value), method.ReturnType);
        }
    }

    [Fact]
    public void Parameters_only_a_function_of_its_own_can_emit_belong_to_functions_with_their_own_emitter()
    {
        ParameterKind[] special = [ParameterKind.NumberOrDate, ParameterKind.Any, ParameterKind.DateText, ParameterKind.Name];
        foreach (var f in CellFunctions.All.Where(f => f.Parameters.Any(p => special.Contains(p.Kind))))
            Assert.True(f.Special is not null, $"{f.Name} har en parameter, som kun en særlig oversættelse kan læse.");
        Assert.Equal(CellFunctions.All.Count, CellFunctions.Names.Distinct().Count());
        Assert.All(CellFunctions.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Help)));
    }

    /// <summary>A call of every function with every number of arguments it takes compiles, giving the declared type.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Every_function_compiles_in_a_cell(string name)
    {
        Assert.True(CellFunctions.TryGet(name, out var f));
        for (var n = f.MinArgs; n <= (f.MaxArgs ?? f.MinArgs + 1); n++)
        {
            var args = Enumerable.Range(0, n).Select(i => Sample(f.Parameters[Math.Min(i, f.Parameters.Count - 1)].Kind));
            var cell = $"{name}({string.Join(", ", args)})";
            var type = (f.Result ?? ExprType.Number) switch
            {
                ExprType.Bool => ValueKind.Bool,
                ExprType.Date => ValueKind.Date,
                _ => ValueKind.Decimal,
            };
            var cv = OutputCellVersion(cell, type, [Fact("x", ValueKind.Decimal, required: false)]);
            Assert.NotNull(cv);
        }
    }

    private static string Sample(ParameterKind kind) => kind switch
    {
        ParameterKind.Bool => "x > 1",
        ParameterKind.Number or ParameterKind.NumberOrDate or ParameterKind.Any => "x",
        ParameterKind.Date => "decisionDate",
        ParameterKind.Text => "\"a\"",
        ParameterKind.SatsKey or ParameterKind.LookupKey => "\"k\"",
        ParameterKind.Decimals => "2",
        ParameterKind.DateText => "\"2024-01-01\"",
        _ => "x",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_function_name_cannot_name_a_fact(string name)
    {
        Assert.False(VersionCompiler.IsUsableName(name));
        var ex = Assert.Throws<VersionCompilationException>(() => OutputCellVersion("1", ValueKind.Decimal, [Fact(name, ValueKind.Decimal)]));
        Assert.Contains(ex.Errors, e => e.Message.Contains("reserveret ord"));
    }

    [Fact]
    public void An_unknown_function_is_refused_with_the_table_of_functions()
    {
        var e = CompileError(() => OutputCellVersion("count(1)", ValueKind.Decimal));
        Assert.Equal($"Funktionen 'count' findes ikke. Tilladte funktioner: {string.Join(", ", CellFunctions.Names)}.", e.Message);
        Assert.StartsWith("date, min, max, round,", string.Join(", ", CellFunctions.Names));
    }

    [Fact]
    public void The_usage_line_shows_optional_and_repeated_arguments()
    {
        Assert.True(CellFunctions.TryGet("round", out var round));
        Assert.Equal("round(x, decimaler?)", round.Usage);
        Assert.True(CellFunctions.TryGet("min", out var min));
        Assert.Equal("min(a, b, ...)", min.Usage);
    }
}
