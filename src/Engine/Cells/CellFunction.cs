namespace Serviceloven.Engine.Cells;

/// <summary>What an argument of a cell function must be.</summary>
public enum ParameterKind
{
    Bool,
    Number,
    Date,
    Text,
    /// <summary>A sats key in quotes, checked against the known satser; the call also receives the evaluation's EvalEnv.</summary>
    SatsKey,
    /// <summary>A lookup table key in quotes, checked against the known tables; the call also receives the EvalEnv.</summary>
    LookupKey,
    /// <summary>A whole number of decimals from 0 to 10, written as a literal.</summary>
    Decimals,
    // The kinds below are read only by a function's own emitter (<see cref="CellFunction.Special"/>).
    /// <summary>Numbers or dates, all of the same type.</summary>
    NumberOrDate,
    /// <summary>Any type; the branches of if() must agree.</summary>
    Any,
    /// <summary>A date written as "ÅÅÅÅ-MM-DD".</summary>
    DateText,
    /// <summary>The name of a fact, derived value or earlier result.</summary>
    Name,
}

/// <summary>One parameter of a cell function: the name the help text shows, its kind, and whether it may be left out.</summary>
public sealed record CellParameter(string Name, ParameterKind Kind, bool Optional = false)
{
    /// <summary>The kind in the words the admin's help uses.</summary>
    public string Danish => Kind switch
    {
        ParameterKind.Bool => "ja/nej",
        ParameterKind.Number => "tal",
        ParameterKind.Date => "dato",
        ParameterKind.Text => "tekst",
        ParameterKind.SatsKey => "satsens nøgle i anførselstegn",
        ParameterKind.LookupKey => "opslagstabellens nøgle i anførselstegn",
        ParameterKind.Decimals => "antal decimaler, 0 til 10",
        ParameterKind.NumberOrDate => "tal eller dato",
        ParameterKind.Any => "en værdi",
        ParameterKind.DateText => "\"ÅÅÅÅ-MM-DD\"",
        _ => "et navn",
    };
}

/// <summary>
/// A function of the cell language. A plain function compiles to a call of the static <see cref="Compilation.Fn"/>
/// method named <see cref="Method"/> with its arguments in order (preceded by the EvalEnv when it takes a sats or
/// lookup key; an optional argument left out is left out of the call, so Fn has an overload without it). A function
/// that is not a plain call (a literal, a fold, a lazy branch, a flag) emits itself through <see cref="Special"/>.
/// </summary>
/// <param name="Result">The result type; null when it is the type of the arguments (min, max, if).</param>
/// <param name="Help">One line of Danish for the admin's help.</param>
public sealed record CellFunction(string Name, IReadOnlyList<CellParameter> Parameters, ExprType? Result, string? Method, string Help)
{
    /// <summary>The last parameter may repeat (min and max take any number from two).</summary>
    public bool Variadic { get; init; }

    /// <summary>Emits the call when it is not a plain call of <see cref="Method"/>; arity is checked before.</summary>
    internal Func<Emitter, Call, Emitted>? Special { get; init; }

    public int MinArgs => Parameters.Count(p => !p.Optional);

    /// <summary>The most arguments the function takes; null when there is no limit.</summary>
    public int? MaxArgs => Variadic ? null : Parameters.Count;

    /// <summary>How a call is written, for the help: <c>round(x, decimaler?)</c>, <c>min(a, b, ...)</c>.</summary>
    public string Usage =>
        $"{Name}({string.Join(", ", Parameters.Select(p => p.Optional ? p.Name + "?" : p.Name))}{(Variadic ? ", ..." : "")})";

    /// <summary>Whether the call receives the evaluation's EvalEnv first (satser and lookup tables live there).</summary>
    public bool UsesEnvironment => Parameters.Any(p => p.Kind is ParameterKind.SatsKey or ParameterKind.LookupKey);
}
