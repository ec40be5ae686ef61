using System.Globalization;

namespace Serviceloven.Engine.Cells;

/// <summary>
/// Writes an expression back as cell text, with the parentheses its structure needs and no more. The trace quotes
/// parts of a condition this way, and the DMN importer writes the expressions it translates.
/// </summary>
public static class CellText
{
    public static string Print(Expr e) => Print(e, 0);

    // Precedence from loosest to tightest: or, and, not, comparison, + -, * /, unary minus, primary.
    private static int Level(Expr e) => e switch
    {
        Binary { Op: "or" } => 1,
        Binary { Op: "and" } => 2,
        Unary { Op: "not" } => 3,
        Binary { Op: "=" or "!=" or "<" or "<=" or ">" or ">=" } => 4,
        Binary { Op: "+" or "-" } => 5,
        Binary { Op: "*" or "/" } => 6,
        Unary => 7,
        NumberLit { Value: < 0 } => 7,
        _ => 8,
    };

    private static string Print(Expr e, int context)
    {
        var text = e switch
        {
            NumberLit n => n.Value.ToString(CultureInfo.InvariantCulture),
            StringLit s => Emitter.StringCode(s.Value),
            BoolLit b => b.Value ? "true" : "false",
            NullLit => "null",
            Ident id => id.Name,
            Member m => $"{Print(m.Target, 8)}.{m.Name}",
            Unary { Op: "not" } u => $"not {Print(u.Operand, 3)}",
            Unary u => $"{u.Op}{Print(u.Operand, 7)}",
            // Left-associative: the right operand of the same level needs parentheses ("a - (b - c)"); a comparison
            // takes no comparison as an operand on either side.
            Binary b => $"{Print(b.Left, Level(b) == 4 ? 5 : Level(b))} {b.Op} {Print(b.Right, Level(b) + (Level(b) >= 4 ? 1 : 0))}",
            Call c => $"{c.Function}({string.Join(", ", c.Args.Select(a => Print(a, 0)))})",
            Where w => $"{Print(w.Source, 1)} {CellParser.Where} {Print(w.Condition, 0)}",
            _ => throw new ArgumentException($"Ukendt udtryk {e.GetType().Name}."),
        };
        return Level(e) < context ? $"({text})" : text;
    }
}
