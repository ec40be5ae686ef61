using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Tests;

/// <summary>Small hand-built versions for the tests.</summary>
internal static class TestVersions
{
    public static FactDefinition Fact(string name, ValueKind type, bool required = true, params string[] values) => new()
    {
        Name = name, Type = type, Label = name, Required = required,
        Values = values.Length > 0 ? values.Select(v => new EnumValue { Value = v }).ToList() : null,
    };

    public static TableRow Row(string id, string[] when, string[] then, string? reference = null) =>
        new() { Id = id, When = when, Then = then, Ref = reference ?? $"§ {id}", Reason = id.ToLowerInvariant() };

    public static DecisionTable Table(string id, HitPolicy policy, string[] inputs, TableOutput[] outputs, TableRow[] rows,
        Aggregation? aggregation = null, string[]? defaults = null) => new()
    {
        Id = id, HitPolicy = policy, Aggregation = aggregation,
        Inputs = inputs.Select(i => new TableInput { Name = i }).ToList(),
        Outputs = outputs, Rows = rows, Default = defaults,
    };

    public static TableOutput Out(string name, ValueKind type = ValueKind.Enum, params string[] values) => new()
    {
        Name = name, Type = type,
        Values = values.Length > 0 ? values.Select(v => new EnumValue { Value = v }).ToList() : null,
    };

    public static RulesetVersion Version(FactDefinition[] facts, DecisionTable[] tables, DerivedValue[]? derived = null, string outcome = "outcome") => new()
    {
        ValidFrom = new DateOnly(2018, 1, 1),
        Facts = facts,
        Derived = derived ?? [],
        Tables = tables,
        Outcome = outcome,
    };

    public static async Task<EvaluationResult> Evaluate(CompiledVersion cv, object facts, DateOnly? date = null,
        SatsCatalog? satser = null, LookupCatalog? lookups = null)
    {
        var dict = facts.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(facts));
        var bound = FactBinder.Bind(cv.Facts, dict);
        return await Evaluator.EvaluateAsync(cv, date ?? new DateOnly(2024, 3, 1), bound, satser ?? SatsCatalog.Empty, lookups ?? LookupCatalog.Empty);
    }
}
