using Serviceloven.Engine.Versions;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Validation;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Admin.Satser;

/// <summary>
/// The gate for a sats revision: with the new values in place, every published version that uses the sats must
/// still have values over its period without gaps (errors refuse the approval; missing values at the ends are warnings,
/// as for versions).
/// </summary>
public sealed class SatsCoverage(PublishedRules published, SnapshotHolder snapshots)
{
    public ValidationReport Check(SatsSeries candidate)
    {
        var catalogs = published.Catalogs();
        var satser = new SatsCatalog(catalogs.SatsRevisions.Select(s => s.Series).Where(s => s.Key != candidate.Key).Append(candidate));
        var report = new ValidationReport();
        var snapshot = snapshots.Current;
        foreach (var rulesetId in snapshot.Rulesets.Keys.Order(StringComparer.Ordinal))
        {
            var timeline = snapshot.Timeline(rulesetId);
            for (var i = 0; i < timeline.Count; i++)
            {
                var cv = timeline[i].Item.Compiled;
                if (!cv.UsedSats.Contains(candidate.Key)) continue;
                var content = cv.Content;
                var end = VersionResolver.EndIn(timeline, i);
                var versionReport = new ValidationReport();
                VersionValidator.CheckVersion(rulesetId, content, end, satser, catalogs.Lookups, versionReport);
                report.AddRange(versionReport.Issues.Where(issue => issue.Where == candidate.Key));
            }
        }
        return report;
    }
}
