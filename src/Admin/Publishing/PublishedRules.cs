using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Publishing;

/// <summary>
/// The published satser, lookup tables and shared partials, read from the store when asked (they change rarely and are
/// small). The published versions themselves the admin reads from the runtime's snapshot, as evaluations do.
/// </summary>
public sealed record RulesCatalogs(SatsCatalog Satser, LookupCatalog Lookups, IReadOnlyList<TemplateFile> SharedTemplates,
    IReadOnlyList<(RevisionRow Row, SatsSeries Series)> SatsRevisions);

public sealed class PublishedRules(VersionRepository versions, RevisionRepository revisions)
{
    public RulesCatalogs Catalogs()
    {
        var sats = revisions.LatestSatser();
        return new RulesCatalogs(new SatsCatalog(sats.Select(s => s.Series)), new LookupCatalog(revisions.LatestLookups()), revisions.LatestSharedTemplates(), sats);
    }

    public RulesetDefinition? Definition(string rulesetId) =>
        versions.Rulesets().FirstOrDefault(r => r.Id == rulesetId) is { } row ? RulesJson.Deserialize<RulesetDefinition>(row.DefinitionJson) : null;
}
