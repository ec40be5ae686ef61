using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Letters;
using Serviceloven.Runtime.Letters;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Evaluations;

/// <summary>A rendered begrundelse: text or an HTML document, or a PDF (its bytes, and base64 for JSON).</summary>
public sealed record RenderedLetter(string Text, byte[]? Pdf);

/// <summary>
/// Renders the begrundelse of an evaluation with the version's templates (parsed once in the snapshot) and lays it out
/// as the requested format: text, an A4 HTML document or a PDF, both with the municipality's letterhead.
/// </summary>
public sealed class BegrundelseService
{
    public const string Text = "text", Html = "html", Pdf = "pdf";
    public static readonly IReadOnlyList<string> Formats = [Text, Html, Pdf];

    public (RenderedLetter? Letter, EvaluationFailure? Failure) Render(RulesetEntry entry, PublishedVersion version,
        EvaluationResult result, DateOnly decisionDate, IReadOnlyDictionary<string, string>? notes, string format, Letterhead? letterhead,
        CancellationToken cancellationToken)
    {
        try
        {
            if (version.TemplateError is { } broken) throw broken;
            var text = version.Templates!.Render(version.Compiled, entry.Definition, result, notes, BegrundelseFormat.Text, letterhead, cancellationToken);
            // The text a caseworker pastes into a letter gets the same no-break spaces as HTML and PDF ("§ 97", "14.467 kr.").
            if (format == Text) return (new RenderedLetter(DanishTypography.ApplyToText(text), null), null);
            var letter = LetterDocument.From(text, decisionDate, letterhead, entry.Definition.Title);
            if (format == Html) return (new RenderedLetter(HtmlLetter.Render(letter), null), null);
            var pdf = PdfLetter.Write(letter);
            return (new RenderedLetter(Convert.ToBase64String(pdf), pdf), null);
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
