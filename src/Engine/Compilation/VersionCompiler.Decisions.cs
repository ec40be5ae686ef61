using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Compilation;

// The decisions of a version: derived values (literal expressions), contexts and tables, each reading facts and other
// decisions by name, compiled in any order and evaluated in the order their dependencies give.
public static partial class VersionCompiler
{
    /// <summary>
    /// Declares every name first (facts, functions, derived values, context entries, table outputs), then emits each
    /// decision, orders them by what they read (a cycle is an error naming it), checks the outcome, and only when no
    /// error was found builds the RulesEngine instance and the explanation delegates.
    /// </summary>
    public static CompiledVersion Compile(string rulesetId, RulesetVersion version, SatsCatalog? satser = null, LookupCatalog? lookups = null)
    {
        var a = Analyse(version, new Declarations(satser, lookups));
        if (a.Names.Errors.Count > 0) throw new VersionCompilationException(a.Names.Errors);
        var compiled = Build(rulesetId, version, a.Names, a.Emitter, a.Derived, a.Contexts, a.Tables, a.Functions, a.Order, a.Conditions);
        WarmUp(compiled);
        return compiled;
    }

    /// <summary>
    /// Every error <see cref="Compile"/> would report for <paramref name="version"/>, with the same messages and places,
    /// but without building anything: cheap enough to run after each change in an editor. Sats and lookup references
    /// are checked against the keys given (null: not checked).
    /// </summary>
    public static IReadOnlyList<CellError> Check(RulesetVersion version, IEnumerable<string>? satsKeys, IEnumerable<string>? lookupKeys) =>
        Analyse(version, new Declarations(satsKeys, lookupKeys)).Names.Errors;

    private sealed record Analysis(Declarations Names, Emitter Emitter, List<DerivedCode> Derived, List<ContextCode> Contexts,
        List<TableCode> Tables, List<FunctionCode> Functions, Node[] Order, List<FactConditions.Code> Conditions);

    /// <summary>Declares, emits and orders every decision, recording each error found; what Compile builds from.</summary>
    private static Analysis Analyse(RulesetVersion version, Declarations names)
    {
        DeclareFacts(version, names);
        var functions = DeclareFunctions(version, names);
        DeclareDecisions(version, names);
        var emitter = new Emitter(names.Scope, ParameterName);
        var derived = new List<DerivedCode>();
        var contexts = new List<ContextCode>();
        var tables = new List<TableCode>();
        var nodes = EmitDecisions(version, names, emitter, derived, contexts, tables);
        var functionCode = EmitFunctions(version, names, functions);
        var order = Order(nodes, names);
        // Conditions on facts see the whole scope; each is checked as soon as the values it reads are known.
        var conditions = FactConditions.Emit(version, names.Scope, emitter, names.Errors);
        FactConditions.Schedule(conditions, order.Select(n => (IReadOnlySet<string>)n.Provides).ToList(),
            order.Select(n => Cells(n, derived, version)).ToList(), names.Errors);
        if (version.Derived.Count == 0 && version.Tables.Count == 0 && (version.Contexts?.Count ?? 0) == 0)
            names.Errors.Add(new CellError("(version)", "", "", 0, "Versionen har ingen beslutninger: hverken tabeller, afledte værdier eller kontekster.", ""));
        CheckOutcome(version, names);
        return new Analysis(names, emitter, derived, contexts, tables, functionCode, order, conditions);
    }

    /// <summary>
    /// The names a version's cells may read, declared exactly as compilation declares them (facts with their fields,
    /// functions, derived values, contexts, table outputs), for checking a cell as it is typed. The outputs of
    /// <paramref name="exceptOutputsOf"/> are left out: a table cannot read its own result.
    /// </summary>
    public static SymbolScope ScopeOf(RulesetVersion version, IEnumerable<string>? satsKeys, IEnumerable<string>? lookupKeys, string? exceptOutputsOf = null)
    {
        var names = new Declarations(satsKeys, lookupKeys);
        DeclareFacts(version, names);
        DeclareFunctions(version, names);
        DeclareDecisions(version with { Tables = version.Tables.Where(t => t.Id != exceptOutputsOf).ToList() }, names);
        return names.Scope;
    }

    /// <summary>
    /// The rings among a version's decisions (and decisions reading their own result), as the gate reports them, each
    /// with the names of the decisions in it; for the editor, which checks a cell as it is typed.
    /// </summary>
    public static IReadOnlyList<(CellError Error, IReadOnlyList<string> Decisions)> Rings(RulesetVersion version, IEnumerable<string>? satsKeys, IEnumerable<string>? lookupKeys)
    {
        var names = new Declarations(satsKeys, lookupKeys);
        DeclareFacts(version, names);
        DeclareFunctions(version, names);
        DeclareDecisions(version, names);
        var nodes = EmitDecisions(version, names, new Emitter(names.Scope, ParameterName), [], [], []);
        Order(nodes, names, out var rings);
        return rings;
    }

    private sealed record DerivedCode(DerivedValue Definition, Emitted? Code, Symbol? ItemOf, int[] Aggregates, string? Context);

    /// <summary>How a context's value is put together: a leaf is one computed value, a branch a record of its entries.</summary>
    public sealed record ContextShape(string Name, string Key, IReadOnlyList<ContextShape>? Entries);

    private sealed record ContextCode(ContextDecision Definition, ContextShape Shape);

    public enum NodeKind { Derived, Table, Context }

    /// <summary>One decision (or part of a context) in the dependency graph: what it is and the names it reads.</summary>
    private sealed record Node(NodeKind Kind, int Index, string Name, HashSet<string> Provides, HashSet<string> Uses);

    // ---------- declarations ----------

    /// <summary>Every name a decision gives, before any expression is emitted, so a decision may read one declared after it.</summary>
    private static void DeclareDecisions(RulesetVersion version, Declarations names)
    {
        foreach (var d in version.Derived)
        {
            if (d.Name.Contains('.')) names.DeclareItemValue(d);
            else names.Declare("en afledt værdi", d.Name, d.Type, d.Label, null, false, "(afledte værdier)", d.Name);
        }
        foreach (var c in version.Contexts ?? [])
            names.DeclareContext(c);
        var tableIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in version.Tables)
        {
            if (!tableIds.Add(t.Id))
                names.Errors.Add(new CellError(t.Id, "", "", 0, $"Tabel-id '{t.Id}' er brugt mere end én gang.", t.Id));
            if (t.ReturnsList) continue;
            foreach (var o in t.Outputs.Where(o => !o.Type.IsStructured()))
                names.Declare("et resultat", o.Name, o.Type, o.Label ?? o.Name, o.Values?.Select(v => v.Value).ToList(), true, t.Id, "(output)");
        }
    }

    // ---------- emission ----------

    /// <summary>Emits every decision with the names it reads recorded, for the dependency order.</summary>
    private static List<Node> EmitDecisions(RulesetVersion version, Declarations names, Emitter emitter,
        List<DerivedCode> derived, List<ContextCode> contexts, List<TableCode> tables)
    {
        var nodes = new List<Node>();
        foreach (var d in version.Derived)
        {
            var itemOf = d.Name.Contains('.') && names.Scope.TryGet(d.Name[..d.Name.IndexOf('.')], out var list) && list.Kind == ValueKind.List ? list : null;
            var code = EmitExpression(emitter, names, d, itemOf is null ? [] : [itemOf], "(afledte værdier)", d.Name, null);
            nodes.Add(new Node(NodeKind.Derived, derived.Count, d.Name, [d.Name], code.Uses));
            derived.Add(code.Code);
        }
        foreach (var c in version.Contexts ?? [])
        {
            if (!names.Scope.TryGet(c.Name, out var root)) continue;
            var shape = EmitContext(c, root, c.Entries, c.Result, [root], emitter, names, derived, nodes);
            nodes.Add(new Node(NodeKind.Context, contexts.Count, c.Name, [], [.. PartsOf(shape), .. c.Result is null ? Array.Empty<string>() : [c.Name]]));
            contexts.Add(new ContextCode(c, shape));
        }
        foreach (var t in version.Tables)
        {
            emitter.UsedNames.Clear();
            tables.Add(EmitTable(t, names.Scope, emitter, names.Errors));
            var provides = t.ReturnsList ? [] : t.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            nodes.Add(new Node(NodeKind.Table, tables.Count - 1, t.Id, provides, [.. emitter.UsedNames]));
        }
        return nodes;
    }

    /// <summary>One expression: a derived value, an item-derived value or a context's entry or result.</summary>
    private static (DerivedCode Code, HashSet<string> Uses) EmitExpression(Emitter emitter, Declarations names, DerivedValue d,
        List<Symbol> roots, string table, string row, string? context)
    {
        emitter.UsedNames.Clear();
        Emitted? e = null;
        var firstAggregate = emitter.Aggregates.Count;
        try
        {
            var expr = CellParser.ParseExpression(d.Expression, CellLimits.Expression);
            e = WithRoots(emitter, roots, 0, () => emitter.EmitValue(expr, d.Type, null, $"'{d.Name}'"));
        }
        catch (CellException ex) { names.Errors.Add(new CellError(table, row, d.Name, ex.Position, ex.Message, d.Expression)); }
        var aggregates = Enumerable.Range(firstAggregate, emitter.Aggregates.Count - firstAggregate).ToArray();
        var itemOf = roots.Count == 1 && roots[0].Kind == ValueKind.List ? roots[0] : null;
        return (new DerivedCode(d, e, itemOf, aggregates, context), [.. emitter.UsedNames]);
    }

    private static T WithRoots<T>(Emitter emitter, IReadOnlyList<Symbol> roots, int i, Func<T> emit) =>
        i == roots.Count ? emit() : emitter.WithRoot(roots[i], () => WithRoots(emitter, roots, i + 1, emit));

    /// <summary>
    /// A context's entries, each a node of its own read by the others by name; a nested context's entries the same one
    /// level down. Returns how the context's value is assembled.
    /// </summary>
    private static ContextShape EmitContext(ContextDecision decision, Symbol owner, IReadOnlyList<ContextEntry> entries, ContextResult? result,
        List<Symbol> roots, Emitter emitter, Declarations names, List<DerivedCode> derived, List<Node> nodes)
    {
        var shapes = new List<ContextShape>();
        foreach (var entry in entries)
        {
            var name = $"{owner.Name}.{entry.Name}";
            if (!names.Scope.TryGet(name, out var symbol)) continue;
            if (entry.Entries is { } inner)
            {
                var nested = EmitContext(decision, symbol, inner, entry.Result, [.. roots, symbol], emitter, names, derived, nodes);
                shapes.Add(entry.Result is null ? nested with { Key = entry.Name } : new ContextShape(name, entry.Name, null));
                continue;
            }
            var d = new DerivedValue
            {
                Name = name, Type = entry.Type ?? ValueKind.Decimal, Label = entry.Label ?? entry.Name, Description = entry.Description,
                Expression = entry.Expression ?? "", Unit = entry.Unit,
            };
            var code = EmitExpression(emitter, names, d, roots, "(kontekster)", decision.Name, decision.Name);
            nodes.Add(new Node(NodeKind.Derived, derived.Count, name, [name], code.Uses));
            derived.Add(code.Code);
            shapes.Add(new ContextShape(name, entry.Name, null));
        }
        if (result is not null)
        {
            var d = new DerivedValue { Name = owner.Name, Type = result.Type, Label = owner.Label, Expression = result.Expression, Unit = result.Unit };
            var code = EmitExpression(emitter, names, d, roots, "(kontekster)", decision.Name, decision.Name);
            nodes.Add(new Node(NodeKind.Derived, derived.Count, owner.Name, [owner.Name], code.Uses));
            derived.Add(code.Code);
            return new ContextShape(owner.Name, owner.Name, null);
        }
        return new ContextShape(owner.Name, owner.Name, shapes);
    }

    private static IEnumerable<string> PartsOf(ContextShape shape) =>
        shape.Entries is null ? [shape.Name] : shape.Entries.SelectMany(PartsOf);

    /// <summary>What a step evaluates, for the requiredWhen check: an expression, or a table's cells (input cells as tests).</summary>
    private static IEnumerable<(string Where, string Text, bool IsTest)> Cells(Node n, List<DerivedCode> derived, RulesetVersion version)
    {
        if (n.Kind == NodeKind.Derived)
        {
            var d = derived[n.Index];
            return [(d.Context is { } c ? $"konteksten '{c}'" : $"den afledte værdi '{n.Name}'", d.Definition.Expression, false)];
        }
        if (n.Kind != NodeKind.Table) return [];
        var t = version.Tables[n.Index];
        return t.Rows
            .SelectMany(r => r.When.Select(w => ($"tabel '{t.Id}', række '{r.Id}'", w, true))
                .Concat(r.Then.Select(x => ($"tabel '{t.Id}', række '{r.Id}'", x, false))))
            .Concat((t.Default ?? []).Select(x => ($"tabel '{t.Id}', standardresultatet", x, false)));
    }

    // ---------- order ----------

    /// <summary>
    /// The decisions in an order where each comes after those it reads; among the ready ones the declared order decides,
    /// so a version written in order is evaluated as written. A cycle is an error listing it.
    /// </summary>
    private static Node[] Order(List<Node> nodes, Declarations names) => Order(nodes, names, out _);

    private static Node[] Order(List<Node> nodes, Declarations names, out List<(CellError Error, IReadOnlyList<string> Decisions)> rings)
    {
        rings = [];
        var provider = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var n in nodes)
            foreach (var p in n.Provides) provider.TryAdd(p, n);
        var deps = nodes.ToDictionary(n => n, n => n.Uses.Select(u => provider.GetValueOrDefault(u)).OfType<Node>().Where(p => p != n).ToHashSet());
        foreach (var n in nodes.Where(n => n.Uses.Overlaps(n.Provides) && n.Kind != NodeKind.Context))
        {
            var error = new CellError("(version)", n.Name, "", 0, $"Beslutningen '{n.Name}' bruger sit eget resultat.", n.Name);
            names.Errors.Add(error);
            rings.Add((error, [n.Name]));
        }

        var done = new HashSet<Node>();
        var order = new List<Node>(nodes.Count);
        while (order.Count < nodes.Count)
        {
            var next = nodes.FirstOrDefault(n => !done.Contains(n) && deps[n].All(done.Contains));
            if (next is null)
            {
                var cycle = Cycle(nodes.Where(n => !done.Contains(n)).ToList(), deps);
                var error = new CellError("(version)", cycle[0].Name, "", 0,
                    $"Beslutningerne bruger hinanden i ring: {string.Join(" → ", cycle.Select(c => c.Name))}.", cycle[0].Name);
                names.Errors.Add(error);
                rings.Add((error, cycle.Select(c => c.Name).Distinct().ToList()));
                break;
            }
            done.Add(next);
            order.Add(next);
        }
        return [.. order];
    }

    /// <summary>One cycle among nodes that cannot be ordered: follow unfinished dependencies until a node repeats.</summary>
    private static List<Node> Cycle(List<Node> remaining, Dictionary<Node, HashSet<Node>> deps)
    {
        var path = new List<Node> { remaining[0] };
        while (true)
        {
            var next = deps[path[^1]].First(remaining.Contains);
            var at = path.IndexOf(next);
            if (at >= 0) return [.. path[at..], next];
            path.Add(next);
        }
    }
}
