using System.Diagnostics;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Xunit.Abstractions;
using static Serviceloven.Adversarial.Tests.EngineFuzz.CellGenerators;

namespace Serviceloven.Adversarial.Tests.EngineFuzz;

/// <summary>
/// CELL_N generated and mutated cells (2,000 in CI) in input cells, output cells and derived values of a version that
/// is compiled and evaluated: the compiler throws nothing but VersionCompilationException, an evaluation throws
/// nothing (a failing rule is a result with status error), neither passes the time limit, and no cell that names a
/// .NET member or type compiles.
/// </summary>
public sealed partial class CellFuzzTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>
{
    private const int Batch = 25;
    private static readonly TimeSpan CompileLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EvaluationLimit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Generated_cells_fail_only_with_cell_errors_stay_within_the_time_limit_and_never_reach_dotnet()
    {
        var n = Repository.Setting("CELL_N", 2_000);
        var seed = Repository.Seed("CELL_SEED");
        var failures = new List<string>();
        int refused = 0, compiled = 0, evaluations = 0;
        var slowest = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        for (var first = 0; first < n; first += Batch)
        {
            var cells = Gen.Sample(Any(), Math.Min(Batch, n - first), new Rnd(seed + (ulong)first, 0x9E3779B97F4A7C15), 30);
            // All cells of the batch in one version; those the compiler refuses are taken out and the rest compiled alone.
            var (accepted, errors, failure, time) = Compile(cells);
            slowest = time > slowest ? time : slowest;
            if (failure is not null) { failures.Add(failure); continue; }
            refused += cells.Length - accepted.Count;
            compiled += accepted.Count;
            if (errors > 0 && accepted.Count == 0) continue;
            foreach (var cell in accepted.Where(c => NamesDotnet(c.Text)))
                failures.Add($"cellen oversættes, men nævner noget uden for cellesproget: {cell}");
            var version = Version(accepted);
            CompiledVersion cv;
            try { cv = VersionCompiler.Compile("fuzz", version, Satser); }
            catch (Exception ex) { failures.Add($"de godkendte celler kunne ikke oversættes sammen: {ex.GetType().Name}: {ex.Message} ({string.Join(" | ", accepted.Select(c => $"{c.Place}[{c.Column}]: {c.Text}"))})"); continue; }
            foreach (var facts in FactSets)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    var result = await Evaluator.EvaluateAsync(cv, new DateOnly(2024, 3, 1), FactBinder.Bind(cv.Facts, facts), Satser, LookupCatalog.Empty);
                    if (result.Status == EvaluationStatus.Error && result.Error is null) failures.Add("fejlstatus uden fejl");
                }
                catch (Exception ex) { failures.Add($"evalueringen kastede {ex.GetType().Name}: {ex.Message} ({string.Join(" | ", accepted.Select(c => c.Text))})"); }
                if (clock.Elapsed > EvaluationLimit) failures.Add($"evalueringen tog {clock.ElapsedMilliseconds} ms");
                evaluations++;
            }
        }
        figures.Print(output, $"Celle-fuzz: {n} celler (CELL_SEED={seed}) på {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; afvist med cellefejl: {refused}, " +
                              $"oversat: {compiled}, evalueringer: {evaluations}; andre undtagelser: {failures.Count}; langsomste oversættelse {slowest.TotalMilliseconds:0} ms");
        foreach (var f in failures.Distinct().Take(30)) output.WriteLine("FEJL: " + f);
        Assert.Empty(failures);
    }

    /// <summary>Outside string literals: a forbidden name as a whole word, or a '.' that is neither a range nor a decimal point.</summary>
    private static bool NamesDotnet(string cell)
    {
        var code = StringLiteral().Replace(cell, "\"\"");
        return Forbidden.Any(f => Regex.IsMatch(code, $@"(?<![A-Za-z0-9_]){Regex.Escape(f)}(?![A-Za-z0-9_])"))
               || MemberDot().IsMatch(code);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    /// <summary>A '.' not part of '..' and not between digits.</summary>
    [GeneratedRegex(@"(?<![.\d])\.(?![.\d])|(?<=\d)\.(?![.\d])|(?<![.\d])\.(?=\d)")]
    private static partial Regex MemberDot();

    /// <summary>Compiles the batch; the cells the compiler names in its errors are refused. Any other exception is a failure.</summary>
    private static (List<Cell> Accepted, int Errors, string? Failure, TimeSpan Time) Compile(Cell[] cells)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            VersionCompiler.Compile("fuzz", Version(cells), Satser);
            return (cells.ToList(), 0, Slow(clock.Elapsed, cells), clock.Elapsed);
        }
        catch (VersionCompilationException ex)
        {
            var refusedRows = ex.Errors.Select(e => e.Row).ToHashSet();
            var accepted = cells.Where((c, i) => !refusedRows.Contains(RowId(i)) && !refusedRows.Contains(DerivedName(i))).ToList();
            // The version-level errors (no row) come from a refused derived value that a later name uses: take out every derived cell then.
            if (ex.Errors.Any(e => e.Row is "" or null)) accepted = accepted.Where(c => c.Place != Place.Derived).ToList();
            return (accepted, ex.Errors.Count, Slow(clock.Elapsed, cells), clock.Elapsed);
        }
        catch (Exception ex)
        {
            return ([], 0, $"oversætteren kastede {ex.GetType().Name}: {ex.Message} ved cellerne: {string.Join(" | ", cells.Select(c => $"{c.Place}: {c.Text}"))}", clock.Elapsed);
        }
    }

    private static string? Slow(TimeSpan time, Cell[] cells) =>
        time > CompileLimit ? $"oversættelsen tog {time.TotalMilliseconds:0} ms ({string.Join(" | ", cells.Select(c => c.Text))})" : null;

    private static string RowId(int i) => $"R-{i:00}";
    private static string DerivedName(int i) => $"derived{i:00}";

    public static readonly SatsCatalog Satser = new([new SatsSeries
    {
        Key = "sel-madservice.hovedretMaks", Label = "Hovedret", Unit = "kr.",
        Values = [new SatsValue { ValidFrom = new DateOnly(2014, 1, 1), Value = 49m, Source = "test" }],
    }]);

    private static readonly IReadOnlyDictionary<string, object?>[] FactSets =
    [
        new Dictionary<string, object?> { ["age"] = 30, ["amount"] = 12.5m, ["birth"] = "1990-02-28", ["flag"] = true, ["kind"] = "physical", ["name"] = "a" },
        new Dictionary<string, object?> { ["age"] = 0, ["amount"] = 0m, ["birth"] = "0001-01-01", ["flag"] = false, ["kind"] = "mental", ["name"] = "" },
        new Dictionary<string, object?> { ["age"] = 120, ["amount"] = 79228162514264337593543950335m, ["birth"] = "9999-12-31" },
    ];

    /// <summary>Six facts of every type; one table whose row i carries input or output cell i; derived value i carries derived cell i.</summary>
    private static RulesetVersion Version(IReadOnlyList<Cell> cells)
    {
        FactDefinition Fact(string name, ValueKind type, params string[] values) => new()
        {
            Name = name, Type = type, Label = name, Required = false,
            Values = values.Length > 0 ? values.Select(v => new EnumValue { Value = v }).ToList() : null,
        };
        var rows = new List<TableRow>();
        var derived = new List<DerivedValue>();
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (c.Place == Place.Derived)
            {
                derived.Add(new DerivedValue { Name = DerivedName(i), Type = ValueKind.Decimal, Label = "afledt", Expression = c.Text });
                continue;
            }
            var when = Enumerable.Repeat("-", Facts.Length).ToArray();
            var then = new[] { "\"a\"", "1" };
            if (c.Place == Place.Input) when[c.Column] = c.Text; else then[1] = c.Text;
            rows.Add(new TableRow { Id = RowId(i), When = when, Then = then, Ref = "§ 1", Reason = "r" });
        }
        rows.Add(new TableRow { Id = "R-sidst", When = Enumerable.Repeat("-", Facts.Length).ToArray(), Then = ["\"b\"", "0"], Ref = "§ 1", Reason = "r" });
        return new RulesetVersion
        {
            ValidFrom = new DateOnly(2018, 1, 1),
            Facts = [Fact("age", ValueKind.Int), Fact("amount", ValueKind.Decimal), Fact("birth", ValueKind.Date), Fact("flag", ValueKind.Bool),
                     Fact("kind", ValueKind.Enum, "physical", "mental"), Fact("name", ValueKind.Text)],
            Derived = derived,
            Tables =
            [
                new DecisionTable
                {
                    Id = "t", HitPolicy = HitPolicy.Collect,
                    Inputs = Facts.Select(f => new TableInput { Name = f }).ToList(),
                    Outputs = [new TableOutput { Name = "outcome", Type = ValueKind.Enum, Values = [new EnumValue { Value = "a" }, new EnumValue { Value = "b" }] },
                               new TableOutput { Name = "value", Type = ValueKind.Decimal }],
                    Rows = rows,
                },
            ],
            Outcome = "",
        };
    }
}
