namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// A begrundelse template that cannot be parsed or rendered. The message names the template file and, when known,
/// the line and column (1-based), so legal staff can find the place in the admin UI.
/// </summary>
public sealed class BegrundelseException : Exception
{
    public BegrundelseException(string template, int? line, int? column, string detail, Exception? inner = null)
        : base(Describe(template, line, column, detail), inner)
    {
        Template = template;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>Path of the template, e.g. rules/sel-97/templates/afslag.scriban.</summary>
    public string Template { get; }
    public int? Line { get; }
    public int? Column { get; }
    /// <summary>What went wrong, without the place.</summary>
    public string Detail { get; }

    /// <summary>
    /// The discretionary fact whose caseworker note (notes.&lt;name&gt;) is missing, when that is the cause: an error in
    /// the request rather than in the template.
    /// </summary>
    public string? MissingNote { get; init; }

    /// <summary>A value the template prints is null or blank in this result (the template may lack an 'if' around it).</summary>
    public bool BlankValue { get; init; }

    private static string Describe(string template, int? line, int? column, string detail) =>
        line is { } l
            ? $"Skabelonen '{template}', linje {l}{(column is { } c ? $", kolonne {c}" : "")}: {detail}"
            : $"Skabelonen '{template}': {detail}";
}
