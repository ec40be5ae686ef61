using FsCheck;
using FsCheck.Fluent;
using Serviceloven.Engine.Cells;

namespace Serviceloven.Adversarial.Tests.EngineFuzz;

/// <summary>FsCheck generators for cells: from the cell language's grammar, from its tokens at random, and mutated.</summary>
public static class CellGenerators
{
    /// <summary>The facts of the fuzz version, by name and type (see CellFuzzTests.Version).</summary>
    public static readonly string[] Facts = ["age", "amount", "birth", "flag", "kind", "name"];

    /// <summary>Names that lead to .NET, Dynamic LINQ or Scriban if anything let them through.</summary>
    public static readonly string[] Forbidden =
    [
        "GetType", "typeof", "System", "import", "include", "new", "np", "it", "iif", "Activator", "Assembly", "Environment",
        "Math", "Convert", "DateTime", "String", "Object", "Type", "root", "parent", "_env", "f", "Fn", "Invoke", "Reflection",
        "Process", "File", "AppDomain", "decisiondate", "DateOnly", "as", "is", "cast", "oftype",
    ];

    private static readonly string[] Numbers = ["0", "1", "18", "67", "1.5", "0.25", "100", "99999999999999999999999999999", "79228162514264337593543950335", "0000001", "1.", ".5"];
    private static readonly string[] Strings = ["\"physical\"", "\"mental\"", "\"x\"", "\"\"", "\"a\\\"b\"", "\"" + new string('z', 200) + "\"", "\"æøå\""];
    private static readonly string[] Symbols = ["+", "-", "*", "/", "<", "<=", ">", ">=", "=", "==", "!=", "..", ",", "(", ")", "[", "]", "{", "}"];
    private static readonly string[] Odd = [".", "@", "$", "#", "\\", "'", "`", ";", ":", "?", "!", "%", "&", "|", "^", "~", "\0", "\ud800", "\u202E", "\n", "=>", "::", "?."];
    private static readonly string[] Keywords = ["and", "or", "not", "null", "true", "false", "-"];

    private static Gen<string> Atom() => Gen.Frequency(
        (4, Gen.Elements(Numbers)), (2, Gen.Elements(Strings)), (5, Gen.Elements(Facts)), (1, Gen.Elements("true", "false", "null", "decisionDate")),
        (2, Gen.Elements(CellFunctions.Names.ToArray()).Select(f => f + "(" + (f == "sats" ? "\"sel-madservice.hovedretMaks\"" : "age") + ")")),
        (1, Gen.Elements("date(\"2024-02-29\")", "date(\"2023-02-29\")", "date(\"0001-01-01\")", "date(\"9999-12-31\")", "date(\"x\")")),
        (2, Gen.Elements(Forbidden)));

    /// <summary>An expression of the language, nested up to <paramref name="depth"/>.</summary>
    public static Gen<string> Expression(int depth) => depth <= 0 ? Atom() : Gen.Frequency(
        (3, Atom()),
        (3, from l in Expression(depth - 1) from op in Gen.Elements("+", "-", "*", "/", "<", ">=", "=", "!=", "and", "or") from r in Expression(depth - 1) select $"{l} {op} {r}"),
        (2, from f in Gen.Elements([.. CellFunctions.Names, .. Forbidden]) from args in Expression(depth - 1).ArrayOf() select $"{f}({string.Join(", ", args.Take(4))})"),
        (1, Expression(depth - 1).Select(e => $"({e})")),
        (1, Expression(depth - 1).Select(e => $"not {e}")),
        (1, Expression(depth - 1).Select(e => $"-{e}")),
        (1, from e in Expression(depth - 1) from member in Gen.Elements(Forbidden) select $"{e}.{member}()"));

    /// <summary>An input cell: '-', a comparison, a range, a list, not(...), null.</summary>
    public static Gen<string> Test(int depth) => depth <= 0 ? Gen.Elements("-", "< 18", "null", "\"physical\"") : Gen.Frequency(
        (2, Gen.Constant("-")),
        (4, from op in Gen.Elements("<", "<=", ">", ">=", "=", "!=", "") from e in Expression(Math.Min(depth, 2)) select $"{op} {e}".Trim()),
        (3, from open in Gen.Elements("[", "(", "]") from lo in Expression(1) from hi in Expression(1) from close in Gen.Elements("]", ")", "[") select $"{open}{lo}..{hi}{close}"),
        (2, from items in Gen.Elements(Strings).ArrayOf() select string.Join(",", items.Take(5))),
        (1, Test(depth - 1).Select(t => $"not({t})")),
        (1, Gen.Constant("null")));

    /// <summary>Tokens of the language and odd characters strung together at random.</summary>
    public static Gen<string> Soup() =>
        Gen.Frequency((3, Atom()), (3, Gen.Elements(Symbols)), (1, Gen.Elements(Odd)), (1, Gen.Elements(Keywords)))
            .ArrayOf().Select(tokens => string.Join(" ", tokens.Take(30)));

    /// <summary>A grammatical cell with one character inserted, deleted or replaced.</summary>
    public static Gen<string> Mutated(Gen<string> cell) =>
        from text in cell
        from at in Gen.Choose(0, 1000)
        from how in Gen.Choose(0, 2)
        from c in Gen.Elements([.. Symbols, .. Odd, "\"", "a", "1"])
        select Mutate(text, text.Length == 0 ? 0 : at % text.Length, how, c);

    private static string Mutate(string s, int at, int how, string c) => how switch
    {
        0 => s.Insert(at, c),
        1 when s.Length > 0 => s.Remove(at, 1),
        _ when s.Length > 0 => s.Remove(at, 1).Insert(at, c),
        _ => c,
    };

    public enum Place { Input, Output, Derived }

    public sealed record Cell(Place Place, int Column, string Text);

    public static Gen<Cell> Any() => Gen.Frequency(
        (4, from col in Gen.Choose(0, Facts.Length - 1) from t in Gen.OneOf(Test(3), Mutated(Test(2))) select new Cell(Place.Input, col, t)),
        (3, from t in Gen.OneOf(Expression(3), Mutated(Expression(2))) select new Cell(Place.Output, 1, t)),
        (2, from t in Gen.OneOf(Expression(3), Mutated(Expression(2))) select new Cell(Place.Derived, 0, t)),
        (2, from col in Gen.Choose(0, Facts.Length - 1) from t in Soup() select new Cell(Place.Input, col, t)),
        (1, from t in Soup() select new Cell(Place.Output, 1, t)));
}
