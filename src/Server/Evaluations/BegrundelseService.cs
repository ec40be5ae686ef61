using Microsoft.AspNetCore.Mvc;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Server.Rules;

namespace Serviceloven.Server.Evaluations;

/// <summary>Renders the begrundelse of an evaluation with the version's templates, parsed once in the snapshot.</summary>
public sealed class BegrundelseService
{
    public (string? Text, ProblemDetails? Problem) Render(RulesSnapshot snapshot, RulesetEntry entry, PublishedVersion version,
        EvaluationResult result, IReadOnlyDictionary<string, string>? notes, string format, CancellationToken cancellationToken)
    {
        try
        {
            if (version.TemplateError is { } broken) throw broken;
            var templates = version.Templates!;
            var text = templates.Render(version.Compiled, entry.Definition, result, notes,
                format == "html" ? BegrundelseFormat.Html : BegrundelseFormat.Text, cancellationToken);
            return (text, null);
        }
        catch (BegrundelseException ex) when (ex.MissingNote is { } fact)
        {
            // The caseworker's own words for a skøn the decision rests on are missing: name the field to fill in.
            var problem = Problems.Validation(422, ex.Message, new Dictionary<string, string[]> { ["notes." + fact] = [ex.Detail] });
            problem.Title = "Begrundelsen mangler sagsbehandlerens vurdering";
            problem.Type = Problems.TypeBase + "missing-note";
            return (null, problem);
        }
        catch (BegrundelseException ex)
        {
            var problem = Problems.Create(422, "Begrundelsen kan ikke dannes", ex.Message, "begrundelse-error");
            problem.Extensions["template"] = ex.Template;
            problem.Extensions["line"] = ex.Line;
            return (null, problem);
        }
    }
}
