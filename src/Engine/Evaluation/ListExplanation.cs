using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Evaluation;

/// <summary>Why an item of a list counted or not, in the words of the condition and with the values it compared.</summary>
internal static class ListExplanation
{
    /// <param name="outcome">-1 when the item counted, else the index of the first part of the condition it did not meet.</param>
    public static string Why(CompiledAggregate aggregate, CompiledList list, object?[] row, sbyte outcome, IReadOnlyDictionary<string, object?> values)
    {
        var parts = aggregate.Meta.Parts;
        if (parts.Count == 0) return "talt med: alle poster tælles";
        if (outcome >= 0)
        {
            var failed = parts[outcome];
            return $"ikke talt med: {failed.Text} holder ikke ({Values(failed, list, row, values)})";
        }
        var shown = string.Join(", ", parts.Select(p => Values(p, list, row, values)).Where(v => v.Length > 0).Distinct());
        return $"talt med: {string.Join(" og ", parts.Select(p => p.Text))} holder ({shown})";
    }

    /// <summary>"Måned 1. januar 2019, Opgørelsesmåned 1. juli 2019": the item's fields first, then the other names.</summary>
    private static string Values(Cells.ConditionPart part, CompiledList list, object?[] row, IReadOnlyDictionary<string, object?> values)
    {
        var shown = new List<string>(part.ItemFields.Count + part.OuterNames.Count);
        foreach (var (name, label) in part.ItemFields)
        {
            var column = list.Column(name[(list.Fact.Name.Length + 1)..]);
            shown.Add($"{label} {DanishFormat.Value(column >= 0 ? row[column] : null)}");
        }
        foreach (var (name, label) in part.OuterNames)
            shown.Add($"{label} {DanishFormat.Value(values.GetValueOrDefault(name))}");
        return string.Join(", ", shown);
    }
}
