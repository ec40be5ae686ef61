using Serviceloven.Admin.Diff;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Admin.Tests;

public sealed class DiffTests
{
    internal static RulesetVersion Sel97() =>
        RulesJson.Deserialize<RulesetVersion>(File.ReadAllText(Path.Combine(AdminServerFactory.RepositoryRoot, "rules/sel-97/versions/2018-02-01.json")));

    [Fact]
    public void Changed_cells_added_rows_and_changed_facts_are_found()
    {
        var before = Sel97();
        var edit = EditableVersion.From(before);
        var eligibility = edit.Tables.Single(t => t.Id == "eligibility");
        eligibility.Rows[0].When[0] = "false";
        eligibility.Rows[0].Ref = "ny henvisning";
        var added = eligibility.AddRow(0);
        edit.Tables.Single(t => t.Id == "activity").DeleteRow(0);
        edit.Facts[0].Label = "Ny betegnelse";
        var after = edit.ToModel();

        var diff = VersionDiff.Compare(before, after, [], []);
        var table = diff.Tables.Single(t => t.Id == "eligibility");
        var changed = table.Rows.Single(r => r.Id == "R97-01");
        Assert.Equal(ChangeKind.Changed, changed.Kind);
        Assert.Contains(changed.Cells, c => c.Old == "true" && c.New == "false");
        Assert.Contains(changed.Cells, c => c.Column == "Retskilde" && c.New == "ny henvisning");
        Assert.Contains(table.Rows, r => r.Id == added.Id && r.Kind == ChangeKind.Added);
        Assert.Contains(diff.Tables.Single(t => t.Id == "activity").Rows, r => r.Kind == ChangeKind.Removed);
        Assert.Contains(diff.Facts.Single(f => f.Name == "birthDate").Fields, f => f.Field == "Betegnelse" && f.New == "Ny betegnelse");
    }

    [Fact]
    public void An_unchanged_version_has_no_differences()
    {
        var v = Sel97();
        Assert.True(VersionDiff.Compare(v, EditableVersion.From(v).ToModel(), [], []).IsEmpty);
    }

    [Fact]
    public void A_requiredWhen_condition_survives_the_editor_and_a_changed_one_is_a_difference()
    {
        var v = Sel97();
        Assert.Contains(v.Facts, f => f.RequiredWhen is not null);
        Assert.Equal(ContentHash.Of(v), ContentHash.Of(EditableVersion.From(v).ToModel()));

        var edit = EditableVersion.From(v);
        var fact = edit.Facts.Single(f => f.Name == "returnJourneyExtraHours");
        fact.RequiredWhen = "known(taskKind)";
        var diff = VersionDiff.Compare(v, edit.ToModel(), [], []);
        var change = Assert.Single(Assert.Single(diff.Facts, f => f.Name == "returnJourneyExtraHours").Fields);
        Assert.Equal(("Påkrævet når", "known(taskKind) and taskKind = \"journey\"", "known(taskKind)"), (change.Field, change.Old, change.New));

        fact.RequiredWhen = "  ";
        Assert.Null(edit.ToModel().Facts.Single(f => f.Name == "returnJourneyExtraHours").RequiredWhen);
    }

    [Fact]
    public void Templates_are_compared_line_by_line()
    {
        var diff = VersionDiff.Compare(Sel97(), Sel97(), [new TemplateFile("afslag.scriban", "a\nb\nc\n")], [new TemplateFile("afslag.scriban", "a\nB\nc\nd\n"), new TemplateFile("ny.scriban", "x")]);
        var changed = diff.Templates.Single(t => t.Path == "afslag.scriban");
        Assert.Equal([LineOp.Same, LineOp.Removed, LineOp.Added, LineOp.Same, LineOp.Added], changed.Lines.Select(l => l.Op));
        Assert.Equal(ChangeKind.Added, diff.Templates.Single(t => t.Path == "ny.scriban").Kind);
    }

    [Fact]
    public void Line_diff_of_identical_text_is_all_same()
    {
        Assert.All(LineDiff.Compare("x\ny", "x\ny"), l => Assert.Equal(LineOp.Same, l.Op));
        Assert.Equal([LineOp.Removed, LineOp.Removed], LineDiff.Compare("x\ny", "").Select(l => l.Op));
    }
}
