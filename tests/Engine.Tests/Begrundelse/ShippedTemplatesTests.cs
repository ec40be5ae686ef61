using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Tests.Begrundelse;

/// <summary>
/// Shared parts, not copies (issue 20): in the shipped rules/ no paragraph stands in two templates of one ruleset, so a
/// change to it is one edit. Read and compiled as the gate reads them, version by version, with the gate's own check.
/// </summary>
public class ShippedTemplatesTests
{
    private static readonly Lazy<RulesContent> Rules = new(() =>
    {
        var root = Path.Combine(RepositoryFolders.Root(), "rules");
        return RulesLayout.Read(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => new RulesFile(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .Where(f => RulesLayout.IsRulesFile(f.Path)));
    });

    public static TheoryData<string> Rulesets()
    {
        var data = new TheoryData<string>();
        foreach (var rs in Rules.Value.Rulesets.Where(r => r.Templates.Count > 0)) data.Add(rs.Definition.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rulesets))]
    public void No_paragraph_stands_in_two_templates_of_a_shipped_ruleset(string rulesetId)
    {
        var ruleset = Rules.Value.Rulesets.Single(r => r.Definition.Id == rulesetId);
        var repeated = BegrundelseTemplates.CompileAll(ruleset, Rules.Value).Values
            .SelectMany(set => TemplateRepetition.Find(set.OwnTemplates))
            .Select(s => $"{string.Join(", ", s.Templates)}: »{s.Paragraph}«")
            .Distinct()
            .ToList();
        Assert.True(repeated.Count == 0, $"Afsnit, der står i flere skabeloner:\n{string.Join("\n", repeated)}");
    }

    [Fact]
    public void The_shipped_rulesets_have_partials_of_their_own_and_every_one_is_included()
    {
        foreach (var ruleset in Rules.Value.Rulesets)
            foreach (var set in BegrundelseTemplates.CompileAll(ruleset, Rules.Value).Values)
                foreach (var partial in set.OwnPartials.Values)
                    Assert.True(set.OwnTemplates.Any(t => t.Text.Contains($"include \"{partial.Name}\"", StringComparison.Ordinal)),
                        $"{partial.SourcePath} bruges ikke af nogen skabelon i {ruleset.Definition.Id} {set.ValidFrom:yyyy-MM-dd}.");
        Assert.Contains(Rules.Value.Rulesets, r => r.Templates.Any(t => t.Path.StartsWith("partials/", StringComparison.Ordinal)));
    }
}
