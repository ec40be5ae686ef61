using System.Collections.Frozen;
using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// The begrundelse templates of one ruleset version, parsed once and kept next to its CompiledVersion. Immutable and
/// shared by all requests; every render gets its own TemplateContext with tight limits.
/// </summary>
public sealed class BegrundelseTemplates
{
    public const string DefaultName = "default";

    /// <summary>
    /// How much processor time one render may use before it is stopped (the rendering thread's, so a busy machine does
    /// not stop normal letters); whatever happens, a render is stopped at ten times this in wall-clock time.
    /// </summary>
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The folder below a ruleset's templates/ (or a version's folder in it) that holds the ruleset's own partials.</summary>
    public const string PartialsFolder = "partials";

    private readonly FrozenDictionary<string, ParsedTemplate> _documents;
    private readonly PartialLoader _loader;

    private BegrundelseTemplates(string rulesetId, DateOnly validFrom, FrozenDictionary<string, ParsedTemplate> documents,
        FrozenDictionary<string, ParsedTemplate> ownPartials, FrozenDictionary<string, ParsedTemplate> partials)
    {
        RulesetId = rulesetId;
        ValidFrom = validFrom;
        _documents = documents;
        OwnPartials = ownPartials;
        Partials = partials;
        _loader = new PartialLoader(partials, documents);
    }

    public string RulesetId { get; }
    public DateOnly ValidFrom { get; }

    /// <summary>The letters by outcome name: the ruleset's templates/*.scriban, overridden by the version's folder.</summary>
    public IReadOnlyDictionary<string, ParsedTemplate> Documents => _documents;

    /// <summary>The ruleset's own partials (templates/partials/*.scriban, overridden by the version's folder).</summary>
    public IReadOnlyDictionary<string, ParsedTemplate> OwnPartials { get; }

    /// <summary>What `include` can reach: the ruleset's own partials and the shared ones in rules/templates/.</summary>
    public IReadOnlyDictionary<string, ParsedTemplate> Partials { get; }

    /// <summary>Every template the ruleset itself holds for this version, its letters and its own partials, by source path.</summary>
    public IEnumerable<ParsedTemplate> OwnTemplates =>
        _documents.Values.Concat(OwnPartials.Values).OrderBy(t => t.SourcePath, StringComparer.Ordinal);

    /// <summary>
    /// Parses the templates that apply to the version valid from <paramref name="validFrom"/>. A ruleset's templates/
    /// holds its letters (one per outcome, or default.scriban) and, in partials/, the partials its letters include;
    /// a subfolder named by validFrom (templates/2023-10-01/, templates/2023-10-01/partials/) overrides same-named files
    /// for that version. Folders of other versions are ignored; any other folder is an error. A ruleset's template may
    /// not take the name of a shared partial: `include "klagevejledning"` always means the shared one.
    /// </summary>
    public static BegrundelseTemplates Compile(string rulesetId, DateOnly validFrom,
        IReadOnlyList<TemplateFile> rulesetTemplates, IReadOnlyList<TemplateFile> sharedTemplates)
    {
        var versionFolder = validFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var shared = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        foreach (var file in sharedTemplates)
        {
            if (file.Path.Contains('/'))
                throw new BegrundelseException($"rules/templates/{file.Path}", null, null, "Fælles delskabeloner ligger direkte i rules/templates/.");
            var parsed = ParsedTemplate.Parse($"rules/templates/{file.Path}", file.Text);
            shared[parsed.Name] = parsed;
        }

        var documents = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        var partials = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        var versionDocuments = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        var versionPartials = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        foreach (var file in rulesetTemplates)
        {
            var sourcePath = $"rules/{rulesetId}/templates/{file.Path}";
            var target = file.Path.Split('/') switch
            {
                [_] => documents,
                [PartialsFolder, _] => partials,
                [var date, _] when IsDate(date) => date == versionFolder ? versionDocuments : null,
                [var date, PartialsFolder, _] when IsDate(date) => date == versionFolder ? versionPartials : null,
                _ => throw new BegrundelseException(sourcePath, null, null,
                    $"Skabeloner ligger direkte i templates/, delskabeloner i templates/{PartialsFolder}/, og en versions egne i en mappe " +
                    $"opkaldt efter dens gyldig-fra-dato (templates/2023-10-01/, templates/2023-10-01/{PartialsFolder}/)."),
            };
            if (target is null) continue;
            var parsed = ParsedTemplate.Parse(sourcePath, file.Text);
            if (shared.TryGetValue(parsed.Name, out var clash))
                throw new BegrundelseException(sourcePath, null, null,
                    $"Navnet '{parsed.Name}' er en fælles delskabelon ({clash.SourcePath}), som `include \"{parsed.Name}\"` altid henter. " +
                    "Giv regelsættets egen skabelon et andet navn, og inkluder den under det navn.");
            target[parsed.Name] = parsed;
        }
        foreach (var (name, t) in versionDocuments) documents[name] = t;
        foreach (var (name, t) in versionPartials) partials[name] = t;

        var reachable = new Dictionary<string, ParsedTemplate>(shared, StringComparer.Ordinal);
        foreach (var (name, t) in partials) reachable[name] = t;
        return new BegrundelseTemplates(rulesetId, validFrom, documents.ToFrozenDictionary(StringComparer.Ordinal),
            partials.ToFrozenDictionary(StringComparer.Ordinal), reachable.ToFrozenDictionary(StringComparer.Ordinal));

        static bool IsDate(string folder) =>
            DateOnly.TryParseExact(folder, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    /// <summary>Convenience for the server: the templates of one version from the content read from rules/.</summary>
    public static BegrundelseTemplates Compile(RulesetContent ruleset, DateOnly validFrom, RulesContent rules) =>
        Compile(ruleset.Definition.Id, validFrom, ruleset.Templates, rules.SharedTemplates);

    /// <summary>The templates of every version of a ruleset, by validFrom.</summary>
    public static IReadOnlyDictionary<DateOnly, BegrundelseTemplates> CompileAll(RulesetContent ruleset, RulesContent rules) =>
        ruleset.Versions.ToDictionary(v => v.ValidFrom, v => Compile(ruleset, v.ValidFrom, rules));

    /// <summary>The template for an outcome: &lt;outcome&gt;.scriban, else default.scriban, else null.</summary>
    public ParsedTemplate? ForOutcome(string outcome) =>
        _documents.GetValueOrDefault(outcome) ?? _documents.GetValueOrDefault(DefaultName);

    /// <summary>
    /// Renders the begrundelse of a determined evaluation. Throws BegrundelseException (naming template and line) when
    /// no template fits, a name is unknown, a value to print is empty, or a limit (loops, size, 1 second) is hit.
    /// </summary>
    public string Render(CompiledVersion version, RulesetDefinition ruleset, EvaluationResult result,
        IReadOnlyDictionary<string, string>? notes, BegrundelseFormat format = BegrundelseFormat.Text,
        Letters.Letterhead? letterhead = null, CancellationToken cancellationToken = default)
    {
        if (version.RulesetId != RulesetId || version.ValidFrom != ValidFrom)
            throw new ArgumentException(
                $"Skabelonerne hører til {RulesetId} {ValidFrom:yyyy-MM-dd}, ikke til {version.RulesetId} {version.ValidFrom:yyyy-MM-dd}.",
                nameof(version));
        if (result.Status == EvaluationStatus.Determined && result.Outcome is null)
            throw new BegrundelseException($"rules/{RulesetId}/templates", null, null,
                "Ingen regel passede, så der er intet udfald at begrunde.");
        var model = BegrundelseModel.Build(version, ruleset, result, notes, letterhead);
        var template = ForOutcome(result.Outcome!)
            ?? throw new BegrundelseException($"rules/{RulesetId}/templates/{result.Outcome}{ParsedTemplate.Extension}", null, null,
                $"Der er ingen skabelon for udfaldet '{result.Outcome}' og ingen {DefaultName}{ParsedTemplate.Extension}.");
        var text = LetterLayout.Text(RenderRaw(template, model, cancellationToken));
        if (text.Length == 0)
            throw new BegrundelseException(template.SourcePath, null, null, "Skabelonen gav en tom begrundelse.");
        return format == BegrundelseFormat.Html ? LetterLayout.Html(text) : text;
    }

    /// <summary>Runs one template against a model in a fresh, locked-down context.</summary>
    internal string RenderRaw(ParsedTemplate template, ScriptObject model, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var timeLimit = limit ?? RenderTimeout;
        var context = new BegrundelseContext(timeLimit, BuiltinsForOneRender(), model)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedIndexerAccess = false,
            EnableRelaxedFunctionAccess = false,
            EnableRelaxedTargetAccess = false,
            // Only our ScriptObjects have members; no .NET property or field is ever reachable.
            MemberFilter = _ => false,
            LoopLimit = 1000,
            RecursiveLimit = 20,
            ObjectRecursionLimit = 10,
            LimitToString = 100_000,
            OutputLimit = 200_000,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            OnStringLimit = ScriptLimitBehavior.Throw,
            RegexTimeOut = TimeSpan.FromMilliseconds(100),
            TemplateLoader = _loader,
            CancellationToken = cancellationToken,
        };
        _loader.Prime(context);
        context.PushCulture(Formatting.DanishFormat.Culture);
        context.PushGlobal(TemplateFunctions.Shared);
        model.SetValue("sats", SatsFunction, true);
        context.PushGlobal(model);
        // Assignments in a template land here, never in the model.
        context.PushGlobal(new ScriptObject());
        try
        {
            return template.Template.Render(context);
        }
        catch (Exception ex) when (ex is ScriptRuntimeException or OperationCanceledException
                                   && (context.TimedOut || cancellationToken.IsCancellationRequested))
        {
            var span = ex is ScriptRuntimeException sre ? sre.Span : context.CurrentSpan;
            var detail = cancellationToken.IsCancellationRequested
                ? "Dannelsen af begrundelsen blev afbrudt."
                : context.StoppedByWallClock && context.CountsProcessorTime
                    ? $"Skabelonen var ikke færdig efter {context.WallLimit.TotalMilliseconds:0} ms og blev stoppet."
                    : $"Skabelonen brugte mere end {timeLimit.TotalMilliseconds:0} ms og blev stoppet{(context.CountsProcessorTime ? " (regnetid)" : "")}.";
            throw Describe(template, span.FileName, span.Start.Line, span.Start.Column, detail, ex);
        }
        catch (ScriptRuntimeException ex)
        {
            var error = Describe(template, ex.Span.FileName, ex.Span.Start.Line, ex.Span.Start.Column, Detail(ex), ex);
            var missing = FindInner<TemplateFunctions.MissingNoteException>(ex);
            var blank = FindInner<BegrundelseContext.BlankValueException>(ex) is not null;
            throw missing is not null || blank
                ? new BegrundelseException(error.Template, error.Line, error.Column, error.Detail, ex) { MissingNote = missing?.Fact, BlankValue = blank }
                : error;
        }
        catch (Exception ex) when (ex is not BegrundelseException and not OutOfMemoryException)
        {
            // Anything Scriban did not wrap still fails as a template error at the node being evaluated.
            var span = context.CurrentSpan;
            throw Describe(template, span.FileName, span.Start.Line, span.Start.Column, ex.Message, ex);
        }
    }

    // Scriban's builtin modules (array, string, math, ...) are tables of functions: built once, made read-only and shared
    // by every render instead of a deep copy per render (about 33 KB). `date` has settable state (date.format), so each
    // render gets its own copy of it. A letter depends on the decision, not on when it is printed: the clock is not
    // available (use decisionDate).
    private static readonly ScriptObject SharedBuiltins = CreateSharedBuiltins();
    private static readonly ScriptObject SharedDate = (ScriptObject)SharedBuiltins["date"]!;

    private static ScriptObject CreateSharedBuiltins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        var date = (ScriptObject)builtins["date"]!;
        date.Remove("now");
        date.Remove("utc_now");
        foreach (var (name, value) in builtins)
            if (name != "date" && value is ScriptObject module) module.IsReadOnly = true;
        return builtins;
    }

    private static ScriptObject BuiltinsForOneRender()
    {
        var builtins = (ScriptObject)SharedBuiltins.Clone(false);
        builtins.SetValue("date", SharedDate.Clone(true), true);
        return builtins;
    }

    // `sats "key"` finds the sats in the model of the render it is called from; created once, not per render.
    private static readonly object SatsFunction = TemplateFunctions.Function("sats",
        new Func<TemplateContext, string, ScriptObject>((context, key) => FindSats(((BegrundelseContext)context).Model, key)));

    private static BegrundelseException Describe(ParsedTemplate template, string? file, int line, int column, string detail, Exception inner) =>
        string.IsNullOrEmpty(file)
            ? new BegrundelseException(template.SourcePath, null, null, detail, inner)
            : new BegrundelseException(file, line + 1, column + 1, detail, inner);

    private static T? FindInner<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    private static string Detail(ScriptRuntimeException ex)
    {
        var detail = ex.OriginalMessage ?? ex.Message;
        if (ex.InnerException is { } inner and not ScriptRuntimeException && !detail.Contains(inner.Message, StringComparison.Ordinal))
            detail += " " + inner.Message;
        return ScribanMessages.Danish(detail);
    }

    private static ScriptObject FindSats(ScriptObject model, string key)
    {
        var satser = model["satser"] as ScriptArray ?? [];
        foreach (var s in satser.OfType<ScriptObject>())
            if (s["key"] as string == key) return s;
        var used = satser.OfType<ScriptObject>().Select(s => s["key"] as string).ToList();
        throw new ArgumentException($"Satsen '{key}' er ikke brugt i denne afgørelse. " +
            (used.Count == 0 ? "Afgørelsen bruger ingen satser." : $"Brugte satser: {string.Join(", ", used)}."));
    }
}
