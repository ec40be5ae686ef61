namespace Serviceloven.Store.Audit;

/// <summary>The audit actions of drafts and of the review workflow (the audit page gives each a Danish label).</summary>
public static class AuditActions
{
    public const string DraftCreate = "draft.create";
    public const string DraftSave = "draft.save";
    public const string VersionSubmit = "version.submit";
    public const string VersionReject = "version.reject";
    public const string VersionApprove = "version.approve";
    public const string VersionApproveRefused = "version.approve.refused";
    public const string VersionPublish = "version.publish";
    public const string SatsDraft = "sats.draft";
    public const string SatsSave = "sats.save";
    public const string SatsDelete = "sats.delete";
    public const string SatsSubmit = "sats.submit";
    public const string SatsReject = "sats.reject";
    public const string SatsApprove = "sats.approve";
    public const string SatsApproveRefused = "sats.approve.refused";
    public const string SatsPublish = "sats.publish";
    public const string RulesetCreate = "ruleset.create";
    public const string RulesetUpdate = "ruleset.update";
}

/// <summary>The audit log's entity of reviewed content: its kind and key, as the audit page filters by them.</summary>
public static class AuditEntities
{
    /// <summary>"version:sel-97": every version of the ruleset (the entry's entity id is the version's id).</summary>
    public static string Version(string rulesetId) => "version:" + rulesetId;

    /// <summary>"ruleset:sel-97": the ruleset's definition (title, legal basis, sources).</summary>
    public static string Ruleset(string rulesetId) => "ruleset:" + rulesetId;

    /// <summary>"sats:sel-118.maanedsloen": every revision of the sats series.</summary>
    public static string Sats(string key) => "sats:" + key;
}
