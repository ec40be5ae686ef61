using System.Diagnostics;
using System.Text.Json;
using Serviceloven.Server.Cli;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server.Tests.Cli;

/// <summary>
/// "caseload generate" and "simulate" (#19): the same file for the same arguments; a simulation against a local
/// database with a pending sats revision on side B; exit 0 when all went through, 1 when rows did not bind or cases
/// errored, 2 for a wrong side, option or file, with the reason on stderr.
/// </summary>
public sealed class SimulationCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sl-simcli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Generate_writes_the_same_caseload_for_the_same_arguments_to_a_file_or_stdout()
    {
        var file = Path.Combine(_folder, "a.csv");
        var (code, _, error) = await Run("caseload", "generate", "--ruleset", "sel-161", "--n", "300", "--seed", "7", "--date", "2014-08-01", "--out", file, "--rules", RulesServerFactory.RulesFolder);
        Assert.Equal(0, code);
        Assert.Contains("Skrev 300 syntetiske sager af sel-161", error);
        var (again, stdout, _) = await Run("caseload", "generate", "--ruleset", "sel-161", "--n", "300", "--seed", "7", "--date", "2014-08-01", "--rules", RulesServerFactory.RulesFolder);
        Assert.Equal(0, again);
        Assert.Equal(await File.ReadAllTextAsync(file), stdout);
        var lines = stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(301, lines.Length);
        Assert.StartsWith("afgørelsesdato;", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("01-08-2014;", l));

        var (other, otherSeed, _) = await Run("caseload", "generate", "--ruleset", "sel-161", "--n", "300", "--seed", "8", "--date", "2014-08-01", "--rules", RulesServerFactory.RulesFolder);
        Assert.Equal(0, other);
        Assert.NotEqual(stdout, otherSeed);
    }

    [Theory]
    [InlineData(new[] { "caseload" }, "'caseload' mangler en underkommando: generate.")]
    [InlineData(new[] { "caseload", "generate", "--n", "5" }, "'caseload generate' mangler --ruleset <id>.")]
    [InlineData(new[] { "caseload", "generate", "--ruleset", "sel-161", "--n", "0" }, "--n skal være mindst 1.")]
    [InlineData(new[] { "caseload", "generate", "--ruleset", "sel-999", "--n", "5" }, "--ruleset: regelsættet 'sel-999' findes ikke")]
    [InlineData(new[] { "caseload", "generate", "--ruleset", "sel-161", "--n", "5", "--date", "1-8-2014" }, "--date: '1-8-2014' er ikke en dato (ÅÅÅÅ-MM-DD).")]
    [InlineData(new[] { "simulate", "--caseload", "x.csv" }, "'simulate' mangler --b <side>.")]
    [InlineData(new[] { "simulate", "--caseload", "x.csv", "--b", "udkast:4" }, "--b: 'udkast:4' er ikke en side")]
    [InlineData(new[] { "simulate", "--caseload", "x.csv", "--b", "draft:4+draft:5" }, "--b: 'draft:4+draft:5' nævner to kladder.")]
    [InlineData(new[] { "simulate", "--caseload", "x.csv", "--b", "sats:4@2027-13-01" }, "--b: '2027-13-01' er ikke en dato (ÅÅÅÅ-MM-DD).")]
    [InlineData(new[] { "simulate", "--caseload", "x.csv", "--b", "published", "--as-of", "i går" }, "--as-of: 'i går' er ikke et tidspunkt")]
    [InlineData(new[] { "simulate", "--caseload", "x.csv", "--b", "published", "--out", "rapport.pdf" }, "--out: 'rapport.pdf' skal ende på .html, .csv eller .json.")]
    [InlineData(new[] { "simulate", "--caseload", "/findes/ikke.csv", "--b", "published" }, "--caseload: filen '/findes/ikke.csv' findes ikke.")]
    public async Task A_wrong_option_side_or_file_exits_2_naming_it(string[] args, string message)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, error);
    }

    [Theory]
    [InlineData("published", null, null, null)]
    [InlineData("published@2026-06-01", null, null, "2026-06-01")]
    [InlineData("draft:42@2027-01-01", 42L, null, "2027-01-01")]
    [InlineData("sats:7", null, 7L, null)]
    [InlineData("draft:42+sats:7@2027-01-01", 42L, 7L, "2027-01-01")]
    public void A_side_names_its_rules_and_its_date(string text, long? draft, long? sats, string? date)
    {
        var side = SimulationCommands.ParseSide(text, "--b");
        Assert.Equal(draft, side.DraftId);
        Assert.Equal(sats, side.SatsRevisionId);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), side.Date);
    }

    [Fact]
    public async Task Simulate_against_the_local_database_exits_0_1_or_2_and_writes_the_report_by_its_extension()
    {
        // The shipped rules in a database of this test's own, and a pending revision of sel-161's minimum hourly payment (+2 kr. in 2014).
        var databasePath = Path.Combine(_folder, "rules.db");
        var database = new SqliteDatabase(new StoreOptions { DatabasePath = databasePath });
        new MigrationRunner(database).Apply();
        var audit = new AuditLog(database, TimeProvider.System);
        var versions = new VersionRepository(database, audit, TimeProvider.System);
        var revisions = new RevisionRepository(database, audit, TimeProvider.System);
        new RulesTransfer(database, versions, revisions, audit, TimeProvider.System).Import(RulesServerFactory.RulesFolder);
        var published = revisions.LatestSatser().Single(s => s.Series.Key == "sel-161.timebetalingMindst").Series;
        var regulated = published with { Values = published.Values.Select(v => v.ValidFrom.Year == 2014 ? v with { Value = v.Value + 2 } : v).ToList() };
        var satsId = revisions.CreateSatsDraft(regulated, null, "test", "simulering fra kommandolinjen");

        var caseload = Path.Combine(_folder, "sel-161.csv");
        Assert.Equal(0, (await Run("caseload", "generate", "--ruleset", "sel-161", "--n", "500", "--seed", "7", "--date", "2014-08-01", "--out", caseload, "--rules", RulesServerFactory.RulesFolder)).Code);

        // 0: every row bound and no case errored; the JSON report holds the kroner the revision moves.
        var json = Path.Combine(_folder, "rapport.json");
        var ok = await Process(databasePath, "simulate", "--caseload", caseload, "--ruleset", "sel-161", "--a", "published@2014-08-01", "--b", $"sats:{satsId}@2014-08-01", "--out", json);
        Assert.True(ok.Code == 0, ok.Error + ok.Output);
        Assert.Contains($"B: Offentliggjort med satsrevision nr. {satsId}", ok.Output);
        Assert.Contains("500 sager kørt på begge sider, 0 rækker kunne ikke læses", ok.Output);
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(json)))
        {
            Assert.Equal(500, report.RootElement.GetProperty("cases").GetInt64());
            var moved = report.RootElement.GetProperty("amounts").EnumerateArray().Where(a => a.GetProperty("totalB").GetDecimal() != a.GetProperty("totalA").GetDecimal()).ToList();
            Assert.NotEmpty(moved);
            Assert.All(moved, a => Assert.True(a.GetProperty("totalB").GetDecimal() > a.GetProperty("totalA").GetDecimal()));
        }

        // 1: done, but a row did not bind; said on stderr with its row and field; the HTML report is written with its charts.
        var broken = Path.Combine(_folder, "med-fejl.csv");
        var lines = (await File.ReadAllLinesAsync(caseload)).ToList();
        var header = lines[0].Split(';');
        var income = Array.IndexOf(header, "Indkomstgrundlag (bekendtgørelse nr. 343 § 3)");
        var cells = lines[3].Split(';');
        cells[income] = "mange penge";
        lines[3] = string.Join(';', cells);
        await File.WriteAllLinesAsync(broken, lines);
        var html = Path.Combine(_folder, "rapport.html");
        var partly = await Process(databasePath, "simulate", "--caseload", broken, "--ruleset", "sel-161", "--a", "published@2014-08-01", "--b", $"sats:{satsId}@2014-08-01", "--out", html);
        Assert.True(partly.Code == 1, partly.Error + partly.Output);
        Assert.Contains("Kørt, men 1 rækker kunne ikke læses", partly.Error);
        // Row numbers as a spreadsheet shows them: the header is row 1, so the third case is row 4.
        Assert.Contains("første: række 4, Indkomstgrundlag (bekendtgørelse nr. 343 § 3): \"mange penge\"", partly.Error);
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<svg", page);

        // 2: a CPR-like column is refused by name, and nothing is written.
        var cpr = Path.Combine(_folder, "cpr.csv");
        await File.WriteAllTextAsync(cpr, "personnummer;Indkomstgrundlag (bekendtgørelse nr. 343 § 3)\n010190-1234;1000\n");
        var refused = await Process(databasePath, "simulate", "--caseload", cpr, "--ruleset", "sel-161", "--b", "published", "--out", Path.Combine(_folder, "cpr.html"));
        Assert.True(refused.Code == 2, refused.Error + refused.Output);
        Assert.Contains("personnummer", refused.Error);
        Assert.False(File.Exists(Path.Combine(_folder, "cpr.html")));
        var wrongRuleset = await Process(databasePath, "simulate", "--caseload", caseload, "--ruleset", "sel-161", "--b", "sats:999999");
        Assert.True(wrongRuleset.Code == 2, wrongRuleset.Error + wrongRuleset.Output);
        Assert.Contains("Satsrevision nr. 999999 (side B) findes ikke.", wrongRuleset.Error);
    }

    /// <summary>The verb as a real process on the server binary, against <paramref name="databasePath"/>.</summary>
    private static async Task<(int Code, string Output, string Error)> Process(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Serviceloven.Server.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Store__DatabasePath"] = databasePath;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
