using System.Collections;
using Scriban.Runtime;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// Builds what a template sees, explicitly as ScriptObject/ScriptArray of plain values (string, decimal, bool,
/// DateOnly, null). No .NET object is imported, so no template can reach a type, a method or a property we did not
/// put here. The member names are documented in docs/begrundelse.md; change them only together with that document.
/// </summary>
public static class BegrundelseModel
{
    /// <summary>Name of the settable flag for § 3 a cases (shorter genvurdering, suspensive complaint).</summary>
    public const string VarslingsSag = "varslingsSag";

    public static ScriptObject Build(CompiledVersion version, RulesetDefinition ruleset, EvaluationResult result,
        IReadOnlyDictionary<string, string>? notes, Letters.Letterhead? letterhead = null)
    {
        if (result.Status != EvaluationStatus.Determined || result.Outcome is null)
            throw new InvalidOperationException(
                "Der kan kun skrives en begrundelse for et afgjort resultat med et udfald " +
                $"(status er {result.Status}{(result.NoRuleMatched ? ", ingen regel passede" : "")}).");

        var content = version.Content;
        var (outputDefs, tableLabels, rowNotes) = VersionLookups.For(version);

        var decisiveInputs = DecisiveInputs(content, result);
        var model = new ScriptObject();

        var legalBasis = content.LegalBasis is { Count: > 0 } lb ? lb
            : ruleset.LegalBasis is { Length: > 0 } rlb ? [rlb] : [];
        model["ruleset"] = Obj(
            ("id", ruleset.Id), ("title", ruleset.Title), ("legalBasis", ruleset.LegalBasis), ("description", ruleset.Description));
        model["version"] = Obj(
            ("validFrom", content.ValidFrom), ("validTo", content.ValidTo), ("hash", version.Hash),
            ("changeNote", content.ChangeNote), ("legalBasis", Arr(legalBasis)));
        model["decisionDate"] = result.Values.GetValueOrDefault(VersionCompiler.DecisionDate);

        var facts = new ScriptObject();
        var factList = new ScriptArray();
        var discretionary = new ScriptArray();
        var decisiveDiscretionary = new ScriptArray();
        foreach (var def in content.Facts)
        {
            var value = result.Values.GetValueOrDefault(def.Name);
            var note = notes?.GetValueOrDefault(def.Name);
            var fact = Obj(
                ("name", def.Name), ("label", def.Label), ("description", def.Description),
                ("value", Plain(value)), ("formatted", Format(value, def.Type, def.Unit, def.Values)), ("unit", def.Unit),
                ("given", Box(value is not null)), ("discretionary", Box(def.Discretionary)),
                ("decisive", Box(decisiveInputs.Contains(def.Name))),
                ("note", string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
            // A list's items and a record's fields, each field as a value object with its label and Danish text.
            if (def.Type == ValueKind.List)
                fact["items"] = Arr(((ListValue?)value ?? ListValue.Empty).Select(item => (object?)Fields(def, item, content.Derived)));
            else if (def.Type == ValueKind.Record)
                fact["fields"] = value is RecordValue record ? Fields(def, record, content.Derived) : null;
            facts[def.Name] = fact;
            factList.Add(fact);
            if (def.Discretionary && value is not null)
            {
                discretionary.Add(fact);
                if (decisiveInputs.Contains(def.Name)) decisiveDiscretionary.Add(fact);
            }
        }
        model["facts"] = facts;
        model["factList"] = factList;
        model["discretionary"] = discretionary;
        model["decisiveDiscretionary"] = decisiveDiscretionary;

        var derived = new ScriptObject();
        foreach (var def in content.Derived)
        {
            // An item-derived value ("opsparing.bortfaldet") is a field of the list's items (facts.opsparing.items).
            if (def.Name.Contains('.')) continue;
            var value = result.Values.GetValueOrDefault(def.Name);
            derived[def.Name] = Obj(("name", def.Name), ("label", def.Label), ("value", value),
                ("formatted", Format(value, def.Type, def.Unit, null)), ("unit", def.Unit));
        }
        model["derived"] = derived;

        // Every decision's result in the order they were made: derived values, contexts and tables (their outputs).
        var decisions = new ScriptObject();
        var decisionList = new ScriptArray();
        foreach (var d in result.Decisions)
        {
            var (type, unit) = TypeOf(content, d.Name);
            var value = d.Value is IReadOnlyDictionary<string, object?> tableOutputs and not RecordValue
                ? Obj(tableOutputs.Select(kv => (kv.Key, Plain(kv.Value))).ToArray())
                : Plain(d.Value);
            var decision = Obj(("name", d.Name), ("kind", d.Kind), ("label", d.Label ?? d.Name), ("value", value),
                ("formatted", d.Kind == "table" ? null : d.Value is null ? "ingen" : Format(d.Value, type, unit, null)));
            decisions[d.Name] = decision;
            decisionList.Add(decision);
        }
        model["decisions"] = decisions;
        model["decisionList"] = decisionList;

        // Every declared output of every table, also intermediate ones the version does not return to callers; one
        // without a value (its table had no match and no default) is present with value null, so templates can test it.
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in result.Tables.SelectMany(t => t.Outputs).Concat(result.Outputs)) values[name] = value;
        var outputs = new ScriptObject();
        foreach (var (name, def) in outputDefs)
            outputs[name] = Output(name, def, values.GetValueOrDefault(name));
        foreach (var (name, value) in values.Where(v => !outputDefs.ContainsKey(v.Key)))
            outputs[name] = Output(name, null, value);
        model["outputs"] = outputs;
        model["outcome"] = outputs.TryGetValue(content.Outcome, out var outcome)
            ? outcome
            : Output(content.Outcome, outputDefs.GetValueOrDefault(content.Outcome), result.Outcome);

        // The rows' cells, so a letter states a limit from the rule that sets it (rows["R97-04"].when.age.value) rather than
        // restating it; the deciding rows carry their own cells as when/then.
        var rows = RuleCells.Rows(version);
        model["rows"] = rows;
        var decisive = new ScriptArray();
        foreach (var row in result.DecisiveRows)
        {
            var cells = rows[row.Rule] as ScriptObject;
            decisive.Add(Obj(("table", row.Table), ("tableLabel", tableLabels.GetValueOrDefault(row.Table, row.Table)),
                ("rule", row.Rule), ("ref", row.Ref), ("reason", row.Reason),
                ("note", rowNotes.GetValueOrDefault((row.Table, row.Rule))), ("when", cells?["when"]), ("then", cells?["then"])));
        }
        model["decisiveRows"] = decisive;
        // A row's ref may hold several references separated by ';' (law and vejledning); a letter lists each once.
        model["references"] = Arr(result.DecisiveRows.Select(r => r.Ref).OfType<string>()
            .SelectMany(r => r.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal));
        model["reasons"] = Arr(result.DecisiveRows.Select(r => r.Reason).OfType<string>().Where(r => r.Length > 0).Distinct());

        var notMatched = new ScriptArray();
        foreach (var row in result.Trace.Where(t => !t.Matched))
            notMatched.Add(Obj(("table", row.Table), ("tableLabel", tableLabels.GetValueOrDefault(row.Table, row.Table)),
                ("rule", row.Rule), ("ref", row.Ref), ("reason", row.Reason), ("failed", row.Failed)));
        model["notMatchedRows"] = notMatched;

        var satser = new ScriptArray();
        foreach (var s in result.Satser)
            satser.Add(Obj(("key", s.Key), ("label", s.Label), ("amount", s.Value), ("unit", s.Unit),
                ("formatted", DanishFormat.WithUnit(s.Value, s.Unit)), ("validFrom", s.ValidFrom), ("validTo", s.ValidTo),
                ("source", s.Source), ("priceLevel", s.PriceLevel)));
        model["satser"] = satser;
        // A sats the version uses but this decision did not read (the 6 months a grant may last, stated in a refusal):
        // its value on the decision date, so the letter states it from the sats rather than restating the number.
        var decisionDate = result.Values.GetValueOrDefault(VersionCompiler.DecisionDate) as DateOnly?;
        model.Import("satsvaerdi", new Func<string, ScriptObject>(key =>
        {
            if (!version.UsedSats.Contains(key))
                throw new ArgumentException($"Versionen bruger ikke satsen '{key}'. Den bruger: {string.Join(", ", version.UsedSats.Order(StringComparer.Ordinal))}.");
            var series = result.SatsCatalog?.Get(key);
            var value = decisionDate is { } on ? result.SatsCatalog?.ValueOn(key, on) : null;
            if (series is null || value is null)
                throw new ArgumentException($"Satsen '{key}' har ingen værdi på afgørelsesdatoen.");
            return Obj(("key", key), ("label", series.Label), ("amount", value.Value), ("unit", series.Unit),
                ("formatted", DanishFormat.WithUnit(value.Value, series.Unit)), ("validFrom", value.ValidFrom), ("validTo", value.ValidTo),
                ("source", value.Source), ("priceLevel", series.PriceLevel));
        }));

        // The municipality's letterhead, when the letter has one: the klagevejledning names its klage address.
        model["letterhead"] = letterhead is null ? null : Obj(
            ("name", letterhead.Name), ("address", Arr(letterhead.Address)), ("contact", Arr(letterhead.Contact)),
            ("signingUnit", letterhead.SigningUnit), ("complaintAddress", Arr(letterhead.ComplaintAddress)),
            ("replyDeadline", string.IsNullOrWhiteSpace(letterhead.ReplyDeadline) ? null : letterhead.ReplyDeadline.Trim()));
        model[VarslingsSag] = false;
        return model;
    }

    /// <summary>
    /// The inputs the decisive rows actually tested (a cell other than '-'): the facts the decision rests on. A row
    /// that matched with '-' in a column did not depend on that column's value.
    /// </summary>
    private static HashSet<string> DecisiveInputs(RulesetVersion content, EvaluationResult result)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trace in result.DecisiveRows)
        {
            var table = content.Tables.FirstOrDefault(t => t.Id == trace.Table);
            var row = table?.Rows.FirstOrDefault(r => r.Id == trace.Rule);
            if (table is null || row is null) continue;
            for (var i = 0; i < table.Inputs.Count && i < row.When.Count; i++)
                if (row.When[i].Trim() != "-") names.Add(table.Inputs[i].Name);
        }
        return names;
    }

    private static ScriptObject Output(string name, TableOutput? def, object? value)
    {
        var kind = def?.Type ?? ValueKind.Text;
        return Obj(("name", name), ("label", def?.Label ?? name),
            ("value", value is IEnumerable and not string ? Arr(((IEnumerable)value).Cast<object?>()) : value),
            ("formatted", value is null ? "ingen" : Format(value, kind, def?.Unit, def?.Values)), ("unit", def?.Unit));
    }

    /// <summary>The type and unit a decision's value is formatted with: its derived value's, or its context result's.</summary>
    private static (ValueKind Type, string? Unit) TypeOf(RulesetVersion content, string name)
    {
        if (content.Derived.FirstOrDefault(d => d.Name == name) is { } derived) return (derived.Type, derived.Unit);
        if (content.Contexts?.FirstOrDefault(c => c.Name == name)?.Result is { } result) return (result.Type, result.Unit);
        return (ValueKind.Text, null);
    }

    /// <summary>A list's items or a record as plain template values: arrays and objects of their fields' values.</summary>
    private static object? Plain(object? value) => value switch
    {
        RecordValue r => Obj(r.Names.Select((n, i) => (n, Plain(r.Values[i]))).ToArray()),
        ListValue l => Arr(l.Select(Plain)),
        _ => value,
    };

    /// <summary>One item or record: each field (also item-derived ones) as a value object {name, label, value, formatted, unit}.</summary>
    private static ScriptObject Fields(FactDefinition def, RecordValue item, IReadOnlyList<DerivedValue> derived)
    {
        var o = new ScriptObject(item.Count);
        for (var i = 0; i < item.Names.Count; i++)
        {
            var name = item.Names[i];
            var value = item.Values[i];
            var field = def.Fields!.FirstOrDefault(f => f.Name == name);
            var computed = field is null ? derived.FirstOrDefault(d => d.Name == $"{def.Name}.{name}") : null;
            o[name] = Obj(("name", name), ("label", field?.Label ?? computed?.Label ?? name), ("value", value),
                ("formatted", Format(value, field?.Type ?? computed?.Type ?? ValueKind.Text, field?.Unit ?? computed?.Unit, field?.Values)),
                ("unit", field?.Unit ?? computed?.Unit));
        }
        return o;
    }

    /// <summary>The Danish text of a value as a letter would write it; "ikke oplyst" for a missing optional fact.</summary>
    internal static string Format(object? value, ValueKind kind, string? unit, IReadOnlyList<EnumValue>? values) => value switch
    {
        null => "ikke oplyst",
        ListValue list => DanishFormat.Count(list.Count, "post", "poster"),
        RecordValue record => string.Join(", ", record.Names.Select((n, i) => $"{n} {DanishFormat.Value(record.Values[i])}")),
        string s when kind == ValueKind.Enum => values?.FirstOrDefault(v => v.Value == s)?.Label ?? s,
        decimal d => DanishFormat.WithUnit(d, unit),
        IEnumerable list and not string => DanishFormat.List(list.Cast<object?>().Select(v => Format(v, kind, unit, values))),
        _ => DanishFormat.Value(value),
    };

    /// <summary>What the model looks up in the version's tables: the same for every render, so built once per version.</summary>
    private sealed record VersionLookups(
        Dictionary<string, TableOutput> OutputDefs,
        Dictionary<string, string> TableLabels,
        Dictionary<(string Table, string Row), string?> RowNotes)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledVersion, VersionLookups> Cache = new();

        public static VersionLookups For(CompiledVersion version) => Cache.GetValue(version, static v => Build(v.Content));

        private static VersionLookups Build(RulesetVersion content) => new(
            content.Tables.SelectMany(t => t.Outputs)
                .GroupBy(o => o.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            content.Tables.ToDictionary(t => t.Id, t => t.Label ?? t.Id, StringComparer.Ordinal),
            content.Tables.SelectMany(t => t.Rows.Select(r => (Key: (t.Id, r.Id), r.Note)))
                .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Note));
    }

    private static ScriptObject Obj(params (string Name, object? Value)[] members)
    {
        var o = new ScriptObject(members.Length);
        // SetValue is what the indexer does on a new, writable object, without its read-only checks.
        foreach (var (name, value) in members) o.SetValue(name, value, false);
        return o;
    }

    private static readonly object True = true, False = false;

    /// <summary>A model has hundreds of flags; two boxes serve them all.</summary>
    private static object Box(bool value) => value ? True : False;

    private static ScriptArray Arr(IEnumerable<object?> items) => new(items);
}
