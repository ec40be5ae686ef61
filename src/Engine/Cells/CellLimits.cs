namespace Serviceloven.Engine.Cells;

/// <summary>
/// The limits of the cell language, checked by <see cref="CellParser"/> and <see cref="Emitter"/> before any code reaches
/// Dynamic LINQ: its parser recurses once per nesting level, and a stack overflow ends the process, uncatchably. The
/// limits are far above what rules need (the longest shipped cell has 218 characters and nests 9 deep).
/// </summary>
public sealed class CellLimits
{
    /// <summary>Characters of a table cell.</summary>
    public const int MaxCellLength = 2_000;

    /// <summary>Characters of a derived value's expression.</summary>
    public const int MaxExpressionLength = 8_000;

    /// <summary>Terms (numbers, texts, names, calls) in one cell or expression.</summary>
    public const int MaxTerms = 500;

    /// <summary>
    /// Levels of nesting: parentheses, calls, operators. A chain of +, -, *, /, and, or longer than
    /// <see cref="MaxUnbalancedChain"/> is parsed as a balanced tree, so a long sum costs log2(terms) levels.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>A chain this long or shorter keeps its left-to-right grouping exactly as written.</summary>
    public const int MaxUnbalancedChain = 8;

    /// <summary>Input columns of a decision table: a row's explanation nests one level per input.</summary>
    public const int MaxTableInputs = 64;

    private CellLimits(int maxLength, string tooLong, string tooManyTerms, string tooDeep)
    {
        MaxLength = maxLength;
        TooLong = tooLong;
        TooManyTerms = tooManyTerms;
        TooDeep = tooDeep;
    }

    /// <summary>A table cell (input test or output expression).</summary>
    public static CellLimits Cell { get; } = new(MaxCellLength,
        $"Cellen er for lang: højst {MaxCellLength} tegn.",
        $"Cellen har for mange led: højst {MaxTerms}.",
        $"Cellen er for dybt indlejret: højst {MaxDepth} niveauer.");

    /// <summary>A derived value's expression.</summary>
    public static CellLimits Expression { get; } = new(MaxExpressionLength,
        $"Udtrykket er for langt: højst {MaxExpressionLength} tegn.",
        $"Udtrykket har for mange led: højst {MaxTerms}.",
        $"Udtrykket er for dybt indlejret: højst {MaxDepth} niveauer.");

    public int MaxLength { get; }
    public string TooLong { get; }
    public string TooManyTerms { get; }
    public string TooDeep { get; }

    /// <summary>The message when the emitted code nests deeper than <see cref="MaxDepth"/> (the emitter serves cells and expressions alike).</summary>
    public static string TooDeepCode => $"Udtrykket er for dybt indlejret: højst {MaxDepth} niveauer.";
}
