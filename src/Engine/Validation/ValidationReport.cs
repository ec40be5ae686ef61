namespace Serviceloven.Engine.Validation;

public enum Severity { Error, Warning }

/// <summary>One finding of the validation gate, in words legal staff can act on.</summary>
public sealed record ValidationIssue(Severity Severity, string Ruleset, DateOnly? Version, string Where, string Message)
{
    public override string ToString() =>
        $"{(Severity == Severity.Error ? "FEJL" : "ADVARSEL")} {Ruleset}{(Version is { } v ? $" {v:yyyy-MM-dd}" : "")} [{Where}]: {Message}";
}

public sealed class ValidationReport
{
    private readonly List<ValidationIssue> _issues = [];
    public IReadOnlyList<ValidationIssue> Issues => _issues;
    public IEnumerable<ValidationIssue> Errors => _issues.Where(i => i.Severity == Severity.Error);
    public IEnumerable<ValidationIssue> Warnings => _issues.Where(i => i.Severity == Severity.Warning);
    public bool IsValid => !Errors.Any();
    public void Add(ValidationIssue issue) => _issues.Add(issue);
    public void AddRange(IEnumerable<ValidationIssue> issues) => _issues.AddRange(issues);
}
