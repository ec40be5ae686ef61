using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;

namespace Serviceloven.Runtime.Comparison;

/// <summary>
/// Runs a case on two sides and compares the answers. Nothing is stored or logged: the facts live only in the call.
/// The per-case work (resolve, bind, evaluate, render) is the same as one API evaluation on each side, so many cases
/// (a caseload) can be compared with the same call.
/// </summary>
public static class CaseComparer
{
    public static async Task<CaseComparison> CompareAsync(ComparisonSide before, ComparisonSide after, ComparisonCase @case,
        bool begrundelse, CancellationToken cancellationToken = default)
    {
        var a = await EvaluateAsync(before, @case, begrundelse, cancellationToken);
        var b = await EvaluateAsync(after, @case, begrundelse, cancellationToken);
        return new CaseComparison(a, b);
    }

    /// <summary>One side's answer for a case, with its begrundelse when <paramref name="begrundelse"/> is set.</summary>
    public static async Task<SideResult> EvaluateAsync(ComparisonSide side, ComparisonCase @case, bool begrundelse, CancellationToken cancellationToken = default)
    {
        var resolution = side.Resolve(@case.DecisionDate);
        if (!resolution.Found) return new SideResult(null, null, resolution.Problem, null, null);
        var version = resolution.Item!;
        var cv = version.Compiled;
        var result = await Evaluator.EvaluateAsync(cv, @case.DecisionDate, FactBinder.Bind(cv.Facts, @case.Facts), side.Satser, side.Lookups, cancellationToken);
        var problem = result.Status switch
        {
            EvaluationStatus.Error => result.Error?.ToString(),
            EvaluationStatus.InvalidInput => string.Join("; ", result.FactErrors.Select(e => e.Message)),
            _ => null,
        };
        if (!begrundelse || result.Status != EvaluationStatus.Determined || result.Outcome is null)
            return new SideResult(version, result, problem, null, null);
        if (version.Templates is not { } templates)
            return new SideResult(version, result, problem, null, version.TemplateProblem ?? "Versionen har ingen begrundelsesskabeloner.");
        try
        {
            return new SideResult(version, result, problem, templates.Render(cv, side.Definition, result, @case.Notes, BegrundelseFormat.Text, cancellationToken: cancellationToken), null);
        }
        catch (BegrundelseException ex)
        {
            return new SideResult(version, result, problem, null, ex.Message);
        }
    }
}
