namespace Serviceloven.Engine.Cells;

/// <summary>Syntax of the cell language. Positions are 0-based character offsets into the cell text.</summary>
public abstract record Expr(int Pos);
public sealed record NumberLit(decimal Value, int Pos) : Expr(Pos);
public sealed record StringLit(string Value, int Pos) : Expr(Pos);
public sealed record BoolLit(bool Value, int Pos) : Expr(Pos);
public sealed record NullLit(int Pos) : Expr(Pos);
public sealed record Ident(string Name, int Pos) : Expr(Pos);
public sealed record Unary(string Op, Expr Operand, int Pos) : Expr(Pos);
public sealed record Binary(string Op, Expr Left, Expr Right, int Pos) : Expr(Pos);
public sealed record Call(string Function, IReadOnlyList<Expr> Args, int Pos) : Expr(Pos);
/// <summary><c>target.Name</c>: a field of a record or of a list's items. Pos is the name's, DotPos the '.'.</summary>
public sealed record Member(Expr Target, string Name, int DotPos, int Pos) : Expr(Pos);
/// <summary><c>source hvor condition</c>: the items of a list that meet the condition; only as the argument of a list function.</summary>
public sealed record Where(Expr Source, Expr Condition, int Pos) : Expr(Pos);

/// <summary>A unary test in an input cell (DMN style).</summary>
public abstract record Test(int Pos);
public sealed record AnyTest(int Pos) : Test(Pos);
public sealed record NullTest(int Pos) : Test(Pos);
/// <summary>Op is one of = != &lt; &lt;= &gt; &gt;=; a bare value is "=".</summary>
public sealed record CompareTest(string Op, Expr Value, int Pos) : Test(Pos);
public sealed record RangeTest(Expr Low, bool LowClosed, Expr High, bool HighClosed, int Pos) : Test(Pos);
/// <summary>Comma-separated tests: the cell matches when any of them does.</summary>
public sealed record AnyOfTest(IReadOnlyList<Test> Tests, int Pos) : Test(Pos);
public sealed record NotTest(Test Inner, int Pos) : Test(Pos);
