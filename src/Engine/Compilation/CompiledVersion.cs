using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

/// <summary>A value cell compiled once: a constant, or a delegate over the context.</summary>
public sealed class CompiledValue(string text, bool isConstant, object? constant, Func<object[], object?>? fn)
{
    public string Text { get; } = text;
    public bool IsConstant { get; } = isConstant;
    public object? Evaluate(object[] args) => IsConstant ? constant : fn!(args);
}

/// <summary>An input cell other than '-', as the trace reports it when it is the first cell of its row that fails.</summary>
public sealed record CompiledTest(int InputIndex, string Text)
{
    /// <summary>"label skal være ja, var " built once in Danish; the trace appends the actual value.</summary>
    public string FailurePrefix { get; init; } = "";

    /// <summary>How the input's actual value reads (its unit, the labels of its choices).</summary>
    public NameWording Input { get; init; } = new("", null, null, "ingen værdi");

    /// <summary>Other values the cell compares with (names and satser); the trace shows theirs as well.</summary>
    public ComparedValue[] Compared { get; init; } = [];
}

/// <summary>
/// A row: its cells, its output cells, and one delegate giving the index of the first cell that fails (-1 when all
/// hold). One delegate per row rather than per cell keeps start-up compilation proportional to rows.
/// </summary>
public sealed record CompiledRow(TableRow Row, CompiledTest[] Tests, Func<object[], int> FirstFailing, CompiledValue[] Outputs);

public sealed record CompiledTable(
    DecisionTable Table,
    string WorkflowName,
    CompiledRow[] Rows,
    CompiledValue[]? Default,
    string[] InputLabels,
    /// <summary>Per output: value to priority rank (0 = highest), for PRIORITY and OUTPUT ORDER.</summary>
    Dictionary<string, int>?[] OutputPriorities,
    /// <summary>The output names later tables can read (scalar outputs only).</summary>
    bool ExposesOutputs);

public sealed record CompiledDerived(DerivedValue Definition, CompiledValue Value);

/// <summary>
/// One published (or candidate) version compiled once: its typed context, its immutable RulesEngine instance with one
/// workflow per table, and the per-cell delegates for explanations. Shared by all requests; holds no per-request state.
/// </summary>
public sealed class CompiledVersion
{
    internal CompiledVersion(string rulesetId, RulesetVersion content, string hash, ContextType context,
        RulesEngine.RulesEngine engine, CompiledDerived[] derived, CompiledTable[] tables,
        IReadOnlySet<string> usedSats, IReadOnlySet<string> usedLookups, CompiledCondition[] conditions)
    {
        RulesetId = rulesetId;
        Content = content;
        Hash = hash;
        Context = context;
        Engine = engine;
        Derived = derived;
        Tables = tables;
        UsedSats = usedSats;
        UsedLookups = usedLookups;
        Facts = content.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        RequiredFacts = content.Facts.Where(f => f.Required).Select(f => f.Name).ToArray();
        // Setters resolved once here, so an evaluation does no name lookups for facts and derived values.
        FactSlots = content.Facts.Select(f => context.Slot(f.Name)).ToArray();
        DerivedSlots = derived.Select(d => context.Slot(d.Definition.Name)).ToArray();
        DecisionDateSlot = context.Slot(VersionCompiler.DecisionDate);
        EnvSlot = context.Slot(Emitter.EnvProperty);
        Conditions = conditions;
        // Grouped once by checkpoint (before derived values, after them, after each table), so an evaluation only
        // looks at the conditions due at each point and a version without conditions pays nothing.
        ConditionsAt = new CompiledCondition[tables.Length + 2][];
        for (var i = 0; i < ConditionsAt.Length; i++)
            ConditionsAt[i] = conditions.Where(c => c.Checkpoint == i).ToArray();
        ValueCount = 1 + content.Facts.Count + derived.Length + tables.Sum(t => t.Table.Outputs.Count);
    }

    public string RulesetId { get; }
    public RulesetVersion Content { get; }
    public string Hash { get; }
    public DateOnly ValidFrom => Content.ValidFrom;
    public ContextType Context { get; }
    public RulesEngine.RulesEngine Engine { get; }
    public CompiledDerived[] Derived { get; }
    public CompiledTable[] Tables { get; }
    public IReadOnlySet<string> UsedSats { get; }
    public IReadOnlySet<string> UsedLookups { get; }
    public IReadOnlyDictionary<string, FactDefinition> Facts { get; }
    public string[] RequiredFacts { get; }
    /// <summary>The requiredWhen conditions of optional facts, in the order of Content.Facts.</summary>
    public CompiledCondition[] Conditions { get; }
    /// <summary>The conditions due at each checkpoint: [0] before derived values, [1] after them, [2 + k] after table k.</summary>
    public CompiledCondition[][] ConditionsAt { get; }
    /// <summary>Context setters per fact, in the order of Content.Facts.</summary>
    public ContextSlot[] FactSlots { get; }
    /// <summary>Context setters per derived value, in the order of Derived.</summary>
    public ContextSlot[] DerivedSlots { get; }
    public ContextSlot DecisionDateSlot { get; }
    public ContextSlot EnvSlot { get; }
    /// <summary>How many named values an evaluation records at most (decisionDate, facts, derived, outputs).</summary>
    public int ValueCount { get; }
}
