using System.Text.Json;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Versions;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Publishing;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Versions;

namespace Serviceloven.Store.Transfer;

/// <summary>Imports a rules/ folder as published content and exports the published state back in the same layout.</summary>
public sealed class RulesTransfer(StoreDatabase database, VersionRepository versions, RevisionRepository revisions, AuditLog audit, TimeProvider time)
{
    public const string ImportActor = "import";

    private readonly PublicationLog _publications = new(database, time);

    public bool IsEmpty()
    {
        using var c = database.Open();
        return Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT (SELECT COUNT(*) FROM rulesets) + (SELECT COUNT(*) FROM sats_revisions)") == 0;
    }

    /// <summary>
    /// Imports everything in <paramref name="dir"/> as published versions attributed to the import, in one transaction;
    /// the hash of every file read goes into the audit log. Rulesets already in the database are refused. The import is
    /// a numbered publication: of two imports started on the same state (two nodes' first start), the database keeps one.
    /// </summary>
    public ImportSummary Import(string dir)
    {
        var content = RulesFolder.Read(dir);
        var now = time.GetUtcNow();
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        var importsBefore = PublicationKinds.Imports(c, tx);
        var existing = Dapper.SqlMapper.Query<string>(c, "SELECT id FROM rulesets", transaction: tx).ToHashSet();
        var clash = content.Rulesets.Select(r => r.Definition.Id).Where(existing.Contains).ToList();
        if (clash.Count > 0)
            throw new InvalidOperationException($"Regelsættene {string.Join(", ", clash)} findes allerede i databasen; importen ændrer intet.");
        var versionCount = 0;
        foreach (var rs in content.Rulesets)
        {
            versions.InsertRuleset(c, tx, rs.Definition.Id, JsonSerializer.Serialize(rs.Definition, RulesJson.Canonical));
            var tests = JsonSerializer.Serialize(rs.Tests, RulesJson.Canonical);
            var templates = JsonSerializer.Serialize(rs.Templates, RulesJson.Canonical);
            foreach (var v in rs.Versions)
            {
                versions.Insert(c, tx, new VersionRow
                {
                    RulesetId = rs.Definition.Id, ValidFrom = v.ValidFrom, ValidTo = v.ValidTo, Status = Status.Published,
                    ContentJson = JsonSerializer.Serialize(v, RulesJson.Canonical), ContentHash = ContentHash.Of(v),
                    TestsJson = tests, TemplatesJson = templates,
                    CreatedBy = ImportActor, CreatedAt = now, SubmittedBy = ImportActor, SubmittedAt = now,
                    ApprovedBy = ImportActor, ApprovedAt = now, PublishedAt = now,
                });
                versionCount++;
            }
        }
        foreach (var s in content.Satser)
            revisions.InsertSats(c, tx, s, Status.Published, ImportActor, ImportActor, ImportActor, now, null);
        foreach (var l in content.Lookups)
            revisions.InsertLookup(c, tx, l, ImportActor, now);
        foreach (var t in content.SharedTemplates)
            revisions.InsertSharedTemplate(c, tx, t, ImportActor, now);
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
            audit.Write(c, tx, ImportActor, "import.file", "file", Path.GetRelativePath(dir, file).Replace('\\', '/'),
                afterHash: ContentHash.OfBytes(File.ReadAllBytes(file)));
        _publications.Record(c, tx, new PublicationClaim(PublicationKinds.Import, PublicationKinds.ImportSubject, importsBefore), null, ImportActor);
        audit.Write(c, tx, ImportActor, "import", "rules", Path.GetFullPath(dir),
            detail: $"{content.Rulesets.Count} regelsæt, {versionCount} versioner, {content.Satser.Count} satser, {content.Lookups.Count} opslagstabeller importeret som offentliggjort.");
        tx.Commit();
        return new ImportSummary(content.Rulesets.Count, versionCount, content.Satser.Count, content.Lookups.Count, files.Count);
    }

    /// <summary>The published state as RulesContent: the latest publication per version date, series and table.</summary>
    public RulesContent PublishedContent()
    {
        var byRuleset = versions.Published().GroupBy(v => v.RulesetId).ToDictionary(g => g.Key, g => g.ToList());
        var rulesets = new List<RulesetContent>();
        foreach (var rs in versions.Rulesets())
        {
            if (!byRuleset.TryGetValue(rs.Id, out var rows)) continue;
            var latest = Publications.LatestPerKey(rows, r => r.ValidFrom, r => r.PublishedAt, r => r.Id).OrderBy(r => r.ValidFrom).ToList();
            var newest = Publications.Latest(rows, r => r.PublishedAt, r => r.Id);
            rulesets.Add(new RulesetContent(
                RulesJson.Deserialize<RulesetDefinition>(rs.DefinitionJson),
                latest.Select(r => RulesJson.Deserialize<RulesetVersion>(r.ContentJson)).ToList(),
                RulesJson.Deserialize<List<TestFile>>(newest.TestsJson),
                RulesJson.Deserialize<List<TemplateFile>>(newest.TemplatesJson)));
        }
        return new RulesContent(rulesets, revisions.LatestSatser().Select(s => s.Series).ToList(), revisions.LatestLookups(), revisions.LatestSharedTemplates());
    }

    public void Export(string dir, string actor)
    {
        var content = PublishedContent();
        RulesFolder.Write(dir, content);
        audit.Write(actor, "export", "rules", Path.GetFullPath(dir), detail: $"{content.Rulesets.Count} regelsæt eksporteret.");
    }
}

public sealed record ImportSummary(int Rulesets, int Versions, int Satser, int Lookups, int Files);
