using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Transfer;
using Xunit.Abstractions;

namespace Serviceloven.Adversarial.Tests.EngineFuzz;

/// <summary>
/// TEMPLATE_N generated and mutated begrundelse templates (600 in CI) parsed and rendered on a real evaluation (§ 3 a,
/// a worked case): nothing but BegrundelseException is thrown, no render uses more processor time than the limit (1 s,
/// plus a margin for the check's interval), none runs past the wall-clock stop, and nothing of .NET (type names,
/// members, the clock, files) comes out.
/// </summary>
public sealed partial class TemplateFuzzTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>
{
    private static readonly TimeSpan Limit = BegrundelseTemplates.RenderTimeout + TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan WallLimit = BegrundelseTemplates.RenderTimeout * 10 + TimeSpan.FromSeconds(2);

    private static readonly string[] Names =
    [
        "outcome", "facts", "factList", "discretionary", "decisiveDiscretionary", "derived", "outputs", "decisiveRows", "references",
        "reasons", "notMatchedRows", "satser", "ruleset", "version", "decisionDate", "facts.provision", "outputs.noticeWeeks", "ruleset.title",
    ];

    private static readonly string[] Functions = ["kr", "tal", "dato", "periode", "liste", "paragraf", "flertal", "antal", "citat", "bemaerkning", "sats"];

    /// <summary>What an attacker or a careless editor writes: escapes to .NET, endless loops, recursion, huge output, includes, the clock.</summary>
    private static readonly string[] Hostile =
    [
        "{{ while true }}x{{ end }}", "{{ for i in 1..100000 }}{{ i }}{{ end }}", "{{ for a in 1..999 }}{{ for b in 1..999 }}{{ end }}{{ end }}",
        "{{ func f; ret f; end; f }}", "{{ func r(x); ret r(x); end; r 1 }}", "{{ include 'x' }}", "{{ include 'klagevejledning' }}",
        "{{ include '../../../etc/passwd' }}", "{{ include '/etc/passwd' }}", "{{ import 'System' }}", "{{ import System }}", "{{ outcome | object.typeof }}",
        "{{ date.now }}", "{{ date.utc_now }}", "{{ this }}", "{{ $ }}", "{{ $0 }}", "{{ outcome.GetType }}", "{{ outcome.get_type }}",
        "{{ facts.GetType.Assembly }}", "{{ object.kind outcome }}", "{{ '' | string.pad_left 10000000 }}", "{{ 'ab' | string.repeat 10000000 }}",
        "{{ array.size (1..10000000) }}", "{{ 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' | regex.match '(a+)+$' }}", "{{ 1/0 }}",
        "{{ 10000000000000000000 * 100000000000000000000 }}", "{{ capture x }}{{ facts }}{{ end }}{{ x }}", "{{ with outcome }}{{ end }}",
        "{{ ret }}", "{{ break }}", "{{ ~ }}", "{{ }}", "{{", "}}", "{{ facts | object.keys }}", "{{ empty }}", "{{ null }}", "{{ ukendt }}",
        "{{ facts.ukendt }}", "{{ bemaerkning 'ukendt' }}", "{{ sats 'ukendt' }}", "{{ kr 'x' }}", "{{ dato 1 }}", "{{ liste facts }}",
        "{{ tablerow x in 1..3 }}{{ x }}{{ end }}", "{{ [1,2,3] | array.join ',' }}", "{{ 'x' | html.escape }}", "{{ x = facts; x.y = 1 }}",
        "{{ facts.provision = 'sel-1' }}{{ facts.provision }}", "{{ outputs[0] }}", "{{ 'System.IO.File' | object.eval }}",
        "{{ object.eval_template '{{ 1 + 1 }}' }}", "{{ string.to_int '99999999999999999999' }}", "{{ math.random 1 10 }}",
        "{{ timespan.from_days 1e308 }}", "{{ date.parse 'x' }}", "{{ (1..3) | array.each @string.upcase }}", "{{ @object.typeof }}",
        "\u0000", "\ud800", "{{ '\ud800' }}", "{{# kommentar }}", "{{ end }}", "{{ if }}", "{{ else }}",
    ];

    private static Gen<string> Fragment() => Gen.Frequency(
        (3, Gen.Elements("Afgørelse ", "\n", "æøå ", "Du har søgt. ", "{", "}", "{{ '{{' }}", "\\", "$", "<b>")),
        (4, Gen.Elements(Names).Select(n => $"{{{{ {n} }}}}")),
        (2, from f in Gen.Elements(Functions) from n in Gen.Elements(Names) select $"{{{{ {f} {n} }}}}"),
        (2, from n in Gen.Elements(Names) select $"{{{{ for x in {n} }}}}{{{{ x }}}}{{{{ end }}}}"),
        (2, from n in Gen.Elements(Names) select $"{{{{ if {n} }}}}ja{{{{ else }}}}nej{{{{ end }}}}"),
        (5, Gen.Elements(Hostile)));

    private static Gen<string> Template() =>
        from parts in Fragment().ArrayOf()
        from mutate in Gen.Choose(0, 3)
        from at in Gen.Choose(0, 1000)
        from c in Gen.Elements("{", "}", "{{", "}}", "'", "\"", "|", ".", " ", "end", "\0")
        select Mutated(string.Concat(parts.Take(6)), mutate == 0, at, c);

    private static string Mutated(string text, bool mutate, int at, string c) =>
        !mutate || text.Length == 0 ? text : text.Insert(at % text.Length, c);

    [Fact]
    public async Task Generated_templates_fail_only_with_begrundelse_errors_within_the_time_limit_and_never_reach_dotnet()
    {
        var n = Repository.Setting("TEMPLATE_N", 600);
        var seed = Repository.Seed("TEMPLATE_SEED");
        var rules = RulesFolder.Read(Repository.RulesFolder);
        var ruleset = rules.Rulesets.Single(r => r.Definition.Id == "sel-3a");
        var version = ruleset.Versions.Single();
        var cv = VersionCompiler.Compile("sel-3a", version);
        var testCase = ruleset.Tests.SelectMany(t => t.Suite.Cases).First(c => c.Expect.Outcome is not null);
        var result = await Evaluator.EvaluateAsync(cv, testCase.DecisionDate,
            FactBinder.Bind(cv.Facts, testCase.Facts), SatsCatalog.Empty, LookupCatalog.Empty);
        Assert.Equal(EvaluationStatus.Determined, result.Status);

        var failures = new List<string>();
        int parseErrors = 0, renderErrors = 0, rendered = 0;
        var slowest = TimeSpan.Zero;
        var slowestWall = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        var templates = Gen.Sample(Template(), n, new Rnd(seed, 0x9E3779B97F4A7C15), 20);
        foreach (var text in templates)
        {
            BegrundelseTemplates compiled;
            try { compiled = BegrundelseTemplates.Compile("sel-3a", version.ValidFrom, [new TemplateFile(result.Outcome + ".scriban", text)], rules.SharedTemplates); }
            catch (BegrundelseException) { parseErrors++; continue; }
            catch (Exception ex) { failures.Add($"indlæsningen kastede {ex.GetType().Name}: {ex.Message} :: {text}"); continue; }
            // A render runs on this thread: its processor time is what the limit counts.
            var cpu = ThreadCpuClock.Now();
            var clock = Stopwatch.StartNew();
            try
            {
                var letter = compiled.Render(cv, ruleset.Definition, result, testCase.Notes, BegrundelseFormat.Text);
                rendered++;
                if (TypeName().IsMatch(letter))
                    failures.Add($"begrundelsen viser en .NET-type ({TypeName().Match(letter).Value}…): {Clip(letter[Math.Max(0, TypeName().Match(letter).Index - 80)..])} :: {text}");
                if (letter.Contains(DateTime.UtcNow.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture)) && !text.Contains(DateTime.UtcNow.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture)))
                    failures.Add($"begrundelsen viser måske uret: {Clip(letter)} :: {text}");
            }
            catch (BegrundelseException) { renderErrors++; }
            catch (Exception ex) { failures.Add($"dannelsen kastede {ex.GetType().Name}: {ex.Message} :: {text}"); }
            var used = cpu is { } before && ThreadCpuClock.Now() is { } after ? after - before : clock.Elapsed;
            if (used > slowest) slowest = used;
            if (clock.Elapsed > slowestWall) slowestWall = clock.Elapsed;
            if (used > Limit) failures.Add($"dannelsen brugte {used.TotalMilliseconds:0} ms regnetid :: {text}");
            if (clock.Elapsed > WallLimit) failures.Add($"dannelsen tog {clock.ElapsedMilliseconds} ms :: {text}");
        }
        figures.Print(output, $"Skabelon-fuzz: {n} skabeloner (TEMPLATE_SEED={seed}) på {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; " +
                              $"afvist ved indlæsning: {parseErrors}, afvist ved dannelse: {renderErrors}, dannet: {rendered}; andre undtagelser eller over tid: {failures.Count}; " +
                              $"langsomste dannelse {slowest.TotalMilliseconds:0} ms {(ThreadCpuClock.Available ? "regnetid" : "")} (grænse {BegrundelseTemplates.RenderTimeout.TotalMilliseconds:0} ms), " +
                              $"{slowestWall.TotalMilliseconds:0} ms på uret");
        foreach (var f in failures.Distinct().Take(30)) output.WriteLine("FEJL: " + f);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_runaway_template_is_stopped_at_the_real_limit_and_normal_letters_render()
    {
        var rules = RulesFolder.Read(Repository.RulesFolder);
        var ruleset = rules.Rulesets.Single(r => r.Definition.Id == "sel-3a");
        var version = ruleset.Versions.Single();
        var cv = VersionCompiler.Compile("sel-3a", version);
        var testCase = ruleset.Tests.SelectMany(t => t.Suite.Cases).First(c => c.Expect.Outcome is not null);
        var result = await Evaluator.EvaluateAsync(cv, testCase.DecisionDate,
            FactBinder.Bind(cv.Facts, testCase.Facts), SatsCatalog.Empty, LookupCatalog.Empty);
        var normal = BegrundelseTemplates.Compile(ruleset, version.ValidFrom, rules);
        // Work every count limit allows (1,000 iterations, strings under the size limit) that takes far more than 1 s.
        var step = string.Concat(Enumerable.Repeat(" | string.upcase | string.downcase", 15));
        var runaway = BegrundelseTemplates.Compile("sel-3a", version.ValidFrom,
            [new TemplateFile(result.Outcome + ".scriban", $"Tekst\n\n{{{{ for i in 1..999; a = 'a' | string.pad_left 99000{step}; end }}}}\n")], rules.SharedTemplates);

        var letters = Enumerable.Range(0, 20).Count(_ => normal.Render(cv, ruleset.Definition, result, testCase.Notes, BegrundelseFormat.Text).Length > 0);
        var cpu = ThreadCpuClock.Now();
        var wall = Stopwatch.StartNew();
        var ex = Assert.Throws<BegrundelseException>(() => runaway.Render(cv, ruleset.Definition, result, testCase.Notes, BegrundelseFormat.Text));
        var used = cpu is { } before && ThreadCpuClock.Now() is { } after ? after - before : wall.Elapsed;
        figures.Print(output, $"Løbsk skabelon: stoppet efter {used.TotalMilliseconds:0} ms {(ThreadCpuClock.Available ? "regnetid" : "")}, {wall.ElapsedMilliseconds} ms på uret " +
                              $"(grænse {BegrundelseTemplates.RenderTimeout.TotalMilliseconds:0} ms regnetid, 10 gange så meget på uret): {ex.Detail}; almindelige breve dannet: {letters} af 20");
        Assert.Equal(20, letters);
        // By its processor time, or, on a machine so busy that the thread got less than a tenth of a core, by the wall clock.
        Assert.Matches("brugte mere end 1000 ms og blev stoppet|var ikke færdig efter 10000 ms", ex.Detail);
        Assert.True(used < Limit, $"den løbske skabelon brugte {used.TotalMilliseconds:0} ms regnetid");
    }

    /// <summary>A .NET type's full name (System.Collections.Generic…, Serviceloven.Engine…): what a template reaching .NET would print.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(System|Microsoft|Scriban|Serviceloven)\.[A-Z][A-Za-z]+[.`]")]
    private static partial System.Text.RegularExpressions.Regex TypeName();

    private static string Clip(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
