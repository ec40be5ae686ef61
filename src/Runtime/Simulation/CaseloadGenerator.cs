using System.Globalization;
using System.Text.Json;
using Serviceloven.Engine.Model;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// A seeded synthetic caseload for tests and benchmarks (no real caseload ever enters the repository): most rows start
/// from one of the ruleset's own test cases, moved to the decision date with their date facts (so ages stay what the
/// case meant), and have a few facts redrawn from the fact's domain; the rest are drawn from the domains alone. Written
/// as the Danish CSV a municipality would export: semicolons, decimal commas, DD-MM-ÅÅÅÅ, ja/nej, Danish labels as headers.
/// </summary>
public static class CaseloadGenerator
{
    public static void WriteCsv(TextWriter writer, IReadOnlyList<FactDefinition> facts, IReadOnlyList<TestCase> examples, int count, int seed, DateOnly decisionDate)
    {
        var random = new Random(seed);
        writer.Write("afgørelsesdato");
        foreach (var f in facts) { writer.Write(';'); writer.Write(f.Label.Replace(';', ',')); }
        writer.Write("\r\n");
        var date = decisionDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var example = examples.Count > 0 && random.NextDouble() < 0.85 ? examples[random.Next(examples.Count)] : null;
            var years = example is null ? 0 : decisionDate.Year - example.DecisionDate.Year;
            writer.Write(date);
            foreach (var f in facts)
            {
                writer.Write(';');
                var fromExample = example is not null && random.NextDouble() >= 0.08;
                if (fromExample && example!.Facts.TryGetValue(f.Name, out var value)) writer.Write(Cell(f, value, years));
                else if (!fromExample || f.Required) writer.Write(Draw(f, random, decisionDate));
            }
            writer.Write("\r\n");
        }
    }

    public static string Csv(IReadOnlyList<FactDefinition> facts, IReadOnlyList<TestCase> examples, int count, int seed, DateOnly decisionDate)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer, facts, examples, count, seed, decisionDate);
        return writer.ToString();
    }

    private static string Cell(FactDefinition f, JsonElement value, int years) => value.ValueKind switch
    {
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nej",
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.GetCultureInfo("da-DK")),
        JsonValueKind.String when f.Type == ValueKind.Date && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", out var d) =>
            d.AddYears(years).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!.Replace(';', ','),
        _ => "",
    };

    private static string Draw(FactDefinition f, Random random, DateOnly decisionDate) => f.Type switch
    {
        ValueKind.Bool => random.Next(2) == 0 ? "ja" : "nej",
        ValueKind.Int => random.Next(0, 40).ToString(CultureInfo.InvariantCulture),
        ValueKind.Decimal => (random.Next(0, 5_000_000) / 100m).ToString(CultureInfo.GetCultureInfo("da-DK")),
        ValueKind.Date => decisionDate.AddDays(-random.Next(0, 90 * 365)).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        ValueKind.Enum when f.Values is { Count: > 0 } vs => vs[random.Next(vs.Count)].Value,
        _ => "",
    };
}
