using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serviceloven.Admin.Simulation;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Transfer;

namespace Serviceloven.Server.Cli;

/// <summary>
/// The caseload verbs: "caseload generate" writes a seeded synthetic caseload from a ruleset's facts and test cases in
/// rules/; "simulate" runs a caseload file on two sides against the local database, as the admin page does.
/// </summary>
public static partial class SimulationCommands
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="count"/> cases of <paramref name="rulesetId"/> from the version in force on
    /// <paramref name="date"/> (null: the latest version's validFrom, so the same arguments always give the same file).
    /// </summary>
    public static int Generate(string rulesDir, string rulesetId, int count, int seed, DateOnly? date, string? outFile, TextWriter output, TextWriter error)
    {
        if (count < 1) return Usage(error, "--n skal være mindst 1.");
        var content = RulesFolder.Read(rulesDir);
        var ruleset = content.Rulesets.FirstOrDefault(r => r.Definition.Id == rulesetId);
        if (ruleset is null || ruleset.Versions.Count == 0)
            return Usage(error, $"--ruleset: regelsættet '{rulesetId}' findes ikke i {rulesDir} (kendte: {string.Join(", ", content.Rulesets.Select(r => r.Definition.Id).Order(StringComparer.Ordinal))}).");
        var versions = ruleset.Versions.OrderBy(v => v.ValidFrom).ToList();
        var decisionDate = date ?? versions[^1].ValidFrom;
        var version = versions.LastOrDefault(v => v.ValidFrom <= decisionDate) ?? versions[0];
        var examples = ruleset.Tests.SelectMany(t => t.Suite.Cases).ToList();
        if (outFile is null)
        {
            CaseloadGenerator.WriteCsv(output, version.Facts, examples, count, seed, decisionDate);
            return ExitCodes.Ok;
        }
        WriteWhole(outFile, writer => CaseloadGenerator.WriteCsv(writer, version.Facts, examples, count, seed, decisionDate));
        error.WriteLine($"Skrev {count.ToString("N0", Danish)} syntetiske sager af {rulesetId} (version fra {version.ValidFrom:yyyy-MM-dd}, afgørelsesdato {decisionDate:yyyy-MM-dd}, frø {seed}) til {Path.GetFullPath(outFile)}.");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Runs the caseload on sides <paramref name="a"/> and <paramref name="b"/>; writes the report (HTML, CSV or JSON by the
    /// extension of <paramref name="outFile"/>) and a summary on stdout. 0: done; 1: done, but rows did not bind or
    /// cases errored (said on stderr); 2: the command line, a side or the file is wrong.
    /// </summary>
    public static async Task<int> SimulateAsync(string caseload, string? rulesetId, string a, string b, string? asOfText, string? outFile,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SideChoice sideA, sideB;
        DateTimeOffset? asOf;
        try
        {
            asOf = AsOfText.Parse(asOfText, "--as-of");
            sideA = ParseSide(a, "--a") with { AsOf = asOf };
            sideB = ParseSide(b, "--b") with { AsOf = asOf };
        }
        catch (ArgumentException ex) { return Usage(error, ex.Message); }
        var writeAs = outFile is null ? null : Path.GetExtension(outFile).ToLowerInvariant();
        if (writeAs is not (null or ".html" or ".htm" or ".csv" or ".json"))
            return Usage(error, $"--out: '{outFile}' skal ende på .html, .csv eller .json.");
        if (!File.Exists(caseload)) return Usage(error, $"--caseload: filen '{caseload}' findes ikke.");

        using var services = Services();
        services.GetRequiredService<MigrationRunner>().Apply();
        services.GetRequiredService<SnapshotBuilder>().Reload();
        var simulations = services.GetRequiredService<SimulationService>();
        rulesetId ??= new[] { sideA.DraftId, sideB.DraftId }.OfType<long>().Select(id => simulations.Version(id)?.RulesetId).FirstOrDefault(id => id is not null);
        if (rulesetId is null) return Usage(error, "--ruleset mangler (det kan kun udelades, når en side er en kladde).");

        SimulationReport report;
        try
        {
            var (sa, sb) = simulations.Sides(SimulationChoice.Of(rulesetId, sideA, sideB));
            await using var stream = File.OpenRead(caseload);
            report = await CaseloadSimulator.RunAsync(stream, CaseloadReader.FormatOf(caseload), rulesetId, sa, sb, cancellationToken: cancellationToken);
        }
        catch (ArgumentException ex) { return Usage(error, ex.Message); }
        catch (CaseloadRefusedException ex) { return Usage(error, $"--caseload: {ex.Message}"); }

        if (outFile is not null)
        {
            var text = writeAs switch
            {
                ".csv" => SimulationDocuments.Csv(report),
                ".json" => JsonSerializer.Serialize(report, Json),
                _ => SimulationDocuments.Html(report),
            };
            WriteWhole(outFile, writer => writer.Write(text));
        }
        Summarize(report, outFile, output);
        var errored = report.Transitions.Where(t => IsError(t.From) || IsError(t.To)).Sum(t => t.Count);
        if (report.UnboundRows == 0 && errored == 0) return ExitCodes.Ok;
        error.WriteLine($"Kørt, men {report.UnboundRows.ToString("N0", Danish)} rækker kunne ikke læses og {errored.ToString("N0", Danish)} sager gav fejl eller manglede en version på en af siderne"
            + (report.RowErrors.Count > 0 ? $"; første: række {report.RowErrors[0].Row}, {report.RowErrors[0].Field}: {report.RowErrors[0].Message}" : "") + ".");
        return ExitCodes.Failures;
    }

    /// <summary>
    /// A side as written on the command line: "published", "draft:42" or "sats:7" (a pending sats revision on the published
    /// rules), "draft:42+sats:7" for both, each optionally "@ÅÅÅÅ-MM-DD" for a fixed decision date (else the row's own).
    /// </summary>
    public static SideChoice ParseSide(string text, string option)
    {
        var match = SideSyntax().Match(text.Trim());
        if (!match.Success)
            throw new ArgumentException($"{option}: '{text}' er ikke en side; skriv published, draft:ID eller sats:ID (eller draft:ID+sats:ID), evt. med @ÅÅÅÅ-MM-DD.");
        long? draft = null, sats = null;
        foreach (var part in match.Groups["rules"].Value.Split('+'))
        {
            if (part == "published") continue;
            var (kind, id) = (part[..part.IndexOf(':')], long.Parse(part[(part.IndexOf(':') + 1)..], CultureInfo.InvariantCulture));
            if (kind == "draft") draft = draft is null ? id : throw new ArgumentException($"{option}: '{text}' nævner to kladder.");
            else sats = sats is null ? id : throw new ArgumentException($"{option}: '{text}' nævner to satsrevisioner.");
        }
        DateOnly? date = null;
        if (match.Groups["date"].Success)
        {
            if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new ArgumentException($"{option}: '{match.Groups["date"].Value}' er ikke en dato (ÅÅÅÅ-MM-DD).");
            date = d;
        }
        return new SideChoice(draft, sats, date);
    }

    [GeneratedRegex(@"^(?<rules>published|(?:draft|sats):\d{1,18}(?:\+(?:draft|sats):\d{1,18})?)(?:@(?<date>.+))?$")]
    private static partial Regex SideSyntax();

    private static bool IsError(string outcome) => outcome is OutcomeKeys.Error or OutcomeKeys.NoVersion or OutcomeKeys.Invalid;

    private static void Summarize(SimulationReport r, string? outFile, TextWriter output)
    {
        var n = CultureInfo.GetCultureInfo("da-DK");
        output.WriteLine($"A: {r.A.Name} ({r.A.Description})");
        output.WriteLine($"B: {r.B.Name} ({r.B.Description})");
        output.WriteLine($"{r.Cases.ToString("N0", n)} sager kørt på begge sider, {r.UnboundRows.ToString("N0", n)} rækker kunne ikke læses; {r.OutcomeChanged.ToString("N0", n)} fik et andet udfald, {r.AmountChanged.ToString("N0", n)} et andet beløb ({r.Seconds.ToString("F1", n)} s).");
        foreach (var t in r.Transitions.Where(t => t.From != t.To).OrderByDescending(t => t.Count).Take(10))
            output.WriteLine($"  {t.From} -> {t.To}: {t.Count.ToString("N0", n)}");
        foreach (var x in r.Amounts)
            output.WriteLine($"  {x.Output}: i alt A {x.TotalA.ToString("N2", n)}, B {x.TotalB.ToString("N2", n)}, forskel {x.TotalDifference.ToString("N2", n)}");
        if (outFile is not null) output.WriteLine($"Rapporten er skrevet til {Path.GetFullPath(outFile)}.");
    }

    /// <summary>Writes beside the target and moves it in place, so a failure never leaves half a file under the name asked for.</summary>
    private static void WriteWhole(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, Utf8)) write(writer);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCodes.BadInput;
    }

    /// <summary>The store, the compiled snapshot and the admin's simulation service, without the web host.</summary>
    private static ServiceProvider Services() => StoreCommands.Services(services =>
    {
        services.AddRulesRuntime();
        services.AddSingleton<SimulationService>();
    });
}
