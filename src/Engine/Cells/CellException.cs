namespace Serviceloven.Engine.Cells;

/// <summary>A cell that does not parse or type-check. Position is 0-based; messages are Danish for legal staff.</summary>
public sealed class CellException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}

/// <summary>Where a cell error sits in a version: table, row, column and character.</summary>
public sealed record CellError(string Table, string Row, string Column, int Position, string Message, string Cell)
{
    public override string ToString() =>
        $"tabel '{Table}', række '{Row}', kolonne '{Column}', tegn {Position + 1}: {Message} (celle: {CellExcerpt})";

    /// <summary>The cell as messages quote it: a cell refused for its length is not repeated whole.</summary>
    public string CellExcerpt => Cell.Length <= ExcerptLength ? Cell : $"{Cell[..ExcerptLength]}… ({Cell.Length} tegn)";

    private const int ExcerptLength = 200;
}
