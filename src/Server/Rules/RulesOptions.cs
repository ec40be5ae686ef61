namespace Serviceloven.Server.Rules;

/// <summary>Bound from "Rules".</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>The rules/ folder imported on first start with an empty database; default: ./rules or the repository's.</summary>
    public string? Path { get; set; }

    /// <summary>Import rules/ when the database is empty at start-up.</summary>
    public bool ImportOnEmptyDatabase { get; set; } = true;
}
