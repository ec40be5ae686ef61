using System.Text.Json;
using System.Text.RegularExpressions;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>What a structure edit did, or why it was refused, in Danish.</summary>
public sealed record StructureResult(bool Ok, string Message)
{
    public static StructureResult Done(string message) => new(true, message);
    public static StructureResult Refused(string message) => new(false, message);

    /// <summary>A refusal naming every place the thing is used.</summary>
    public static StructureResult InUse(string what, string action, IReadOnlyList<string> uses) =>
        Refused($"{what} kan ikke {action}, fordi det bruges {(uses.Count == 1 ? "ét sted" : $"{uses.Count} steder")}: {string.Join("; ", uses.Distinct())}.");
}

/// <summary>
/// The structure edits of a draft: facts, enum values, derived values, tables, their inputs, outputs and hit policy,
/// the default output and the version's outcome. A rename rewrites every reference in the draft (cells, inputs,
/// expressions, the outcome, the templates' facts.x / derived.x / outputs.x and the test cases of the draft's period)
/// or is refused naming the places it cannot rewrite; a removal is refused naming where the thing is used. Nothing
/// here touches the UI, so every edit is tested without it.
/// </summary>
public sealed partial class StructureEditor(DraftDocument doc, DateOnly? periodEnd = null)
{
    private EditableVersion V => doc.Version;
    private readonly NameUses _uses = new(doc, periodEnd);

    public NameUses Uses => _uses;

    // ---------- names ----------

    /// <summary>Null when <paramref name="name"/> can be declared (as something other than <paramref name="current"/>), else why not.</summary>
    public string? CheckNewName(string name, string? current = null)
    {
        name = name.Trim();
        if (name.Length == 0) return "Skriv et teknisk navn, fx fødselsdato som birthDate.";
        if (!VersionCompiler.IsUsableName(name))
            return $"'{name}' kan ikke bruges som navn: det skal begynde med et lille bogstav og kun have bogstaverne a-z, A-Z og tal (camelCase, fx harHjaelpeordning), og det må ikke være et reserveret ord eller en funktion.";
        if (name != current && (V.DeclaredNames().Contains(name) || name == VersionCompiler.DecisionDate))
            return $"Navnet '{name}' er allerede brugt i versionen.";
        return null;
    }

    /// <summary>The names a table can test: facts, derived values and the outputs of earlier tables that give one value.</summary>
    public IReadOnlyList<(string Name, string Label)> NamesBefore(EditableTable table)
    {
        var names = new List<(string, string)>();
        names.AddRange(V.Facts.Select(f => (f.Name, f.Label)));
        names.AddRange(V.Derived.Select(d => (d.Name, d.Label)));
        foreach (var t in V.Tables)
        {
            if (ReferenceEquals(t, table)) break;
            if (!t.ReturnsList) names.AddRange(t.Outputs.Select(o => (o.Name, o.Label ?? o.Name)));
        }
        names.Add((VersionCompiler.DecisionDate, "Afgørelsesdato"));
        return names;
    }

    /// <summary>Renames a fact, derived value or output everywhere in the draft, or refuses and says where it cannot.</summary>
    private StructureResult RenameSymbol(string what, string from, string to, Action setName)
    {
        to = to.Trim();
        if (from == to) return StructureResult.Done("Navnet er uændret.");
        if (CheckNewName(to, from) is { } problem) return StructureResult.Refused(problem);
        var blocked = _uses.TemplateUsesNotRewritable(from);
        if (blocked.Count > 0)
            return StructureResult.Refused($"{what} kan ikke omdøbes automatisk, fordi skabelonerne nævner '{from}' på en måde, der ikke kan rettes sikkert: {string.Join("; ", blocked)}. Ret skabelonerne først (brug facts.{from}, derived.{from} eller outputs.{from}).");
        setName();
        var changed = 0;
        foreach (var f in V.Facts.Where(f => f.RequiredWhen is not null)) changed += Rewrite(f.RequiredWhen!, from, to, v => f.RequiredWhen = v);
        foreach (var d in V.Derived) changed += Rewrite(d.Expression, from, to, v => d.Expression = v);
        foreach (var t in V.Tables)
        {
            foreach (var i in t.Inputs.Where(i => i.Name == from)) { i.Name = to; changed++; }
            foreach (var r in t.Rows)
            {
                for (var c = 0; c < r.When.Count; c++) { var k = c; changed += Rewrite(r.When[k], from, to, v => r.When[k] = v); }
                for (var c = 0; c < r.Then.Count; c++) { var k = c; changed += Rewrite(r.Then[k], from, to, v => r.Then[k] = v); }
            }
            if (t.Default is { } def)
                for (var c = 0; c < def.Count; c++) { var k = c; changed += Rewrite(def[k], from, to, v => def[k] = v); }
        }
        if (V.Outcome == from) { V.Outcome = to; changed++; }
        if (V.Outputs is { } outs) for (var i = 0; i < outs.Count; i++) if (outs[i] == from) { outs[i] = to; changed++; }
        var dotted = NameUses.DottedReference(from);
        foreach (var t in doc.Templates)
        {
            var text = dotted.Replace(t.Text, m => m.Groups[1].Value + "." + to);
            if (text != t.Text) { t.Text = text; changed++; }
        }
        var cases = RewriteCases(c => RenameInCase(c, from, to));
        return StructureResult.Done($"{what} hedder nu '{to}'. {changed} henvisning(er) i regler og skabeloner og {cases} testcase(s) er rettet.");
    }

    private static int Rewrite(string text, string from, string to, Action<string> set)
    {
        var renamed = CellText.RenameName(text, from, to);
        if (renamed == text) return 0;
        set(renamed);
        return 1;
    }

    /// <summary>Applies <paramref name="change"/> to every test case of the draft's period; returns how many changed.</summary>
    private int RewriteCases(Func<TestCase, TestCase> change)
    {
        var count = 0;
        for (var f = 0; f < doc.Tests.Count; f++)
        {
            var file = doc.Tests[f];
            var cases = file.Suite.Cases.Select(c =>
            {
                if (!_uses.InPeriod(c)) return c;
                var updated = change(c);
                if (!ReferenceEquals(updated, c)) count++;
                return updated;
            }).ToList();
            doc.Tests[f] = file with { Suite = file.Suite with { Cases = cases } };
        }
        return count;
    }

    private static TestCase RenameInCase(TestCase c, string from, string to)
    {
        var facts = RenameKey(c.Facts, from, to);
        var notes = c.Notes is null ? null : RenameKey(c.Notes, from, to);
        var outputs = c.Expect.Outputs is null ? null : RenameKey(c.Expect.Outputs, from, to);
        var missing = c.Expect.MissingFacts?.Contains(from) == true ? c.Expect.MissingFacts.Select(m => m == from ? to : m).ToList() : c.Expect.MissingFacts;
        if (ReferenceEquals(facts, c.Facts) && ReferenceEquals(notes, c.Notes) && ReferenceEquals(outputs, c.Expect.Outputs) && ReferenceEquals(missing, c.Expect.MissingFacts))
            return c;
        return c with { Facts = facts, Notes = notes, Expect = c.Expect with { Outputs = outputs, MissingFacts = missing } };
    }

    /// <summary>The dictionary with the key renamed in place (order kept, so the file changes only there); the same instance when absent.</summary>
    private static Dictionary<string, T> RenameKey<T>(Dictionary<string, T> d, string from, string to) =>
        d.ContainsKey(from) ? d.ToDictionary(kv => kv.Key == from ? to : kv.Key, kv => kv.Value) : d;

    // ---------- facts ----------

    public StructureResult AddFact(string name, ValueKind type, string label)
    {
        if (CheckNewName(name) is { } problem) return StructureResult.Refused(problem);
        if (string.IsNullOrWhiteSpace(label)) return StructureResult.Refused("Skriv faktummets betegnelse, som sagsbehandleren ser den.");
        V.Facts.Add(new EditableFact { Name = name.Trim(), Type = type, Label = label.Trim() });
        return StructureResult.Done($"Faktummet »{label.Trim()}« ({name.Trim()}) er tilføjet.");
    }

    public StructureResult RenameFact(EditableFact fact, string newName) =>
        RenameSymbol($"Faktummet »{fact.Label}«", fact.Name, newName, () => fact.Name = newName.Trim());

    /// <summary>Removes a fact that nothing uses; its values in the test cases of the draft's period go with it.</summary>
    public StructureResult RemoveFact(EditableFact fact)
    {
        var uses = _uses.Of(fact.Name);
        if (uses.Count > 0) return StructureResult.InUse($"Faktummet »{fact.Label}« ({fact.Name})", "slettes", uses);
        V.Facts.Remove(fact);
        var cases = RewriteCases(c => c.Facts.ContainsKey(fact.Name) || c.Notes?.ContainsKey(fact.Name) == true
            ? c with { Facts = c.Facts.Where(kv => kv.Key != fact.Name).ToDictionary(), Notes = c.Notes?.Where(kv => kv.Key != fact.Name).ToDictionary() is { Count: > 0 } n ? n : null }
            : c);
        return StructureResult.Done($"Faktummet »{fact.Label}« er slettet{(cases > 0 ? $", og dets værdi er fjernet fra {cases} testcase(s)" : "")}.");
    }

    public void MoveFact(EditableFact fact, int delta) => Move(V.Facts, fact, delta);

    // ---------- enum values (of a fact or an output) ----------

    public StructureResult AddValue(List<EditableEnumValue> values, string value, string? label)
    {
        value = value.Trim();
        if (value.Length == 0) return StructureResult.Refused("Skriv værdien (koden), fx bevilget.");
        if (value.Contains('"') || value.Contains('\\')) return StructureResult.Refused("En værdi kan ikke indeholde anførselstegn eller \\.");
        if (values.Any(v => v.Value.Trim() == value)) return StructureResult.Refused($"Værdien '{value}' findes allerede.");
        values.Add(new EditableEnumValue { Value = value, Label = EditableFact.Blank(label) });
        return StructureResult.Done($"Værdien '{value}' er tilføjet.");
    }

    /// <summary>Renames an enum value of <paramref name="owner"/> in its columns, expressions, defaults and test cases.</summary>
    public StructureResult RenameValue(string owner, List<EditableEnumValue> values, EditableEnumValue value, string newValue, EditableTable? outputTable = null)
    {
        newValue = newValue.Trim();
        var old = value.Value.Trim();
        if (old == newValue) return StructureResult.Done("Værdien er uændret.");
        if (newValue.Length == 0 || newValue.Contains('"') || newValue.Contains('\\')) return StructureResult.Refused("Skriv en værdi uden anførselstegn og \\.");
        if (values.Any(v => v != value && v.Value.Trim() == newValue)) return StructureResult.Refused($"Værdien '{newValue}' findes allerede.");
        var blocked = _uses.TemplateUses(old, includeRewritable: false, literalOnly: true);
        if (blocked.Count > 0)
            return StructureResult.Refused($"Værdien '{old}' kan ikke omdøbes automatisk, fordi skabelonerne sammenligner med den: {string.Join("; ", blocked)}. Ret skabelonerne først.");
        value.Value = newValue;
        var changed = 0;
        foreach (var f in V.Facts.Where(f => f.RequiredWhen is { } w && CellText.UsesName(w, owner)))
            changed += RewriteText(f.RequiredWhen!, old, newValue, v => f.RequiredWhen = v);
        foreach (var d in V.Derived)
            if (CellText.UsesName(d.Expression, owner)) changed += RewriteText(d.Expression, old, newValue, v => d.Expression = v);
        foreach (var t in V.Tables)
        {
            foreach (var r in t.Rows)
            {
                for (var c = 0; c < r.When.Count && c < t.Inputs.Count; c++)
                {
                    var k = c;
                    if (t.Inputs[c].Name == owner || CellText.UsesName(r.When[c], owner)) changed += RewriteText(r.When[k], old, newValue, v => r.When[k] = v);
                }
                for (var c = 0; c < r.Then.Count && c < t.Outputs.Count; c++)
                {
                    var k = c;
                    if (ReferenceEquals(t, outputTable) && t.Outputs[c].Name == owner || CellText.UsesName(r.Then[c], owner))
                        changed += RewriteText(r.Then[k], old, newValue, v => r.Then[k] = v);
                }
            }
            if (ReferenceEquals(t, outputTable) && t.Default is { } def)
                for (var c = 0; c < def.Count && c < t.Outputs.Count; c++)
                {
                    var k = c;
                    if (t.Outputs[c].Name == owner) changed += RewriteText(def[k], old, newValue, v => def[k] = v);
                }
        }
        var cases = RewriteCases(c => RenameValueInCase(c, owner, old, newValue, owner == V.Outcome));
        return StructureResult.Done($"Værdien hedder nu '{newValue}'. {changed} celle(r) og {cases} testcase(s) er rettet.");
    }

    private static int RewriteText(string text, string from, string to, Action<string> set)
    {
        var renamed = CellText.RenameText(text, from, to);
        if (renamed == text) return 0;
        set(renamed);
        return 1;
    }

    private static TestCase RenameValueInCase(TestCase c, string owner, string from, string to, bool isOutcome)
    {
        static bool Is(JsonElement e, string v) => e.ValueKind == JsonValueKind.String && e.GetString() == v;
        var facts = c.Facts.TryGetValue(owner, out var f) && Is(f, from)
            ? c.Facts.ToDictionary(kv => kv.Key, kv => kv.Key == owner ? JsonSerializer.SerializeToElement(to) : kv.Value) : c.Facts;
        var outputs = c.Expect.Outputs?.TryGetValue(owner, out var o) == true && Is(o, from)
            ? c.Expect.Outputs.ToDictionary(kv => kv.Key, kv => kv.Key == owner ? JsonSerializer.SerializeToElement(to) : kv.Value) : c.Expect.Outputs;
        var outcome = isOutcome && c.Expect.Outcome == from ? to : c.Expect.Outcome;
        if (ReferenceEquals(facts, c.Facts) && ReferenceEquals(outputs, c.Expect.Outputs) && outcome == c.Expect.Outcome) return c;
        return c with { Facts = facts, Expect = c.Expect with { Outputs = outputs, Outcome = outcome } };
    }

    public StructureResult RemoveValue(string owner, List<EditableEnumValue> values, EditableEnumValue value, EditableTable? outputTable = null)
    {
        var uses = _uses.OfValue(owner, value.Value.Trim(), outputTable);
        if (uses.Count > 0) return StructureResult.InUse($"Værdien '{value.Value}'", "slettes", uses);
        values.Remove(value);
        return StructureResult.Done($"Værdien '{value.Value}' er slettet.");
    }

    public static void MoveValue(List<EditableEnumValue> values, EditableEnumValue value, int delta) => Move(values, value, delta);

    // ---------- derived values ----------

    public StructureResult AddDerived(string name, ValueKind type, string label, string expression)
    {
        if (CheckNewName(name) is { } problem) return StructureResult.Refused(problem);
        if (string.IsNullOrWhiteSpace(label)) return StructureResult.Refused("Skriv den afledte værdis betegnelse.");
        if (string.IsNullOrWhiteSpace(expression)) return StructureResult.Refused("Skriv udtrykket, fx ageAt(birthDate, decisionDate).");
        V.Derived.Add(new EditableDerived { Name = name.Trim(), Type = type, Label = label.Trim(), Expression = expression.Trim() });
        return StructureResult.Done($"Den afledte værdi »{label.Trim()}« ({name.Trim()}) er tilføjet.");
    }

    public StructureResult RenameDerived(EditableDerived derived, string newName) =>
        RenameSymbol($"Den afledte værdi »{derived.Label}«", derived.Name, newName, () => derived.Name = newName.Trim());

    public StructureResult RemoveDerived(EditableDerived derived)
    {
        var uses = _uses.Of(derived.Name);
        if (uses.Count > 0) return StructureResult.InUse($"Den afledte værdi »{derived.Label}« ({derived.Name})", "slettes", uses);
        V.Derived.Remove(derived);
        return StructureResult.Done($"Den afledte værdi »{derived.Label}« er slettet.");
    }

    public void MoveDerived(EditableDerived derived, int delta) => Move(V.Derived, derived, delta);

    // ---------- tables ----------

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex TableIdPattern();

    public string? CheckTableId(string id, EditableTable? current = null)
    {
        id = id.Trim();
        if (!TableIdPattern().IsMatch(id)) return "Et tabel-id begynder med et bogstav og har kun bogstaverne a-z, A-Z, tal, - og _ (fx eligibility eller R97).";
        if (V.Tables.Any(t => t != current && t.Id == id)) return $"Tabel-id '{id}' er allerede brugt.";
        return null;
    }

    /// <summary>A new, empty table at the end (or after <paramref name="after"/>); it needs inputs, an output and rows before it compiles.</summary>
    public StructureResult AddTable(string id, string? label, EditableTable? after = null)
    {
        if (CheckTableId(id) is { } problem) return StructureResult.Refused(problem);
        var table = new EditableTable { Id = id.Trim(), Label = EditableFact.Blank(label), HitPolicy = HitPolicy.Unique };
        V.Tables.Insert(after is null ? V.Tables.Count : V.Tables.IndexOf(after) + 1, table);
        return StructureResult.Done($"Tabellen {id.Trim()} er tilføjet. Giv den inputs, et output og rækker.");
    }

    public StructureResult RenameTable(EditableTable table, string newId)
    {
        newId = newId.Trim();
        if (newId == table.Id) return StructureResult.Done("Id'et er uændret.");
        if (CheckTableId(newId, table) is { } problem) return StructureResult.Refused(problem);
        var uses = _uses.OfTable(table.Id);
        if (uses.Count > 0) return StructureResult.InUse($"Tabel-id'et '{table.Id}'", "ændres automatisk", uses);
        table.Id = newId;
        return StructureResult.Done($"Tabellen hedder nu {newId}.");
    }

    /// <summary>Removes a table whose outputs nothing else uses.</summary>
    public StructureResult RemoveTable(EditableTable table)
    {
        var uses = table.Outputs
            .Where(o => !V.Tables.Any(t => t != table && t.Outputs.Any(x => x.Name == o.Name)))
            .SelectMany(o => _uses.Of(o.Name, table).Where(u => !u.StartsWith(_uses.TableName(table) + ",", StringComparison.Ordinal)))
            .Concat(_uses.OfTable(table.Id))
            .ToList();
        if (uses.Count > 0) return StructureResult.InUse($"Tabellen {_uses.TableName(table)["tabellen ".Length..]}", "slettes", uses);
        V.Tables.Remove(table);
        if (V.Outputs is { } outs) outs.RemoveAll(n => !V.DeclaredNames().Contains(n));
        return StructureResult.Done($"Tabellen {table.Id} er slettet.");
    }

    public void MoveTable(EditableTable table, int delta) => Move(V.Tables, table, delta);

    /// <summary>Sets the hit policy; an aggregation only with COLLECT.</summary>
    public StructureResult SetHitPolicy(EditableTable table, HitPolicy policy, Aggregation? aggregation = null)
    {
        table.HitPolicy = policy;
        table.Aggregation = policy == HitPolicy.Collect ? aggregation : null;
        return StructureResult.Done($"Tabellen bruger nu {HitPolicies.Name(policy, table.Aggregation)}: {HitPolicies.Explain(policy, table.Aggregation)}");
    }

    /// <summary>Adds an input column testing <paramref name="name"/>, with '-' in every row.</summary>
    public StructureResult AddInput(EditableTable table, string name, int? at = null)
    {
        if (!NamesBefore(table).Any(n => n.Name == name))
            return StructureResult.Refused($"'{name}' er hverken et faktum, en afledt værdi eller et resultat af en tidligere tabel, der giver én værdi.");
        var index = Math.Clamp(at ?? table.Inputs.Count, 0, table.Inputs.Count);
        table.Inputs.Insert(index, new EditableInput { Name = name });
        foreach (var r in table.Rows) r.When.Insert(Math.Min(index, r.When.Count), "-");
        return StructureResult.Done($"Kolonnen {_uses.ColumnName(name)} er tilføjet med '-' (uanset) i alle rækker.");
    }

    public StructureResult RemoveInput(EditableTable table, int index)
    {
        if (index < 0 || index >= table.Inputs.Count) return StructureResult.Refused("Kolonnen findes ikke.");
        var name = table.Inputs[index].Name;
        table.Inputs.RemoveAt(index);
        foreach (var r in table.Rows) if (index < r.When.Count) r.When.RemoveAt(index);
        return StructureResult.Done($"Input-kolonnen {_uses.ColumnName(name)} er fjernet fra tabellen.");
    }

    public void MoveInput(EditableTable table, int index, int delta)
    {
        var target = index + delta;
        if (index < 0 || target < 0 || index >= table.Inputs.Count || target >= table.Inputs.Count) return;
        (table.Inputs[index], table.Inputs[target]) = (table.Inputs[target], table.Inputs[index]);
        foreach (var r in table.Rows)
            if (target < r.When.Count && index < r.When.Count) (r.When[index], r.When[target]) = (r.When[target], r.When[index]);
    }

    /// <summary>Adds an output column with a neutral value in every row (and in the default, when the table has one).</summary>
    public StructureResult AddOutput(EditableTable table, string name, ValueKind type, string? label)
    {
        if (CheckNewName(name) is { } problem) return StructureResult.Refused(problem);
        var output = new EditableOutput { Name = name.Trim(), Type = type, Label = EditableFact.Blank(label), Values = type == ValueKind.Enum ? [] : null };
        table.Outputs.Add(output);
        foreach (var r in table.Rows) r.Then.Add(output.NeutralCell());
        table.Default?.Add(output.NeutralCell());
        return StructureResult.Done($"Outputtet {_uses.ColumnName(output.Name)} er tilføjet.");
    }

    public StructureResult RenameOutput(EditableTable table, EditableOutput output, string newName) =>
        RenameSymbol($"Outputtet »{output.Label ?? output.Name}«", output.Name, newName, () => output.Name = newName.Trim());

    public StructureResult RemoveOutput(EditableTable table, EditableOutput output)
    {
        var index = table.Outputs.IndexOf(output);
        if (index < 0) return StructureResult.Refused("Outputtet findes ikke.");
        var shared = V.Tables.Any(t => t != table && t.Outputs.Any(o => o.Name == output.Name));
        var uses = shared ? [] : _uses.Of(output.Name, table, output);
        if (uses.Count > 0) return StructureResult.InUse($"Outputtet »{output.Label ?? output.Name}« ({output.Name})", "slettes", uses);
        table.Outputs.RemoveAt(index);
        foreach (var r in table.Rows) if (index < r.Then.Count) r.Then.RemoveAt(index);
        if (table.Default is { } def && index < def.Count) def.RemoveAt(index);
        if (!shared) V.Outputs?.Remove(output.Name);
        return StructureResult.Done($"Outputtet {output.Name} er slettet.");
    }

    public void MoveOutput(EditableTable table, int index, int delta)
    {
        var target = index + delta;
        if (index < 0 || target < 0 || index >= table.Outputs.Count || target >= table.Outputs.Count) return;
        (table.Outputs[index], table.Outputs[target]) = (table.Outputs[target], table.Outputs[index]);
        foreach (var r in table.Rows)
            if (target < r.Then.Count && index < r.Then.Count) (r.Then[index], r.Then[target]) = (r.Then[target], r.Then[index]);
        if (table.Default is { } def && target < def.Count && index < def.Count) (def[index], def[target]) = (def[target], def[index]);
    }

    /// <summary>Gives the table a default output (a neutral value per output) or takes it away.</summary>
    public StructureResult SetDefault(EditableTable table, bool on)
    {
        if (on && table.Default is null) table.Default = table.Outputs.Select(o => o.NeutralCell()).ToList();
        else if (!on) table.Default = null;
        return StructureResult.Done(on ? "Tabellen har nu et standardresultat, når ingen række passer." : "Tabellen har intet standardresultat; passer ingen række, er der intet resultat.");
    }

    // ---------- the version's outcome and returned outputs ----------

    /// <summary>The output that carries the outcome code: a text or enum output of a table that gives one value; empty for none.</summary>
    public StructureResult SetOutcome(string name)
    {
        name = name.Trim();
        if (name.Length > 0)
        {
            var output = V.Tables.Where(t => !t.ReturnsList).SelectMany(t => t.Outputs).FirstOrDefault(o => o.Name == name);
            if (output is null) return StructureResult.Refused($"'{name}' er ikke et output af en tabel, der giver én værdi.");
            if (output.Type is not (ValueKind.Enum or ValueKind.Text)) return StructureResult.Refused("Udfaldet skal være et output af typen valgmulighed eller tekst.");
        }
        V.Outcome = name;
        return StructureResult.Done(name.Length == 0 ? "Versionen har intet udfald." : $"Udfaldet er nu {_uses.ColumnName(name)}.");
    }

    /// <summary>Whether an output is returned to callers; the first choice turns "every output" into an explicit list.</summary>
    public void SetReturned(string name, bool returned)
    {
        var all = V.Tables.SelectMany(t => t.Outputs.Select(o => o.Name)).Distinct().ToList();
        var list = V.Outputs ?? all.ToList();
        if (returned && !list.Contains(name)) list.Add(name);
        if (!returned) list.Remove(name);
        // Keep the declared order, and go back to "every output" when the list names them all.
        list = all.Where(list.Contains).ToList();
        V.Outputs = list.Count == all.Count ? null : list;
    }

    public bool IsReturned(string name) => V.Outputs is null || V.Outputs.Contains(name);

    private static void Move<T>(List<T> list, T item, int delta)
    {
        var index = list.IndexOf(item);
        var target = index + delta;
        if (index < 0 || target < 0 || target >= list.Count) return;
        (list[index], list[target]) = (list[target], list[index]);
    }
}

/// <summary>The hit policies by name, with one Danish line each on what they do.</summary>
public static class HitPolicies
{
    public static readonly IReadOnlyList<HitPolicy> All = Enum.GetValues<HitPolicy>();

    public static string Name(HitPolicy policy, Aggregation? aggregation = null) => policy switch
    {
        HitPolicy.Unique => "UNIQUE",
        HitPolicy.First => "FIRST",
        HitPolicy.Priority => "PRIORITY",
        HitPolicy.Any => "ANY",
        HitPolicy.Collect => aggregation is { } a ? $"COLLECT {a.ToString().ToUpperInvariant()}" : "COLLECT",
        HitPolicy.RuleOrder => "RULE ORDER",
        _ => "OUTPUT ORDER",
    };

    public static string Explain(HitPolicy policy, Aggregation? aggregation = null) => policy switch
    {
        HitPolicy.Unique => "Højst én række må passe; rækker, der kan passe samtidig, afvises ved godkendelse.",
        HitPolicy.First => "Den første række, der passer, afgør; rækkefølgen betyder noget.",
        HitPolicy.Priority => "Passer flere rækker, vinder den, hvis output står først i outputtets værdiliste.",
        HitPolicy.Any => "Flere rækker må passe, men de skal give samme resultat.",
        HitPolicy.Collect => aggregation switch
        {
            Aggregation.Sum => "Alle rækker, der passer, tælles med: resultatet er summen af deres output.",
            Aggregation.Min => "Alle rækker, der passer, tælles med: resultatet er det mindste output.",
            Aggregation.Max => "Alle rækker, der passer, tælles med: resultatet er det største output.",
            Aggregation.Count => "Alle rækker, der passer, tælles med: resultatet er antallet af rækker.",
            _ => "Alle rækker, der passer, giver hver sit resultat (en liste, i vilkårlig rækkefølge).",
        },
        HitPolicy.RuleOrder => "Alle rækker, der passer, giver hver sit resultat, i rækkernes rækkefølge.",
        _ => "Alle rækker, der passer, giver hver sit resultat, ordnet efter outputtets værdiliste.",
    };
}
