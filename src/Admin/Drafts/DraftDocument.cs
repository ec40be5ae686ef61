using System.Text.Json;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Drafts;

/// <summary>A version row opened in the editor: its content, test cases and templates in editable form.</summary>
public sealed class DraftDocument
{
    public required VersionRow Row { get; init; }
    public required EditableVersion Version { get; init; }
    public required List<TestFile> Tests { get; init; }
    public required List<EditableTemplate> Templates { get; init; }

    public bool IsEditable => Row.Status == Status.Draft;

    public static DraftDocument Open(VersionRow row) => new()
    {
        Row = row,
        Version = EditableVersion.From(RulesJson.Deserialize<RulesetVersion>(row.ContentJson)),
        Tests = RulesJson.Deserialize<List<TestFile>>(row.TestsJson),
        Templates = RulesJson.Deserialize<List<TemplateFile>>(row.TemplatesJson).Select(t => new EditableTemplate { Path = t.Path, Text = t.Text }).ToList(),
    };

    public RulesetVersion Content() => Version.ToModel();
    public List<TemplateFile> TemplateFiles() => Templates.Select(t => new TemplateFile(t.Path.Trim(), t.Text)).ToList();
    public IEnumerable<(string File, TestCase Case)> Cases() => Tests.SelectMany(f => f.Suite.Cases.Select(c => (f.Name, c)));

    public string ContentJson() => JsonSerializer.Serialize(Content(), RulesJson.Canonical);
    public string TestsJson() => JsonSerializer.Serialize(Tests, RulesJson.Canonical);
    public string TemplatesJson() => JsonSerializer.Serialize(TemplateFiles(), RulesJson.Canonical);

    /// <summary>Replaces one test case (matched by file and id) or adds it to the file.</summary>
    public void PutCase(string file, TestCase updated, string? replacesId = null)
    {
        var index = Tests.FindIndex(f => f.Name == file);
        if (index < 0)
        {
            Tests.Add(new TestFile(file, new TestSuite { Cases = [updated] }));
            return;
        }
        var cases = Tests[index].Suite.Cases.ToList();
        var at = cases.FindIndex(c => c.Id == (replacesId ?? updated.Id));
        if (at >= 0) cases[at] = updated; else cases.Add(updated);
        Tests[index] = Tests[index] with { Suite = Tests[index].Suite with { Cases = cases } };
    }

    public void RemoveCase(string file, string id)
    {
        var index = Tests.FindIndex(f => f.Name == file);
        if (index < 0) return;
        Tests[index] = Tests[index] with { Suite = Tests[index].Suite with { Cases = Tests[index].Suite.Cases.Where(c => c.Id != id).ToList() } };
    }
}

public sealed class EditableTemplate
{
    public Guid Key { get; } = Guid.NewGuid();
    public string Path { get; set; } = "";
    public string Text { get; set; } = "";
}
