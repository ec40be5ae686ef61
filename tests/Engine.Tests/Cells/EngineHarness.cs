using System.Globalization;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests;

/// <summary>
/// Helpers for the engine tests in Cells/, HitPolicies/, Evaluation/, Dates/ and Validation/: one-cell versions
/// compiled through VersionCompiler and evaluated through Evaluator, so every test goes the whole way.
/// </summary>
internal static class EngineHarness
{
    public static readonly DateOnly Day = new(2024, 3, 1);

    public static FactDefinition LabeledFact(string name, ValueKind type, string label, bool required = true, params string[] values) =>
        TestVersions.Fact(name, type, required, values) with { Label = label };

    /// <summary>A version whose only table tests input <c>x</c> with <paramref name="cell"/>: "ja" on a match, "nej" (default) otherwise.</summary>
    public static CompiledVersion InputCellVersion(string cell, ValueKind kind, bool required = true, string[]? enumValues = null,
        FactDefinition[]? extraFacts = null, SatsCatalog? satser = null)
    {
        var facts = new List<FactDefinition> { TestVersions.Fact("x", kind, required, enumValues ?? []) };
        facts.AddRange(extraFacts ?? []);
        var v = Version([.. facts],
            [Table("t", HitPolicy.First, ["x"], [Out("outcome", ValueKind.Enum, "ja", "nej")],
                [Row("R1", [cell], ["\"ja\""])], defaults: ["\"nej\""])]);
        return VersionCompiler.Compile("cells", v, satser);
    }

    /// <summary>True when the input cell matched <paramref name="value"/> (extra facts may be given too).</summary>
    public static async Task<bool> Matches(CompiledVersion cv, object? value, IDictionary<string, object?>? extra = null,
        SatsCatalog? satser = null, DateOnly? date = null)
    {
        var facts = new Dictionary<string, object?> { ["x"] = value };
        foreach (var (k, v) in extra ?? new Dictionary<string, object?>()) facts[k] = v;
        var r = await Run(cv, facts, date, satser);
        Assert.True(r.Status == EvaluationStatus.Determined, $"status {r.Status}: {r.Error} {string.Join("; ", r.FactErrors)}");
        return r.Outcome switch
        {
            "ja" => true,
            "nej" => false,
            _ => throw new InvalidOperationException($"unexpected outcome {r.Outcome}"),
        };
    }

    /// <summary>
    /// A version with a table without inputs whose single output <c>v</c> of <paramref name="type"/> holds
    /// <paramref name="expression"/>. Facts and derived values may be given.
    /// </summary>
    public static CompiledVersion OutputCellVersion(string expression, ValueKind type, FactDefinition[]? facts = null,
        DerivedValue[]? derived = null, SatsCatalog? satser = null, LookupCatalog? lookups = null)
    {
        var v = Version(facts ?? [],
            [Table("t", HitPolicy.First, [], [Out("v", type)], [Row("R1", [], [expression])])],
            derived, outcome: "");
        return VersionCompiler.Compile("cells", v, satser, lookups);
    }

    /// <summary>The value of output <c>v</c>; fails the test when the evaluation did not determine one.</summary>
    public static async Task<object?> Value(CompiledVersion cv, IDictionary<string, object?>? facts = null,
        SatsCatalog? satser = null, LookupCatalog? lookups = null, DateOnly? date = null)
    {
        var r = await Run(cv, facts ?? new Dictionary<string, object?>(), date, satser, lookups);
        Assert.True(r.Status == EvaluationStatus.Determined, $"status {r.Status}: {r.Error} {string.Join("; ", r.FactErrors)}");
        return r.Outputs["v"];
    }

    public static async Task<EvaluationResult> Run(CompiledVersion cv, IDictionary<string, object?> facts, DateOnly? date = null,
        SatsCatalog? satser = null, LookupCatalog? lookups = null)
    {
        var bound = FactBinder.Bind(cv.Facts, facts.AsReadOnly());
        return await Evaluator.EvaluateAsync(cv, date ?? Day, bound, satser ?? SatsCatalog.Empty, lookups ?? LookupCatalog.Empty);
    }

    /// <summary>Compiling must fail; returns the single error (asserting there is exactly one).</summary>
    public static CellError CompileError(Func<CompiledVersion> compile)
    {
        var ex = Assert.Throws<VersionCompilationException>(() => compile());
        return Assert.Single(ex.Errors);
    }

    public static SatsSeries Sats(string key, params (string From, string? To, decimal Value)[] values) => new()
    {
        Key = key, Label = "Sats " + key, Unit = "kr.",
        Values = values.Select((v, i) => new SatsValue
        {
            ValidFrom = DateOnly.Parse(v.From, CultureInfo.InvariantCulture), ValidTo = v.To is null ? null : DateOnly.Parse(v.To, CultureInfo.InvariantCulture),
            Value = v.Value, Source = $"kilde-{key}.txt l.{i + 1}",
        }).ToList(),
    };

    public static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
