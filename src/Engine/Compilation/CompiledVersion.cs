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
public sealed record CompiledRow(TableRow Row, CompiledTest[] Tests, Func<object[], int> FirstFailing, CompiledValue[] Outputs)
{
    /// <summary>For a function's table, evaluated without RulesEngine: whether every cell of the row holds.</summary>
    public Func<object[], bool>? Matches { get; init; }
}

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

public sealed record CompiledDerived(DerivedValue Definition, CompiledValue Value)
{
    /// <summary>Set for a value computed per item of a list ("opsparing.bortfaldet").</summary>
    public CompiledItemValue? Item { get; init; }

    /// <summary>The list functions its expression holds, by index into <see cref="CompiledLists.Aggregates"/>, for the trace.</summary>
    public int[] Aggregates { get; init; } = [];

    /// <summary>The context decision this is an entry or the result of; null for a derived value of its own.</summary>
    public string? Context { get; init; }
}

/// <summary>A context decision: how its value is put together from its entries, and the list functions in them.</summary>
public sealed record CompiledContext(ContextDecision Definition, VersionCompiler.ContextShape Shape, int[] Aggregates);

/// <summary>One step of an evaluation: a derived value (or context part), a table, or a context's assembly, by index.</summary>
public readonly record struct EvaluationStep(VersionCompiler.NodeKind Kind, int Index);

/// <summary>
/// One published (or candidate) version compiled once: its typed context, its immutable RulesEngine instance with one
/// workflow per table, and the per-cell delegates for explanations. Shared by all requests; holds no per-request state.
/// </summary>
public sealed class CompiledVersion
{
    internal CompiledVersion(string rulesetId, RulesetVersion content, string hash, ContextType context,
        RulesEngine.RulesEngine engine, CompiledDerived[] derived, CompiledTable[] tables,
        IReadOnlySet<string> usedSats, IReadOnlySet<string> usedLookups, CompiledLists lists, CompiledCondition[] conditions, EvaluationStep[] order)
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
        Lists = lists;
        Facts = content.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        RequiredFacts = content.Facts.Where(f => f.Required).Select(f => f.Name).ToArray();
        // Setters resolved once here, so an evaluation does no name lookups for facts and derived values.
        FactSlots = content.Facts.Select(f => f.Type.IsStructured() ? null : context.Slot(f.Name)).ToArray();
        RecordSlots = content.Facts.Select(f => f.Type == ValueKind.Record
            ? (f.Fields ?? []).Select(x => context.Slot($"{f.Name}.{x.Name}")).ToArray()
            : null).ToArray();
        FactListIndex = content.Facts.Select(f => Array.FindIndex(lists.Lists, l => l.Fact.Name == f.Name)).ToArray();
        StructuredHasSlots = content.Facts.Select(f => f.Type.IsStructured() && !f.Required ? context.Slot(Emitter.HasProperty(f.Name)) : null).ToArray();
        DerivedSlots = derived.Select(d => d.Item is null ? context.Slot(d.Definition.Name) : null).ToArray();
        DecisionDateSlot = context.Slot(VersionCompiler.DecisionDate);
        EnvSlot = context.Slot(Emitter.EnvProperty);
        Order = order;
        Conditions = conditions;
        // Grouped once by checkpoint (before the first step, after each step of Order), so an evaluation only looks
        // at the conditions due at each point and a version without conditions pays nothing.
        ConditionsAt = new CompiledCondition[order.Length + 1][];
        for (var i = 0; i < ConditionsAt.Length; i++)
            ConditionsAt[i] = conditions.Where(c => c.Checkpoint == i).ToArray();
        ValueCount = 1 + content.Facts.Count + derived.Length + tables.Sum(t => t.Table.Outputs.Count) + (content.Contexts?.Count ?? 0);
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
    /// <summary>The conditions due at each checkpoint: [0] before the first step of Order, [s + 1] after step s.</summary>
    public CompiledCondition[][] ConditionsAt { get; }
    /// <summary>The context decisions, in declared order.</summary>
    public CompiledContext[] Contexts { get; init; } = [];
    /// <summary>The business knowledge models, by the index their invocations carry.</summary>
    public CompiledFunction[] Functions { get; init; } = [];
    /// <summary>Derived values, tables and contexts in the order their dependencies give.</summary>
    public EvaluationStep[] Order { get; }
    /// <summary>The version's list facts and list functions.</summary>
    public CompiledLists Lists { get; }
    /// <summary>Context setters per fact, in the order of Content.Facts; null for a list or record.</summary>
    public ContextSlot?[] FactSlots { get; }
    /// <summary>Per fact: a record's field setters in field order; null for anything else.</summary>
    public ContextSlot[]?[] RecordSlots { get; }
    /// <summary>Per fact: its list's index in <see cref="CompiledLists.Lists"/>, -1 for anything but a list.</summary>
    public int[] FactListIndex { get; }
    /// <summary>Per fact: the _has flag of an optional list or record; null for anything else.</summary>
    public ContextSlot?[] StructuredHasSlots { get; }
    /// <summary>Context setters per derived value, in the order of Derived; null for an item-derived value.</summary>
    public ContextSlot?[] DerivedSlots { get; }
    public ContextSlot DecisionDateSlot { get; }
    public ContextSlot EnvSlot { get; }
    /// <summary>How many named values an evaluation records at most (decisionDate, facts, derived, outputs).</summary>
    public int ValueCount { get; }
}
