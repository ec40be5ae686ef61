using System.Text.Json;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Tests;

/// <summary>The structure edits of a draft through the service, without the UI: each edit, each refusal and where it points.</summary>
public sealed class StructureEditorTests
{
    /// <summary>sel-97 as shipped, as a draft from its own validFrom (every test case in its period), with its tests and templates.</summary>
    internal static DraftDocument Sel97Draft(DateOnly? validFrom = null)
    {
        var content = RulesFolder.Read(Path.Combine(AdminServerFactory.RepositoryRoot, "rules")).Rulesets.Single(r => r.Definition.Id == "sel-97");
        var version = content.Versions[0] with { ValidFrom = validFrom ?? content.Versions[0].ValidFrom };
        return new DraftDocument
        {
            Row = new VersionRow { Id = 1, RulesetId = "sel-97", ValidFrom = version.ValidFrom, Status = Status.Draft },
            Version = EditableVersion.From(version),
            Tests = content.Tests.ToList(),
            Templates = content.Templates.Select(t => new EditableTemplate { Path = t.Path, Text = t.Text }).ToList(),
        };
    }

    private static EditableTable Table(DraftDocument doc, string id) => doc.Version.Tables.Single(t => t.Id == id);
    private static EditableFact Fact(DraftDocument doc, string name) => doc.Version.Facts.Single(f => f.Name == name);

    [Fact]
    public void Every_shipped_version_comes_back_unchanged_from_the_editor()
    {
        var rules = RulesFolder.Read(Path.Combine(AdminServerFactory.RepositoryRoot, "rules"));
        foreach (var v in rules.Rulesets.SelectMany(r => r.Versions))
            Assert.Equal(RulesJson.Serialize(v), RulesJson.Serialize(EditableVersion.From(v).ToModel()));
    }

    [Fact]
    public void A_fact_is_added_with_its_name_checked_and_refused_when_taken_or_unusable()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        Assert.Contains("allerede brugt", editor.AddFact("birthDate", ValueKind.Date, "Fødselsdato").Message);
        Assert.Contains("camelCase", editor.AddFact("Alder", ValueKind.Int, "Alder").Message);
        Assert.Contains("camelCase", editor.CheckNewName("max")!);
        Assert.Contains("betegnelse", editor.AddFact("residesInDenmark", ValueKind.Bool, " ").Message);
        var added = editor.AddFact("residesInDenmark", ValueKind.Bool, "Bor i Danmark");
        Assert.True(added.Ok, added.Message);
        Assert.Equal("residesInDenmark", doc.Version.Facts[^1].Name);
        Assert.Contains(doc.Content().Facts, f => f is { Name: "residesInDenmark", Type: ValueKind.Bool, Label: "Bor i Danmark", Required: true });
    }

    [Fact]
    public void Renaming_a_fact_rewrites_inputs_cells_expressions_templates_and_the_test_cases_of_the_period()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var casesBefore = doc.Cases().Count(c => c.Case.Facts.ContainsKey("impairmentCause"));
        Assert.True(casesBefore > 0);

        var result = editor.RenameFact(Fact(doc, "impairmentCause"), "cause");

        Assert.True(result.Ok, result.Message);
        var v = doc.Version;
        Assert.Equal("cause", Fact(doc, "cause").Name);
        Assert.Contains(Table(doc, "eligibility").Inputs, i => i.Name == "cause");
        Assert.DoesNotContain(v.Tables.SelectMany(t => t.Inputs), i => i.Name == "impairmentCause");
        Assert.Contains("cause = \"mentalIllness\"", v.Derived.Single(d => d.Name == "socialPedagogicalReferral").Expression);
        Assert.All(doc.Templates, t => Assert.DoesNotContain("facts.impairmentCause", t.Text));
        Assert.Contains(doc.Templates, t => t.Text.Contains("facts.cause.value == \"mentalIllness\""));
        Assert.Equal(casesBefore, doc.Cases().Count(c => c.Case.Facts.ContainsKey("cause")));
        Assert.DoesNotContain(doc.Cases(), c => c.Case.Facts.ContainsKey("impairmentCause") || c.Case.Notes?.ContainsKey("impairmentCause") == true);
        // The renamed draft still compiles: nothing was left pointing at the old name.
        Assert.Empty(VersionCompiler.Check(doc.Content(), null, null));
    }

    [Fact]
    public void A_rename_rewrites_the_conditions_under_which_facts_are_required_and_their_enum_values()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var conditions = doc.Version.Facts.Where(f => f.RequiredWhen?.Contains("taskKind") == true).ToList();
        Assert.NotEmpty(conditions);
        Assert.True(editor.RenameFact(Fact(doc, "taskKind"), "opgave").Ok);
        Assert.All(conditions, f => Assert.Contains("known(opgave)", f.RequiredWhen));
        var kind = Fact(doc, "opgave");
        Assert.True(editor.RenameValue("opgave", kind.Values, kind.Values.Single(v => v.Value == "journey"), "rejse").Ok);
        Assert.Contains(conditions, f => f.RequiredWhen!.Contains("opgave = \"rejse\""));
        Assert.Contains("påkrævet", editor.RemoveFact(kind).Message);
        Assert.Empty(VersionCompiler.Check(doc.Content(), null, null));
    }

    [Fact]
    public void A_rename_leaves_test_cases_of_other_versions_periods_alone()
    {
        // A draft from 2040: the shipped cases (2018-2032) belong to the version before it.
        var doc = Sel97Draft(new DateOnly(2040, 1, 1));
        var result = new StructureEditor(doc).RenameFact(Fact(doc, "birthDate"), "foedselsdato");
        Assert.True(result.Ok, result.Message);
        Assert.Contains("0 testcase(s)", result.Message);
        Assert.Contains(doc.Cases(), c => c.Case.Facts.ContainsKey("birthDate"));
        Assert.DoesNotContain(doc.Cases(), c => c.Case.Facts.ContainsKey("foedselsdato"));
    }

    [Fact]
    public void A_rename_that_would_break_a_reference_it_cannot_rewrite_is_refused_naming_the_template_and_line()
    {
        var doc = Sel97Draft();
        doc.Templates.Add(new EditableTemplate { Path = "mangler.scriban", Text = "Afgørelse\n{{ if array.contains missingFacts \"birthDate\" }}Oplys fødselsdato.{{ end }}\n" });
        var before = doc.ContentJson();

        var result = new StructureEditor(doc).RenameFact(Fact(doc, "birthDate"), "foedselsdato");

        Assert.False(result.Ok);
        Assert.Contains("skabelonen mangler.scriban, linje 2", result.Message);
        Assert.Equal(before, doc.ContentJson());
        Assert.Equal("birthDate", doc.Version.Facts[0].Name);
    }

    [Fact]
    public void A_rename_to_a_taken_or_reserved_name_is_refused()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        Assert.Contains("allerede brugt", editor.RenameFact(Fact(doc, "birthDate"), "age").Message);
        Assert.Contains("reserveret", editor.RenameFact(Fact(doc, "birthDate"), "sats").Message);
        Assert.Contains("reserveret", editor.RenameFact(Fact(doc, "birthDate"), "decisionDate").Message + editor.CheckNewName("decisionDate"));
        Assert.Equal("birthDate", doc.Version.Facts[0].Name);
    }

    [Fact]
    public void Removing_a_used_fact_is_refused_naming_every_place_and_an_unused_one_leaves_the_test_cases_too()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var refused = editor.RemoveFact(Fact(doc, "impairmentCause"));
        Assert.False(refused.Ok);
        Assert.Contains("den afledte værdi", refused.Message);
        Assert.Contains("tabellen", refused.Message);
        Assert.Contains("input-kolonne", refused.Message);
        Assert.Contains("skabelonen afslag.scriban", refused.Message);
        Assert.Contains(doc.Version.Facts, f => f.Name == "impairmentCause");

        Assert.True(editor.AddFact("unused", ValueKind.Bool, "Ubrugt").Ok);
        doc.PutCase(doc.Tests[0].Name, doc.Tests[0].Suite.Cases[0] with
        {
            Facts = doc.Tests[0].Suite.Cases[0].Facts.Append(new("unused", JsonSerializer.SerializeToElement(true))).ToDictionary(),
        });
        var removed = editor.RemoveFact(Fact(doc, "unused"));
        Assert.True(removed.Ok, removed.Message);
        Assert.Contains("1 testcase(s)", removed.Message);
        Assert.DoesNotContain(doc.Cases(), c => c.Case.Facts.ContainsKey("unused"));
    }

    [Fact]
    public void Facts_are_reordered()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var second = doc.Version.Facts[1];
        editor.MoveFact(second, -1);
        Assert.Same(second, doc.Version.Facts[0]);
        editor.MoveFact(second, -1);
        Assert.Same(second, doc.Version.Facts[0]);
        Assert.Equal(second.Name, doc.Content().Facts[0].Name);
    }

    [Fact]
    public void Enum_values_are_added_with_labels_renamed_in_their_cells_and_refused_removal_while_used()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var task = Fact(doc, "taskKind");
        Assert.True(editor.AddValue(task.Values, "abroad", "Rejse til udlandet").Ok);
        Assert.Contains("findes allerede", editor.AddValue(task.Values, "abroad", null).Message);
        Assert.Equal("Rejse til udlandet", doc.Content().Facts.Single(f => f.Name == "taskKind").Values![^1].Label);

        var journey = task.Values.Single(v => v.Value == "journey");
        var renamed = editor.RenameValue("taskKind", task.Values, journey, "rejse");
        Assert.True(renamed.Ok, renamed.Message);
        Assert.Contains(Table(doc, "task").Rows, r => r.When[0] == "\"rejse\"");
        Assert.DoesNotContain(doc.Cases(), c => c.Case.Facts.TryGetValue("taskKind", out var k) && k.GetString() == "journey");
        Assert.Contains(doc.Cases(), c => c.Case.Facts.TryGetValue("taskKind", out var k) && k.GetString() == "rejse");

        var refused = editor.RemoveValue("taskKind", task.Values, journey);
        Assert.False(refused.Ok);
        Assert.Contains("tabellen", refused.Message);
        Assert.True(editor.RemoveValue("taskKind", task.Values, task.Values.Single(v => v.Value == "abroad")).Ok);
        Assert.Empty(VersionCompiler.Check(doc.Content(), null, null));
    }

    [Fact]
    public void An_enum_value_a_template_compares_with_is_not_renamed()
    {
        var doc = Sel97Draft();
        var cause = Fact(doc, "impairmentCause");
        var result = new StructureEditor(doc).RenameValue("impairmentCause", cause.Values, cause.Values.Single(v => v.Value == "mentalIllness"), "sindslidelse");
        Assert.False(result.Ok);
        Assert.Contains("skabelonen afslag.scriban", result.Message);
        Assert.Contains(cause.Values, v => v.Value == "mentalIllness");
    }

    [Fact]
    public void Derived_values_are_added_renamed_everywhere_reordered_and_not_removed_while_used()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        Assert.Contains("udtryk", editor.AddDerived("ageInMonths", ValueKind.Int, "Alder i måneder", "").Message.ToLowerInvariant());
        Assert.True(editor.AddDerived("ageInMonths", ValueKind.Int, "Alder i måneder", "age * 12").Ok);
        Assert.Equal("age * 12", doc.Content().Derived[^1].Expression);

        var age = doc.Version.Derived.Single(d => d.Name == "age");
        var rename = editor.RenameDerived(age, "alder");
        Assert.True(rename.Ok, rename.Message);
        Assert.Equal("alder * 12", doc.Version.Derived[^1].Expression);
        Assert.Contains(Table(doc, "eligibility").Inputs, i => i.Name == "alder");
        Assert.Contains(doc.Templates, t => t.Text.Contains("derived.alder.formatted"));

        var refused = editor.RemoveDerived(age);
        Assert.False(refused.Ok);
        Assert.Contains("Alder i måneder", refused.Message);

        var last = doc.Version.Derived[^1];
        editor.MoveDerived(last, -1);
        Assert.Same(last, doc.Version.Derived[^2]);
        Assert.True(editor.RemoveDerived(last).Ok);
        Assert.Empty(VersionCompiler.Check(doc.Content(), null, null));
    }

    [Fact]
    public void Tables_are_added_with_their_id_checked_renamed_reordered_and_not_removed_while_their_outputs_are_used()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        Assert.Contains("allerede brugt", editor.AddTable("task", null).Message);
        Assert.Contains("begynder med et bogstav", editor.AddTable("1st", null).Message);
        Assert.True(editor.AddTable("appeal", "Klage").Ok);
        var appeal = doc.Version.Tables[^1];
        Assert.Contains("ingen rækker", string.Join(" ", StructureCheck.Run(doc.Version, null, null).At(ProblemPlace.Table, "appeal").Select(p => p.Message)));

        Assert.True(editor.RenameTable(appeal, "klage").Ok);
        Assert.Equal("klage", doc.Content().Tables[^1].Id);
        editor.MoveTable(appeal, -1);
        Assert.Same(appeal, doc.Version.Tables[^2]);
        Assert.True(editor.RemoveTable(appeal).Ok);

        var refused = editor.RemoveTable(Table(doc, "eligibility"));
        Assert.False(refused.Ok);
        Assert.Contains("udfaldet", refused.Message);
        Assert.Contains("(start)", refused.Message);
    }

    [Fact]
    public void A_table_id_a_template_names_is_not_changed()
    {
        var doc = Sel97Draft();
        doc.Templates.Add(new EditableTemplate { Path = "x.scriban", Text = "{{ for r in decisiveRows }}{{ if r.table == \"task\" }}rejse{{ end }}{{ end }}" });
        var result = new StructureEditor(doc).RenameTable(Table(doc, "task"), "opgave");
        Assert.False(result.Ok);
        Assert.Contains("skabelonen x.scriban, linje 1", result.Message);
    }

    [Fact]
    public void Hit_policies_are_set_with_an_explanation_and_aggregation_only_with_collect()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var task = Table(doc, "task");
        var result = editor.SetHitPolicy(task, HitPolicy.Collect, Aggregation.Sum);
        Assert.Contains("summen", result.Message);
        Assert.Equal(Aggregation.Sum, doc.Content().Tables.Single(t => t.Id == "task").Aggregation);
        editor.SetHitPolicy(task, HitPolicy.Unique, Aggregation.Sum);
        Assert.Null(doc.Content().Tables.Single(t => t.Id == "task").Aggregation);
        Assert.All(HitPolicies.All, p => Assert.False(string.IsNullOrWhiteSpace(HitPolicies.Explain(p))));
        Assert.Equal(HitPolicies.All.Count, HitPolicies.All.Select(p => HitPolicies.Explain(p)).Distinct().Count());
    }

    [Fact]
    public void Input_columns_are_added_removed_and_moved_with_their_cells()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var task = Table(doc, "task");
        Assert.False(editor.AddInput(task, "annualExpenseAmount").Ok); // an output of a later table
        Assert.True(editor.AddInput(task, "age").Ok);
        Assert.All(task.Rows, r => Assert.Equal(["-"], r.When.Skip(1)));
        task.Rows[0].When[1] = ">= 18";
        editor.MoveInput(task, 1, -1);
        Assert.Equal("age", task.Inputs[0].Name);
        Assert.Equal(">= 18", task.Rows[0].When[0]);
        Assert.True(editor.RemoveInput(task, 0).Ok);
        Assert.Equal(["taskKind"], task.Inputs.Select(i => i.Name));
        Assert.All(task.Rows, r => Assert.Single(r.When));
        Assert.Empty(VersionCompiler.Check(doc.Content(), null, null));
    }

    [Fact]
    public void Outputs_are_added_renamed_everywhere_moved_and_not_removed_while_used()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var task = Table(doc, "task");
        Assert.True(editor.AddOutput(task, "taskNote", ValueKind.Text, "Bemærkning").Ok);
        Assert.All(task.Rows, r => Assert.Equal("\"\"", r.Then[^1]));
        Assert.Equal("\"\"", task.Default![^1]);
        editor.MoveOutput(task, 1, -1);
        Assert.Equal("taskNote", task.Outputs[0].Name);
        Assert.Equal("\"\"", task.Rows[0].Then[0]);
        Assert.True(editor.RemoveOutput(task, task.Outputs[0]).Ok);

        var eligibility = Table(doc, "eligibility");
        var outcome = eligibility.Outputs.Single(o => o.Name == "outcome");
        var refused = editor.RemoveOutput(eligibility, outcome);
        Assert.False(refused.Ok);
        Assert.Contains("udfaldet", refused.Message);
        Assert.Contains("(start)", refused.Message);

        var renamed = editor.RenameOutput(eligibility, outcome, "afgoerelse");
        Assert.True(renamed.Ok, renamed.Message);
        Assert.Equal("afgoerelse", doc.Version.Outcome);
        Assert.Contains(Table(doc, "start").Inputs, i => i.Name == "afgoerelse");
        Assert.Empty(VersionCompiler.Check(doc.Content(), null, null));
    }

    [Fact]
    public void The_default_output_is_turned_on_and_off()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        var eligibility = Table(doc, "eligibility");
        editor.SetDefault(eligibility, true);
        Assert.Equal(eligibility.Outputs.Count, eligibility.Default!.Count);
        Assert.Equal("\"bevilget\"", eligibility.Default[0]);
        editor.SetDefault(eligibility, false);
        Assert.Null(doc.Content().Tables.Single(t => t.Id == "eligibility").Default);
    }

    [Fact]
    public void Rows_are_added_duplicated_moved_and_deleted()
    {
        var doc = Sel97Draft();
        var task = Table(doc, "task");
        var first = task.Rows[0];
        var copy = task.DuplicateRow(0);
        Assert.Same(copy, task.Rows[1]);
        Assert.Equal(first.When, copy.When);
        Assert.Equal(first.Then, copy.Then);
        Assert.Equal(first.Ref, copy.Ref);
        Assert.NotEqual(first.Id, copy.Id);
        task.MoveRow(1, -1);
        Assert.Same(copy, task.Rows[0]);
        var added = task.AddRow();
        Assert.Same(added, task.Rows[^1]);
        Assert.Equal(["-"], added.When);
        task.DeleteRow(0);
        Assert.DoesNotContain(copy, task.Rows);
    }

    [Fact]
    public void The_outcome_must_be_a_text_output_and_returned_outputs_are_chosen()
    {
        var doc = Sel97Draft();
        var editor = new StructureEditor(doc);
        Assert.Contains("valgmulighed eller tekst", editor.SetOutcome("hoursPerMonth").Message);
        Assert.False(editor.SetOutcome("birthDate").Ok);
        Assert.True(editor.SetOutcome("referral").Ok);
        Assert.Equal("referral", doc.Content().Outcome);
        Assert.True(editor.SetOutcome("").Ok);
        Assert.Equal("", doc.Content().Outcome);

        Assert.Null(doc.Content().Outputs);
        editor.SetReturned("savedHoursLapsed", false);
        Assert.DoesNotContain("savedHoursLapsed", doc.Content().Outputs!);
        Assert.Contains("outcome", doc.Content().Outputs!);
        editor.SetReturned("savedHoursLapsed", true);
        Assert.Null(doc.Content().Outputs);
    }

    [Fact]
    public void The_live_check_files_problems_at_their_place_with_the_compilers_message()
    {
        var doc = Sel97Draft();
        var v = doc.Version;
        v.Derived.Single(d => d.Name == "age").Expression = "ageAt(birthDate, decisionDat)";
        Table(doc, "task").Inputs.Add(new EditableInput { Name = "nothing" });
        foreach (var r in Table(doc, "task").Rows) r.When.Add("-");
        v.Outcome = "hoursPerMonth";
        v.Facts.Single(f => f.Name == "taskKind").Values.Add(new EditableEnumValue { Value = "journey" });

        var check = StructureCheck.Run(v, ["sel-97.aarligtBeloeb"], ["folkepensionsalder"]);

        var derived = Assert.Single(check.At(ProblemPlace.Derived, "age"));
        Assert.Contains("decisionDat", derived.Message);
        Assert.Equal(17, derived.Position);
        Assert.Contains("hverken et faktum", Assert.Single(check.At(ProblemPlace.Input, "task", "nothing")).Message);
        Assert.Contains(check.All, p => p.Place == ProblemPlace.Outcome && p.Message.Contains("valgmulighed eller tekst"));
        Assert.Contains(check.At(ProblemPlace.Fact, "taskKind"), p => p.Message.Contains("mere end én gang"));
    }

    [Fact]
    public void Cells_rename_names_but_not_text_and_enum_values_are_typed_without_quotes()
    {
        Assert.Equal("[18..upperLimit) ", CellText.RenameName("[18..upperAgeLimitYears) ", "upperAgeLimitYears", "upperLimit"));
        Assert.Equal("if(x = \"age\", age2, 0)", CellText.RenameName("if(x = \"age\", age, 0)", "age", "age2"));
        Assert.Equal("\"b\",\"c\"", CellText.RenameText("\"a\",\"c\"", "a", "b"));

        IReadOnlyList<EnumValue> values = [new() { Value = "bevilget", Label = "Ledsagelse bevilget" }, new() { Value = "afslag", Label = "Afslag" }, new() { Value = "sel-99" }];
        Assert.Equal("\"bevilget\"", EnumCells.Canonical("Ledsagelse bevilget", values));
        Assert.Equal("\"afslag\"", EnumCells.Canonical("AFSLAG", values));
        Assert.Equal("\"bevilget\", \"sel-99\"", EnumCells.Canonical("bevilget, sel-99", values));
        Assert.Equal("not(\"afslag\")", EnumCells.Canonical("not(afslag)", values));
        Assert.Equal("!= \"afslag\"", EnumCells.Canonical("!= Afslag", values));
        Assert.Equal("-", EnumCells.Canonical("-", values));
        Assert.Equal("afslg", EnumCells.Canonical("afslg", values));
        Assert.Equal("bevilget,sel-99", EnumCells.Display("\"bevilget\",\"sel-99\"", values));
        Assert.Equal("not(afslag)", EnumCells.Display("not(\"afslag\")", values));
        foreach (var cell in new[] { "\"bevilget\"", "\"bevilget\",\"afslag\"", "not(\"sel-99\")", "-", "null" })
            Assert.Equal(cell, EnumCells.Canonical(EnumCells.Display(cell, values), values));
    }

    private static string Tck(string path) => Path.GetFullPath(Path.Combine(AdminServerFactory.RepositoryRoot, "..", "shared", path));

    [Fact]
    public void A_dmn_decision_table_is_added_to_a_draft_with_its_inputs_as_facts()
    {
        var version = EditableVersion.From(EditableVersion.Blank(new DateOnly(2030, 1, 1)));
        using (var file = File.OpenRead(Tck("dmn-tck-dt-subset/tier1-cl2/0004-simpletable-U/0004-simpletable-U.dmn")))
        {
            var upload = DmnTables.Read(file, "0004-simpletable-U.dmn", version);
            Assert.True(upload.CanAdd, string.Join(" ", upload.Messages.Concat<object>(upload.Conflicts)));
            Assert.Single(upload.Tables);
            Assert.Equal(3, upload.NewFacts.Count);
            var result = DmnTables.Add(version, upload);
            Assert.True(result.Ok, result.Message);
        }
        Assert.Single(version.Tables);
        Assert.Equal(3, version.Facts.Count);
        Assert.NotEqual("", version.Outcome);
        Assert.Empty(VersionCompiler.Check(version.ToModel(), null, null));

        // The same model again clashes with what is now in the draft, and says so.
        using var again = File.OpenRead(Tck("dmn-tck-dt-subset/tier1-cl2/0004-simpletable-U/0004-simpletable-U.dmn"));
        var clash = DmnTables.Read(again, "0004-simpletable-U.dmn", version);
        Assert.False(clash.CanAdd);
        Assert.Contains(clash.Conflicts, c => c.Contains("allerede en tabel"));
        Assert.False(DmnTables.Add(version, clash).Ok);
    }

    [Fact]
    public void What_the_dmn_importer_cannot_take_is_reported_with_its_messages()
    {
        var version = EditableVersion.From(EditableVersion.Blank(new DateOnly(2030, 1, 1)));
        using var file = File.OpenRead(Tck("dmn-tck-tier2-open/0009-invocation-arithmetic/0009-invocation-arithmetic.dmn"));
        var upload = DmnTables.Read(file, "0009-invocation-arithmetic.dmn", version);
        Assert.False(upload.CanAdd);
        Assert.Contains(upload.Messages, m => m.Severity == Serviceloven.Engine.Dmn.DmnProblemSeverity.Error);
        Assert.Empty(version.Tables);
        using var notXml = new MemoryStream("ikke xml"u8.ToArray());
        Assert.Contains("XML", DmnTables.Read(notXml, "x.dmn", version).Messages.Single().Message);
    }
}
