using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Serialization;

/// <summary>One ruleset as it lies in rules/&lt;id&gt;/.</summary>
public sealed record RulesetContent(
    RulesetDefinition Definition,
    IReadOnlyList<RulesetVersion> Versions,
    IReadOnlyList<TestFile> Tests,
    IReadOnlyList<TemplateFile> Templates);

public sealed record TestFile(string Name, TestSuite Suite);

/// <summary>A begrundelse template; Path is relative to the ruleset's templates/ folder.</summary>
public sealed record TemplateFile(string Path, string Text);

/// <summary>Everything in a rules/ folder.</summary>
public sealed record RulesContent(
    IReadOnlyList<RulesetContent> Rulesets,
    IReadOnlyList<SatsSeries> Satser,
    IReadOnlyList<LookupTable> Lookups,
    /// <summary>Partials every ruleset's templates may include (rules/templates/*.scriban): klagevejledning, ...</summary>
    IReadOnlyList<TemplateFile> SharedTemplates);
