using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Dmn;

public enum DmnProblemSeverity
{
    /// <summary>The model cannot be imported as it stands; no version is produced.</summary>
    Error,
    /// <summary>Something in the model was left out (a constraint the table model cannot hold); the version is still produced.</summary>
    Warning,
}

/// <summary>A construct of the DMN model the importer does not support, named by its element and id.</summary>
public sealed record DmnImportProblem(DmnProblemSeverity Severity, string Element, string? ElementId, string Message)
{
    public override string ToString() =>
        $"{(Severity == DmnProblemSeverity.Error ? "Fejl" : "Advarsel")}: <{Element}>{(ElementId is null ? "" : $" id '{ElementId}'")}: {Message}";
}

/// <summary>An output of an imported decision: its DMN name and the identifier it has in the version.</summary>
public sealed record DmnOutput(string DmnName, string Name);

public enum DmnDecisionKind
{
    Table,
    Expression,
    /// <summary>A context without a result entry: its value is the structure of its entries, one derived value each (the outputs).</summary>
    Context,
}

/// <summary>One DMN decision imported as one decision table (TableId) or one derived value (TableId is its name).</summary>
public sealed record DmnDecision(string? ElementId, string DmnName, string TableId, IReadOnlyList<DmnOutput> Outputs, bool ReturnsList)
{
    public DmnDecisionKind Kind { get; init; } = DmnDecisionKind.Table;

    /// <summary>Set for a decision of a FEEL duration type: its decimal value is that many months or seconds.</summary>
    public DmnDuration? Duration { get; init; }

    /// <summary>Derived values the decision's value is computed from besides TableId (a context's entries).</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>True when the decision's value is a structure with one component per output.</summary>
    public bool IsCompound => Outputs.Count > 1;
}

/// <summary>What <see cref="DmnImporter"/> made of a model: the version (null when an error was found), the problems, and the name mapping.</summary>
public sealed record DmnImport
{
    public RulesetVersion? Version { get; init; }
    public IReadOnlyList<DmnImportProblem> Problems { get; init; } = [];
    /// <summary>DMN input name (the inputExpression text) to fact name.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<DmnDecision> Decisions { get; init; } = [];
    /// <summary>In a partial import, the decisions left out, by DMN name, with why.</summary>
    public IReadOnlyDictionary<string, string> Refused { get; init; } = new Dictionary<string, string>();
    /// <summary>The decisions each decision reads (by DMN name), directly or as a table input.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Requires { get; init; } = new Dictionary<string, IReadOnlySet<string>>();
    /// <summary>The facts each decision reads itself (by DMN name); with <see cref="Requires"/>, the facts a decision needs.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Reads { get; init; } = new Dictionary<string, IReadOnlySet<string>>();
    public bool Succeeded => Version is not null;
}
