using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// Serves `include "navn"` from the already parsed in-memory partials of one version, never from the file system.
/// Names resolve to the ruleset's own partials (templates/partials/) and the shared ones in rules/templates/; a letter
/// (a template for an outcome) is not a partial.
/// </summary>
internal sealed class PartialLoader(IReadOnlyDictionary<string, ParsedTemplate> partials, IReadOnlyDictionary<string, ParsedTemplate> letters) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        var name = ParsedTemplate.NameOf(templateName);
        if (partials.TryGetValue(name, out var partial)) return partial.SourcePath;
        var letter = letters.GetValueOrDefault(name) is { } l
            ? $" {l.SourcePath} er en skabelon for et udfald; en delskabelon ligger i templates/{BegrundelseTemplates.PartialsFolder}/."
            : "";
        throw new ScriptRuntimeException(callerSpan,
            $"Delskabelonen '{templateName}' findes ikke.{letter} Kendte delskabeloner: {string.Join(", ", partials.Keys.Order(StringComparer.Ordinal))}.");
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        partials.Values.FirstOrDefault(p => p.SourcePath == templatePath)?.Text
        ?? throw new ScriptRuntimeException(callerSpan, $"Delskabelonen '{templatePath}' findes ikke.");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        new((string?)Load(context, callerSpan, templatePath));

    /// <summary>Puts the parsed partials in the context's include cache, so an include never parses again.</summary>
    public void Prime(TemplateContext context)
    {
        foreach (var p in partials.Values) context.CachedTemplates[p.SourcePath] = p.Template;
    }
}
