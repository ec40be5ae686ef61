using Serviceloven.Engine.Dmn;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Drafts;

/// <summary>
/// What a .dmn file would add to a draft: its decision tables and the facts they test that the draft does not have
/// yet, the importer's own messages for what it cannot take, and the conflicts with the draft (a table id or name
/// already used, a fact of another type) that stop it.
/// </summary>
public sealed record DmnUpload(
    string FileName,
    IReadOnlyList<DmnImportProblem> Messages,
    IReadOnlyList<DecisionTable> Tables,
    IReadOnlyList<FactDefinition> NewFacts,
    IReadOnlyList<string> Conflicts)
{
    public bool CanAdd => Tables.Count > 0 && Conflicts.Count == 0 && Messages.All(m => m.Severity != DmnProblemSeverity.Error);
}

/// <summary>DMN decision tables into a draft through the engine's DmnImporter; nothing is added until the user says so.</summary>
public static class DmnTables
{
    /// <summary>Largest .dmn file read (a decision table model is a few hundred kilobytes at most).</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    public static DmnUpload Read(Stream stream, string fileName, EditableVersion target)
    {
        var import = DmnImporter.Import(stream, target.ValidFrom, fileName);
        if (import.Version is not { } v) return new DmnUpload(fileName, import.Problems, [], [], []);
        var conflicts = new List<string>();
        var newFacts = new List<FactDefinition>();
        foreach (var f in v.Facts)
        {
            var existing = target.Facts.FirstOrDefault(x => x.Name == f.Name);
            if (existing is null)
            {
                if (target.Derived.Any(d => d.Name == f.Name) || target.Tables.Any(t => t.Outputs.Any(o => o.Name == f.Name)))
                    conflicts.Add($"Modellens input '{f.Name}' har samme navn som en afledt værdi eller et output i kladden.");
                else newFacts.Add(f);
            }
            else if (existing.Type != f.Type)
                conflicts.Add($"Faktummet '{f.Name}' findes allerede som {existing.Type.Danish()}, men modellen bruger det som {f.Type.Danish()}.");
        }
        foreach (var t in v.Tables)
        {
            if (target.Tables.Any(x => x.Id == t.Id)) conflicts.Add($"Kladden har allerede en tabel med id '{t.Id}'.");
            foreach (var o in t.Outputs.Where(o => target.DeclaredNames().Contains(o.Name)))
                conflicts.Add($"Tabellen '{t.Id}' giver outputtet '{o.Name}', men navnet er allerede brugt i kladden.");
        }
        return new DmnUpload(fileName, import.Problems, v.Tables, newFacts, conflicts);
    }

    /// <summary>Adds the upload's new facts and tables at the end of the draft.</summary>
    public static StructureResult Add(EditableVersion target, DmnUpload upload)
    {
        if (!upload.CanAdd)
            return StructureResult.Refused(upload.Conflicts.Count > 0
                ? "Modellen kan ikke tilføjes: " + string.Join(" ", upload.Conflicts)
                : "Modellen har fejl og kan ikke tilføjes; se meddelelserne fra importen.");
        target.Facts.AddRange(upload.NewFacts.Select(EditableFact.From));
        target.Tables.AddRange(upload.Tables.Select(EditableTable.From));
        if (target.Outcome.Length == 0 && upload.Tables.Where(t => !t.ReturnsList).SelectMany(t => t.Outputs).FirstOrDefault(o => o.Type.IsString()) is { } outcome)
            target.Outcome = outcome.Name;
        return StructureResult.Done($"{upload.Tables.Count} tabel(ler) og {upload.NewFacts.Count} nye fakta fra {upload.FileName} er tilføjet kladden. Giv dem danske betegnelser, retskilder og testcases.");
    }
}
