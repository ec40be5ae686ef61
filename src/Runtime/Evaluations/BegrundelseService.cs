using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Evaluations;

/// <summary>Renders the begrundelse of an evaluation with the version's templates, parsed once in the snapshot.</summary>
public sealed class BegrundelseService
{
    public (string? Text, EvaluationFailure? Failure) Render(RulesetEntry entry, PublishedVersion version,
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
            return (null, new EvaluationFailure(EvaluationFailureKind.MissingNote, "Begrundelsen mangler sagsbehandlerens vurdering", ex.Message)
            {
                Errors = new Dictionary<string, string[]> { ["notes." + fact] = [ex.Detail] },
            });
        }
        catch (BegrundelseException ex)
        {
            return (null, new EvaluationFailure(EvaluationFailureKind.BegrundelseError, "Begrundelsen kan ikke dannes", ex.Message)
            {
                Extensions = new Dictionary<string, object?> { ["template"] = ex.Template, ["line"] = ex.Line },
            });
        }
    }
}
