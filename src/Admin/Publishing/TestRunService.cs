using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Testing;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Admin.Publishing;

/// <summary>A candidate version compiled among the other published versions of its ruleset, with its test results.</summary>
public sealed record CandidateRun(
    CompiledVersion? Candidate,
    IReadOnlyList<CellErrorText> CompileErrors,
    IReadOnlyList<TestCaseResult> Results)
{
    /// <summary>How many cases ran on the candidate itself; the others ran on the published version of their own date.</summary>
    public int OnCandidate => Candidate is null ? 0 : Results.Count(r => ReferenceEquals(r.Version, Candidate));

    /// <summary>The version a case ran on, in words: the draft, or the published version and its date.</summary>
    public string RanOn(TestCaseResult result) => result.Version switch
    {
        null => "ingen version",
        var v when ReferenceEquals(v, Candidate) => "kladden",
        var v => $"offentliggjort fra {Common.Danish.Short(v.ValidFrom)}",
    };
}

public sealed record CellErrorText(string Table, string Row, string Column, int Position, string Message);

/// <summary>
/// Runs a ruleset's test cases with a candidate (a draft) in place of the published version of the same validFrom.
/// The published versions come compiled from the runtime's snapshot; a draft that equals a published version (the
/// diff view runs the published one, a fresh draft is a copy) comes from the runtime's compiled-version cache.
/// </summary>
public sealed class TestRunService(SnapshotHolder snapshots, CompiledVersions compiledVersions)
{
    public async Task<CandidateRun> RunAsync(string rulesetId, RulesetVersion candidate, IEnumerable<(string File, TestCase Case)> cases, RulesCatalogs catalogs)
    {
        var others = snapshots.Current.PublishedBeside(rulesetId, candidate.ValidFrom).Select(v => v.Compiled).ToList();
        CompiledVersion? compiled = null;
        var errors = new List<CellErrorText>();
        try
        {
            compiled = compiledVersions.Find(rulesetId, ContentHash.Of(candidate))
                ?? VersionCompiler.Compile(rulesetId, candidate, catalogs.Satser, catalogs.Lookups);
        }
        catch (VersionCompilationException ex)
        {
            errors.AddRange(ex.Errors.Select(e => new CellErrorText(e.Table, e.Row, e.Column, e.Position, e.Message)));
        }
        var caseList = cases.ToList();
        if (compiled is null)
            return new CandidateRun(null, errors, TestCaseRunner.NotCompiled(rulesetId, caseList));
        var all = others.Append(compiled).OrderBy(v => v.ValidFrom).ToList();
        var results = await TestCaseRunner.RunAsync(rulesetId, all, caseList, catalogs.Satser, catalogs.Lookups);
        return new CandidateRun(compiled, errors, results);
    }
}
