using Serviceloven.Engine.Versions;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Store.Versions;

namespace Serviceloven.Admin.Satser;

/// <summary>
/// The gate for a sats revision: with the new values in place, every published version that uses the sats must
/// still have values over its period without gaps (errors refuse the approval; missing values at the ends are warnings,
/// as for versions).
/// </summary>
public sealed class SatsCoverage(VersionRepository versions, PublishedRules published, TestRunService compiled)
{
    public ValidationReport Check(SatsSeries candidate)
    {
        var catalogs = published.Catalogs();
        var satser = new SatsCatalog(catalogs.SatsRevisions.Select(s => s.Series).Where(s => s.Key != candidate.Key).Append(candidate));
        var report = new ValidationReport();
        foreach (var rs in versions.Rulesets())
        {
            var timeline = published.Timeline(rs.Id);
            for (var i = 0; i < timeline.Count; i++)
            {
                var content = RulesJson.Deserialize<RulesetVersion>(timeline[i].ContentJson);
                var cv = compiled.CompilePublished(rs.Id, timeline[i].ContentHash, content, catalogs);
                if (!cv.UsedSats.Contains(candidate.Key)) continue;
                var end = VersionResolver.EndOf(content.ValidTo, i + 1 < timeline.Count ? timeline[i + 1].ValidFrom : null);
                var versionReport = new ValidationReport();
                VersionValidator.CheckVersion(rs.Id, content, end, satser, catalogs.Lookups, versionReport);
                report.AddRange(versionReport.Issues.Where(issue => issue.Where == candidate.Key));
            }
        }
        return report;
    }
}
