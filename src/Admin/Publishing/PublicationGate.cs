using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Admin.Publishing;

/// <summary>
/// The full check before a version is published: the same gate as the CLI's validate (RulesCheck), for the draft in
/// place of the published version of its validFrom, beside the other published versions as the runtime holds them.
/// </summary>
public sealed class PublicationGate(PublishedRules published, SnapshotHolder snapshots)
{
    public async Task<ValidationReport> CheckAsync(string rulesetId, RulesetVersion candidate, IReadOnlyList<TestFile> testFiles,
        IReadOnlyList<TemplateFile> templates)
    {
        var catalogs = published.Catalogs();
        var definition = published.Definition(rulesetId) ?? new RulesetDefinition { Id = rulesetId, Title = rulesetId };
        var beside = snapshots.Current.PublishedBeside(rulesetId, candidate.ValidFrom).Select(v => v.Compiled).ToList();
        var report = new ValidationReport();
        await RulesCheck.CheckRulesetAsync(new RulesetContent(definition, [candidate], testFiles, templates), beside,
            catalogs.Satser, catalogs.Lookups, catalogs.SharedTemplates, report);
        return report;
    }
}
