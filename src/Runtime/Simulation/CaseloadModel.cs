using Serviceloven.Engine.Model;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// One case of a caseload: its row (the line a spreadsheet shows it on, header = row 1; in JSON Lines the line number),
/// its own decision date if the file gives one, and its facts as typed values. The facts live only while it is evaluated.
/// </summary>
public sealed record CaseloadCase(long Row, DateOnly? DecisionDate, Dictionary<string, object?> Facts);

/// <summary>A cell that did not bind: which row, which column (the header as written), and why, in Danish.</summary>
public sealed record RowError(long Row, string Field, string Message);

/// <summary>The file is refused before any result is kept: a CPR-like column, no known columns, a broken line.</summary>
public sealed class CaseloadRefusedException(string field, string message) : Exception(message)
{
    /// <summary>The column (header) or part of the file the refusal names.</summary>
    public string Field { get; } = field;
}

public enum CaseloadFormat { Csv, JsonLines }

/// <summary>
/// The facts a caseload's columns may name: every fact of every version the simulation may run, by name and by Danish
/// label (case-insensitive). A column named "decisionDate" or "afgørelsesdato" gives the row's own decision date.
/// </summary>
public sealed class CaseloadSchema
{
    private readonly Dictionary<string, FactDefinition> _byHeader = new(StringComparer.OrdinalIgnoreCase);

    public CaseloadSchema(IEnumerable<FactDefinition> facts)
    {
        foreach (var f in facts)
        {
            _byHeader.TryAdd(f.Name, f);
            _byHeader.TryAdd(f.Label, f);
        }
    }

    public static bool IsDecisionDate(string header) =>
        header.Trim() is var h && (h.Equals("decisionDate", StringComparison.OrdinalIgnoreCase) || h.Equals("afgørelsesdato", StringComparison.OrdinalIgnoreCase));

    public FactDefinition? Find(string header) => _byHeader.GetValueOrDefault(header.Trim());
}
