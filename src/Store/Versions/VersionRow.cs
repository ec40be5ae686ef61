using Serviceloven.Store.Review;

namespace Serviceloven.Store.Versions;

public static class Status
{
    public const string Draft = "draft";
    public const string InReview = "in_review";
    public const string Published = "published";
}

/// <summary>A row of the versions table. Content, tests and templates are canonical JSON.</summary>
public sealed class VersionRow : IReviewedRow
{
    public long Id { get; set; }
    public string RulesetId { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string Status { get; set; } = Versions.Status.Draft;
    public string ContentJson { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string TestsJson { get; set; } = "[]";
    public string TemplatesJson { get; set; } = "[]";
    public long? BasedOn { get; set; }
    public long Revision { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? ReviewComment { get; set; }
}

public sealed class RulesetRow
{
    public string Id { get; set; } = "";
    public string DefinitionJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A revision of a sats series or lookup table: the whole content as canonical JSON.</summary>
public sealed class RevisionRow : IReviewedRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Status { get; set; } = Versions.Status.Draft;
    public string ContentJson { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public long? BasedOn { get; set; }
    public long Revision { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? ReviewComment { get; set; }
}

public sealed class SharedTemplateRow
{
    public long Id { get; set; }
    public string Path { get; set; } = "";
    public string Text { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>Someone saved a draft that another person changed since it was opened.</summary>
public sealed class ConcurrencyConflictException(string message, VersionRow? current, Exception? inner = null) : Refusals.RefusedException(message, inner)
{
    public VersionRow? Current { get; } = current;
}
