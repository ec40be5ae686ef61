using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Admin.Drafts;

public sealed record PreviewResult(string? Text, string? Problem);

/// <summary>Renders the draft's begrundelse for one test case, the way the API would render it once published.</summary>
public sealed class TemplatePreview(PublishedRules published)
{
    public async Task<PreviewResult> RenderAsync(string rulesetId, RulesetVersion version, IReadOnlyList<TemplateFile> templates, TestCase testCase)
    {
        var catalogs = published.Catalogs();
        CompiledVersion cv;
        try { cv = VersionCompiler.Compile(rulesetId, version, catalogs.Satser, catalogs.Lookups); }
        catch (VersionCompilationException ex) { return new PreviewResult(null, "Versionen kan ikke oversættes: " + ex.Errors[0]); }
        if (testCase.DecisionDate < version.ValidFrom || (version.ValidTo is { } to && testCase.DecisionDate > to))
            return new PreviewResult(null, $"Testcasen har afgørelsesdato {testCase.DecisionDate:dd-MM-yyyy}, uden for versionens periode.");
        var result = await Evaluator.EvaluateAsync(cv, testCase.DecisionDate, FactBinder.Bind(cv.Facts, testCase.Facts, cv.Content.LegacyFacts), catalogs.Satser, catalogs.Lookups);
        if (result.Status != EvaluationStatus.Determined || result.Outcome is null)
            return new PreviewResult(null, $"Testcasen giver ikke et afgjort udfald ({result.Status}); vælg en anden.");
        try
        {
            var compiled = BegrundelseTemplates.Compile(rulesetId, version.ValidFrom, templates, catalogs.SharedTemplates);
            var definition = published.Definition(rulesetId) ?? new RulesetDefinition { Id = rulesetId, Title = rulesetId };
            return new PreviewResult(compiled.Render(cv, definition, result, testCase.Notes, BegrundelseFormat.Text), null);
        }
        catch (BegrundelseException ex) { return new PreviewResult(null, ex.Message); }
    }
}
