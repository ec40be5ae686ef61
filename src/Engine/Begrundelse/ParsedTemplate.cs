using Scriban;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>A template parsed once. Name is the file name without .scriban (afslag, klagevejledning).</summary>
public sealed record ParsedTemplate(string Name, string SourcePath, string Text, Template Template)
{
    public const string Extension = ".scriban";

    /// <summary>"2023-10-01/afslag.scriban" and "afslag" both name "afslag".</summary>
    public static string NameOf(string path)
    {
        var file = path.Replace('\\', '/');
        file = file[(file.LastIndexOf('/') + 1)..];
        return file.EndsWith(Extension, StringComparison.Ordinal) ? file[..^Extension.Length] : file;
    }

    /// <summary>Parses and refuses a template with syntax errors, naming the first error's line and column.</summary>
    public static ParsedTemplate Parse(string sourcePath, string text)
    {
        var template = Template.Parse(text, sourcePath);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
            var all = string.Join("; ", template.Messages
                .Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error)
                .Select(m => $"linje {m.Span.Start.Line + 1}, kolonne {m.Span.Start.Column + 1}: {m.Message}"));
            throw new BegrundelseException(sourcePath, first.Span.Start.Line + 1, first.Span.Start.Column + 1,
                $"Skabelonen kan ikke læses ({all}).");
        }
        return new ParsedTemplate(NameOf(sourcePath), sourcePath, text, template);
    }
}
