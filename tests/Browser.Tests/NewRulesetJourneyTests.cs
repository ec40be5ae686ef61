using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serviceloven.Engine.Serialization;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Versions;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// A new provision from a blank page to published, without a programmer: a lawyer creates the ruleset sel-test-ny with
/// two facts, a derived value, a UNIQUE table with three rows and a default, an outcome, a template and two test cases,
/// runs the tests and submits; a second person approves; the API answers from it on a date in its period. Then a new
/// version is placed on the timeline and a DMN table is imported into it, and the published state is exported, passes
/// the gate and re-imports byte for byte.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class NewRulesetJourneyTests : BrowserJourney
{
    private const string Approver = "godkender2";
    private const string ApproverPassword = "Godkender-kode-2030";
    private const string Ruleset = "sel-test-ny";

    private readonly List<string> _dialogs = [];

    [Fact]
    public async Task A_lawyer_writes_a_new_ruleset_from_a_blank_page_and_a_second_person_publishes_it()
    {
        await CaptureFailureAsync("new-ruleset", JourneyAsync);
    }

    private async Task JourneyAsync()
    {
        var admin = await Browser.NewPageAsync(Server.BaseUrl);
        admin.Dialog += async (_, dialog) => { _dialogs.Add(dialog.Message); await dialog.DismissAsync(); };

        // The sign-in card has room for its fields (it used to be squeezed into the menu column, one word per line).
        await admin.GotoAsync("/admin");
        var card = await admin.Locator("section.login").BoundingBoxAsync();
        Assert.True(card!.Width > 350, $"Log ind-kortet er {card.Width} px bredt.");
        await BrowserSession.ScreenshotAsync(admin, "10-login", fullPage: false);
        await BrowserSession.SignInAsync(admin, LiveServer.AdminUser, LiveServer.AdminPassword);
        var apiKey = await PrepareApproverAndKeyAsync(admin);

        // A blank page: the new ruleset with its legal basis, a source by document and line, and its first validity.
        await admin.ClickAsync("#new-ruleset");
        await BrowserSession.WaitInteractiveAsync(admin);
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Nyt regelsæt");
        await admin.FillAsync("#rs-id", "Sel Test");
        await Expect(admin.Locator("#rs-id-error")).ToContainTextAsync("små bogstaver");
        await admin.FillAsync("#rs-id", Ruleset);
        await Expect(admin.Locator("#rs-id-error")).ToHaveCountAsync(0);
        await admin.FillAsync("#rs-title", "Tilskud til prøvehjælp (servicelovens § 200)");
        await Fill(admin, "#rs-legal", "Servicelovens § 200 (prøvebestemmelse til test af regeladministrationen)");
        await Fill(admin, "#rs-valid-from", "1.1.2030");
        await Expect(admin.Locator("#rs-valid-from")).ToHaveValueAsync("01-01-2030");
        await admin.ClickAsync("#add-source");
        await admin.SelectOptionAsync("#src-0-doc", "003_e9312490f6af4059.txt");
        await Fill(admin, "#src-0-lines", "55-72");
        await Expect(admin.Locator("#sources-editor .source-shown")).ToContainTextAsync("Vejledning om ledsageordning (2018), l. 55-72");
        await Fill(admin, "#src-0-note", "Prøvebestemmelsen læses som § 97, stk. 1.");
        await BrowserSession.ScreenshotAsync(admin, "11-new-ruleset");
        await admin.ClickAsync("#rs-create");
        await Expect(admin.Locator("h1")).ToContainTextAsync($"{Ruleset} gældende fra 01-01-2030");
        await BrowserSession.WaitInteractiveAsync(admin);
        var draftPath = new Uri(admin.Url).AbsolutePath;

        // Two facts and a derived value, each checked as it is typed.
        await Expect(admin.Locator("#tab-fakta")).ToHaveAttributeAsync("aria-selected", "true");
        await AddFactAsync(admin, "Borgerens fødselsdato", "birthDate", "Date");
        await admin.FillAsync("#new-fact-name", "Behov");
        await Expect(admin.Locator("#new-fact-name-error")).ToContainTextAsync("camelCase");
        await AddFactAsync(admin, "Har behov for hjælp", "hasNeed", "Bool");
        await Fill(admin, "#new-derived-label", "Alder på afgørelsesdatoen");
        await admin.FillAsync("#new-derived-name", "age");
        await admin.SelectOptionAsync("#new-derived-type", "Int");
        await admin.FillAsync("#new-derived-expression", "ageAt(birthDate, decisionDat)");
        await Expect(admin.Locator("#new-derived-expression-error")).ToContainTextAsync("decisionDat");
        await Expect(admin.Locator("#add-derived")).ToBeDisabledAsync();
        await admin.FillAsync("#new-derived-expression", "ageAt(birthDate, decisionDate)");
        await Expect(admin.Locator("#new-derived-expression-error")).ToHaveCountAsync(0);
        await admin.ClickAsync("#add-derived");
        await Expect(admin.Locator("div[data-derived=age]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(admin, "12-facts-and-derived");

        // One UNIQUE table: inputs, two outputs (the outcome as a choice with Danish texts), three rows and a default.
        await admin.ClickAsync("#tab-tabeller");
        await Expect(admin.Locator("#no-tables")).ToBeVisibleAsync();
        await admin.FillAsync("#new-table-id", "ret");
        await Fill(admin, "#new-table-label", "Ret til tilskud");
        await admin.ClickAsync("#add-table");
        var table = admin.Locator("section[data-table=ret]");
        await Expect(table.Locator("[data-problem=table]").First).ToContainTextAsync("ingen");
        await Expect(table.Locator("select[id$='-hitpolicy']")).ToHaveValueAsync("Unique");
        await Expect(table.Locator(".hit-policy-help")).ToContainTextAsync("Højst én række må passe");
        foreach (var input in new[] { "age", "hasNeed" })
        {
            await table.Locator("select[id$='-new-input']").SelectOptionAsync(input);
            await table.Locator("button[id$='-add-input']").ClickAsync();
            await Expect(table.Locator($"li[data-input-item={input}]")).ToBeVisibleAsync();
        }
        await AddOutputAsync(table, "outcome", "Enum", "Afgørelse");
        var outcomeValues = table.Locator("div[data-output=outcome]");
        foreach (var (value, label) in new[] { ("bevilget", "Tilskud bevilget"), ("afslag", "Afslag på tilskud") })
        {
            await Fill(outcomeValues, "input[aria-label='Ny værdi for outcome']", value);
            await Fill(outcomeValues, "input[aria-label='Tekst for ny værdi for outcome']", label);
            await outcomeValues.Locator("button[id$='-add-value']").ClickAsync();
            await Expect(outcomeValues.Locator($"tr[data-value={value}]")).ToBeVisibleAsync();
        }
        await AddOutputAsync(table, "timer", "Int", "Timer pr. måned");
        for (var i = 0; i < 3; i++) await table.Locator("button.add-row").ClickAsync();
        await Expect(table.Locator("tr[data-row]")).ToHaveCountAsync(3);
        string[][] rows =
        [
            ["< 18", "-", "Afslag på tilskud", "0", "servicelovens § 200, stk. 1", "under-18"],
            [">= 18", "true", "bevilget", "10", "servicelovens § 200, stk. 1", "bevilget"],
            [">= 18", "false", "afslag", "0", "servicelovens § 200, stk. 2", "intet-behov"],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            var id = $"R-{r + 1:00}";
            for (var c = 0; c < 2; c++) await table.Locator($"td[data-cell='ret/{id}/in{c}'] input").FillAsync(rows[r][c]);
            for (var c = 0; c < 2; c++) await table.Locator($"td[data-cell='ret/{id}/out{c}'] input").FillAsync(rows[r][c + 2]);
            await Fill(table, $"input[aria-label='Række {id}, retskilde']", rows[r][4]);
            await Fill(table, $"input[aria-label='Række {id}, begrundelseskode']", rows[r][5]);
        }
        // The enum value was typed as its Danish text, without quotes: it is shown by its code, bare.
        await Expect(table.Locator("td[data-cell='ret/R-01/out0'] input")).ToHaveValueAsync("afslag");
        await Expect(table.Locator("td.bad")).ToHaveCountAsync(0);
        // A short cell is narrow until it has the focus; then it widens so a longer expression can be read while typed.
        var hours = table.Locator("td[data-cell='ret/R-03/out1'] input");
        var narrow = (await hours.BoundingBoxAsync())!.Width;
        await hours.FocusAsync();
        var focused = (await hours.BoundingBoxAsync())!.Width;
        Assert.True(focused >= 250 && focused > narrow, $"Cellen er {narrow} px og {focused} px bred med fokus.");
        // A cell error stands at the cell as it is typed.
        await table.Locator("td[data-cell='ret/R-02/in0'] input").FillAsync(">= atten");
        await Expect(table.Locator("td[data-cell='ret/R-02/in0'] .cell-error")).ToContainTextAsync("atten");
        await table.Locator("td[data-cell='ret/R-02/in0'] input").FillAsync(">= 18");
        await Expect(table.Locator("td[data-cell='ret/R-02/in0'] .cell-error")).ToHaveCountAsync(0);

        // Keyboard: Enter goes down the column, the right arrow at the end of a cell to the next cell, F1 opens the help.
        await table.Locator("td[data-cell='ret/R-01/in0'] input").FocusAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Expect(table.Locator("td[data-cell='ret/R-02/in0'] input")).ToBeFocusedAsync();
        await admin.Keyboard.PressAsync("End");
        await admin.Keyboard.PressAsync("ArrowRight");
        await Expect(table.Locator("td[data-cell='ret/R-02/in1'] input")).ToBeFocusedAsync();
        await admin.Keyboard.PressAsync("ArrowDown");
        await Expect(table.Locator("td[data-cell='ret/R-03/in1'] input")).ToBeFocusedAsync();
        await admin.Keyboard.PressAsync("F1");
        await Expect(admin.Locator("#cell-help")).ToHaveAttributeAsync("open", "");
        await Expect(admin.Locator("#cell-help tr[data-syntax=enum]")).ToContainTextAsync("uden anførselstegn");
        await BrowserSession.ScreenshotAsync(admin, "13-cell-help", fullPage: false);
        await admin.ClickAsync("#cell-help-toggle");

        await table.Locator("input[id$='-default']").CheckAsync();
        await Expect(table.Locator("tr[data-default-row=ret]")).ToBeVisibleAsync();
        await Fill(table, "td[data-cell='ret/(default)/out0'] input", "afslag");
        await Expect(table.Locator("td[data-cell='ret/(default)/out0'] input")).ToHaveValueAsync("afslag");
        await table.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "14-table-editor.png") });

        // Leaving with unsaved changes asks first; staying keeps them.
        await admin.ClickAsync("nav.sidenav a[href='admin/satser']");
        for (var waited = 0; _dialogs.Count == 0 && waited < 100; waited++) await Task.Delay(100);
        Assert.Contains(_dialogs, d => d.Contains("ikke er gemt"));
        await Expect(admin.Locator("#save-state")).ToHaveAttributeAsync("data-unsaved", "true");
        Assert.EndsWith(draftPath, new Uri(admin.Url).AbsolutePath);

        // The outcome and the legal basis, then save.
        await admin.ClickAsync("#tab-om");
        await admin.SelectOptionAsync("#outcome", "outcome");
        await Expect(admin.Locator("#outcome-error")).ToHaveCountAsync(0);
        await Fill(admin, "#legal-basis", "Servicelovens § 200 (prøvebestemmelse)");
        await Fill(admin, "#change-note", "Ny prøvebestemmelse fra 2030.");
        await BrowserSession.ScreenshotAsync(admin, "15-validity-and-outcome");
        await SaveAsync(admin);

        // A template and two test cases, each with its source and its expected outcome and outputs.
        await admin.ClickAsync("#tab-skabeloner");
        await Fill(admin, "#new-template-name", "default");
        await admin.ClickAsync("#add-template");
        await admin.FillAsync("#template-text",
            "Afgørelse om tilskud\n\nVi har den {{ dato decisionDate }} truffet denne afgørelse: {{ outcome.formatted }}. " +
            "Du er {{ derived.age.formatted }} år på afgørelsesdatoen.\n\n{{ include \"klagevejledning\" }}\n");
        await admin.ClickAsync("#tab-tests");
        await AddCaseAsync(admin, "TC-01", "Voksen med behov får tilskud", "01-03-2030", "01-01-1990", "true", "bevilget", "10", "55");
        await AddCaseAsync(admin, "TC-02", "Barn får afslag", "01-03-2030", "01-01-2015", "true", "afslag", "0", "57");
        await Expect(admin.Locator("tr[data-case='TC-01']")).ToContainTextAsync("Tilskud bevilget");
        await Expect(admin.Locator("tr[data-case='TC-01']")).ToContainTextAsync("Vejledning om ledsageordning (2018), l. 55");
        await SaveAsync(admin);
        await admin.ClickAsync("#tab-tests");
        await admin.ClickAsync("#run-tests");
        await Expect(admin.Locator("#test-summary")).ToHaveTextAsync("2 bestået, 0 fejlet", new() { Timeout = 60_000 });
        await BrowserSession.ScreenshotAsync(admin, "16-test-cases");

        await admin.ClickAsync("#tab-skabeloner");
        await admin.SelectOptionAsync("#preview-case", "cases/TC-01");
        await Expect(admin.Locator("#preview-text")).ToContainTextAsync("Tilskud bevilget");
        await Expect(admin.Locator("#preview-text")).ToContainTextAsync("1. marts 2030");
        await BrowserSession.ScreenshotAsync(admin, "17-template-preview");

        await admin.ClickAsync("#validate");
        await Expect(admin.Locator("#validation-report")).ToContainTextAsync("Kontrollen fandt ingen fejl", new() { Timeout = 60_000 });
        await Expect(admin.Locator("#structure-problems")).ToHaveCountAsync(0);
        await admin.ClickAsync("#submit");
        await Expect(admin.Locator("h1 .badge")).ToHaveTextAsync("til godkendelse");

        // A second person approves (the author cannot); the version is live at once.
        var approver = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(approver, Approver, ApproverPassword);
        await BrowserSession.GotoAsync(approver, draftPath);
        // The approver lands on the impact preview: with nothing published yet, each case answers only with the draft.
        await Expect(approver.Locator("#tab-virkning")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(approver.Locator("#impact-cases")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var tc01 = approver.Locator("#impact-cases tr[data-case='cases/TC-01']");
        await Expect(tc01.Locator("td[data-side=before]")).ToContainTextAsync("kørt på: ingen version");
        await Expect(tc01.Locator("td[data-side=after]")).ToContainTextAsync("kørt på: kladden");
        await Expect(tc01).ToHaveAttributeAsync("data-changed", new System.Text.RegularExpressions.Regex("outcome"));
        await Expect(approver.Locator("#impact-outcome-count")).ToHaveTextAsync("2 skifter udfald");
        await BrowserSession.ScreenshotAsync(approver, "18-approver-view");
        await approver.ClickAsync("#approve");
        await Expect(approver.Locator(".notice.ok")).ToContainTextAsync("offentliggjort", new() { Timeout = 90_000 });
        await Expect(approver.Locator("h1 .badge")).ToHaveTextAsync("offentliggjort");

        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var response = await http.PostAsJsonAsync("/api/v1/evaluations", new
        {
            ruleset = Ruleset, decisionDate = "2030-06-01", facts = new { birthDate = "1990-01-01", hasNeed = true }, begrundelse = true,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        Assert.Equal("bevilget", body.GetProperty("outcome").GetString());
        Assert.Equal(10, body.GetProperty("outputs").GetProperty("timer").GetDecimal());
        Assert.Equal("2030-01-01", body.GetProperty("version").GetProperty("validFrom").GetString());
        Assert.Contains("Tilskud bevilget", body.GetProperty("begrundelse").GetString());
        var before = await http.PostAsJsonAsync("/api/v1/evaluations", new { ruleset = Ruleset, decisionDate = "2029-12-31", facts = new { } });
        Assert.Equal(422, (int)before.StatusCode);

        await NewVersionWithDmnTableAsync(admin);
        await ExportRoundTripAsync();

        await admin.GotoAsync("/admin/adgangskode");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Skift adgangskode");
        await BrowserSession.ScreenshotAsync(admin, "22-change-password", fullPage: false);
        Browser.AssertNoPolicyViolations();
    }

    /// <summary>A second version placed on the timeline (with a gap warned of first), from scratch, with a table imported from DMN.</summary>
    private async Task NewVersionWithDmnTableAsync(IPage admin)
    {
        await BrowserSession.GotoAsync(admin, "/admin");
        await Expect(admin.Locator($"#ruleset-{Ruleset}")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(admin, "19-overview-with-new-ruleset", fullPage: false);
        await admin.ClickAsync($"a[aria-label='Ny version af {Ruleset}']");
        await BrowserSession.WaitInteractiveAsync(admin);
        await Fill(admin, "#nv-from", "01-01-2032");
        await Fill(admin, "#nv-to", "31-12-2032");
        await Expect(admin.Locator("#nv-where")).ToContainTextAsync("Efter den seneste version (fra 1. januar 2030)");
        await Expect(admin.Locator("#nv-notes")).ToContainTextAsync("gælder derefter kun til og med 31. december 2031");
        await Fill(admin, "#nv-from", "01-06-2029");
        await Fill(admin, "#nv-to", "30-06-2029");
        await Expect(admin.Locator("#nv-warnings")).ToContainTextAsync("Hul i tidslinjen");
        await Expect(admin.Locator("#plan-timeline .tl-seg.planned")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(admin, "19-new-version-timeline");
        await Fill(admin, "#nv-from", "01-01-2032");
        await Fill(admin, "#nv-to", "");
        await Expect(admin.Locator("#nv-warnings")).ToHaveCountAsync(0);
        await admin.SelectOptionAsync("#nv-basis", "");
        await admin.ClickAsync("#nv-create");
        await Expect(admin.Locator("h1")).ToContainTextAsync($"{Ruleset} gældende fra 01-01-2032");
        await BrowserSession.WaitInteractiveAsync(admin);

        await admin.ClickAsync("#dmn-upload summary");
        var tck = Path.GetFullPath(Path.Combine(LiveServer.RepositoryRoot, "..", "shared"));
        await admin.SetInputFilesAsync("#dmn-file", Path.Combine(tck, "dmn-tck-tier2-open/0009-invocation-arithmetic/0009-invocation-arithmetic.dmn"));
        await Expect(admin.Locator("#dmn-messages")).ToContainTextAsync("Fejl");
        await Expect(admin.Locator("#dmn-add")).ToBeDisabledAsync();
        await admin.Locator("#dmn-upload").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "20-dmn-messages.png") });
        await admin.SetInputFilesAsync("#dmn-file", Path.Combine(tck, "dmn-tck-dt-subset/tier1-cl2/0004-simpletable-U/0004-simpletable-U.dmn"));
        await Expect(admin.Locator("#dmn-preview")).ToContainTextAsync("Nye fakta");
        await BrowserSession.ScreenshotAsync(admin, "21-dmn-upload");
        await admin.ClickAsync("#dmn-add");
        await Expect(admin.Locator("#dmn-result")).ToContainTextAsync("tilføjet");
        await Expect(admin.Locator("section.table-editor")).ToHaveCountAsync(1);
        await SaveAsync(admin);
    }

    /// <summary>The published state (with sel-test-ny as written in the UI) exported, validated as the CLI does, re-imported and exported again byte for byte.</summary>
    private async Task ExportRoundTripAsync()
    {
        var first = Path.Combine(Server.Folder, "export-1");
        var second = Path.Combine(Server.Folder, "export-2");
        Server.Services.GetRequiredService<RulesTransfer>().Export(first, "test");
        Assert.True(File.Exists(Path.Combine(first, Ruleset, "ruleset.json")));
        Assert.True(File.Exists(Path.Combine(first, Ruleset, "versions", "2030-01-01.json")));
        Assert.True(File.Exists(Path.Combine(first, Ruleset, "templates", "default.scriban")));

        // The CLI's validate verb, as a reviewer would run it on the exported folder.
        var validation = new StringWriter();
        Assert.True(await Serviceloven.Server.Cli.RulesCommands.ValidateAsync(first, validation) == 0, validation.ToString());
        Assert.Contains(" 0 fejl", validation.ToString());

        var db = new SqliteDatabase(new StoreOptions { DatabasePath = Path.Combine(Server.Folder, "reimport.db") });
        new MigrationRunner(db).Apply();
        var audit = new AuditLog(db, TimeProvider.System);
        var transfer = new RulesTransfer(db, new VersionRepository(db, audit, TimeProvider.System), new RevisionRepository(db, audit, TimeProvider.System), audit, TimeProvider.System);
        transfer.Import(first);
        transfer.Export(second, "test");
        var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order());
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(first, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(second, f))), $"{f} er ikke ens efter ny import.");
        var version = RulesJson.Deserialize<Engine.Model.RulesetVersion>(File.ReadAllText(Path.Combine(first, Ruleset, "versions", "2030-01-01.json")));
        Assert.Equal("outcome", version.Outcome);
        Assert.Equal(3, version.Tables.Single().Rows.Count);
        Assert.Equal("\"bevilget\"", version.Tables.Single().Rows[1].Then[0]);
    }

    private async Task<string> PrepareApproverAndKeyAsync(IPage admin)
    {
        await BrowserSession.GotoAsync(admin, "/admin/brugere");
        await admin.FillAsync("#nu-username", Approver);
        await admin.FillAsync("#nu-name", "Gitte Godkender");
        await admin.FillAsync("#nu-password", ApproverPassword);
        await admin.UncheckAsync("#nu-role-editor");
        await admin.CheckAsync("#nu-role-approver");
        await admin.ClickAsync("#nu-create");
        await Expect(admin.Locator($"tr[data-user={Approver}]")).ToBeVisibleAsync();
        await admin.FillAsync("#key-name", "Fagsystem test");
        await admin.ClickAsync("#key-create");
        var key = (await admin.Locator("#new-api-key-value").InnerTextAsync()).Trim();
        await BrowserSession.GotoAsync(admin, "/admin");
        return key;
    }

    private static async Task AddFactAsync(IPage page, string label, string name, string type)
    {
        await Fill(page, "#new-fact-label", label);
        await page.FillAsync("#new-fact-name", name);
        await page.SelectOptionAsync("#new-fact-type", type);
        await page.ClickAsync("#add-fact");
        await Expect(page.Locator($"div[data-fact={name}]")).ToBeVisibleAsync();
    }

    private static async Task AddOutputAsync(ILocator table, string name, string type, string label)
    {
        await table.Locator("input[id$='-new-output-name']").FillAsync(name);
        await table.Locator("select[id$='-new-output-type']").SelectOptionAsync(type);
        await Fill(table, "input[id$='-new-output-label']", label);
        await table.Locator("button[id$='-add-output']").ClickAsync();
        await Expect(table.Locator($"div[data-output={name}]")).ToBeVisibleAsync();
    }

    private static async Task AddCaseAsync(IPage page, string id, string name, string date, string birthDate, string hasNeed, string outcome, string hours, string line)
    {
        await page.ClickAsync("#new-case");
        await Fill(page, "#case-id", id);
        await Fill(page, "#case-name", name);
        await page.SelectOptionAsync("#case-source-doc", "003_e9312490f6af4059.txt");
        await Fill(page, "#case-source-lines", line);
        await Fill(page, "#case-date", date);
        await Fill(page, "#case-fact-birthDate", birthDate);
        await page.SelectOptionAsync("#case-fact-hasNeed", hasNeed);
        await page.SelectOptionAsync("#case-status", "determined");
        await page.SelectOptionAsync("#case-outcome", outcome);
        await Fill(page, "#case-out-timer", hours);
        await page.Locator("#case-editor").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, $"16-case-editor-{id}.png") });
        await page.ClickAsync("#case-save");
        await Expect(page.Locator($"tr[data-case='{id}']")).ToBeVisibleAsync();
    }

    private static async Task SaveAsync(IPage page)
    {
        await page.ClickAsync("#save");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("Kladden er gemt");
        await Expect(page.Locator("#save-state")).ToHaveAttributeAsync("data-unsaved", "false");
    }

    /// <summary>Fills a field that reports on change (when it is left), and leaves it.</summary>
    private static async Task Fill(IPage page, string selector, string value)
    {
        await page.FillAsync(selector, value);
        await page.PressAsync(selector, "Tab");
    }

    private static async Task Fill(ILocator scope, string selector, string value)
    {
        await scope.Locator(selector).FillAsync(value);
        await scope.Locator(selector).PressAsync("Tab");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
