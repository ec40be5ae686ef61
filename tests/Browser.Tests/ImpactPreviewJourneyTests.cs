using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serviceloven.Admin.Auth;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Store.Users;

namespace Serviceloven.Browser.Tests;

/// <summary>
/// An existing table changed in structure and content, and the approver's impact preview: sel-97 from 2030 with the
/// activity table's hit policy changed from FIRST to UNIQUE and a new row in the eligibility table refusing anyone under
/// 19; the approver sees which worked cases change outcome (the 18-year-olds), asks a what-if, and approves.
/// </summary>
public sealed class ImpactPreviewJourneyTests : BrowserJourney
{
    private const string Approver = "virkning";
    private const string ApproverPassword = "Virkning-kode-2030";

    [Fact]
    public async Task A_changed_table_shows_the_approver_which_cases_change_outcome_before_approval()
    {
        await CaptureFailureAsync("impact", () => JourneyAsync());
    }

    private async Task JourneyAsync()
    {
        var users = Server.Services.GetRequiredService<UserRepository>();
        users.Create(Approver, "Vera Virkning", Server.Services.GetRequiredService<IPasswordHasher<UserRow>>()
            .HashPassword(new UserRow { Username = Approver }, ApproverPassword), [Roles.Approver], "test");

        // The editor makes a draft of sel-97 valid from 2030.
        var editor = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(editor, LiveServer.AdminUser, LiveServer.AdminPassword);
        await editor.Locator("#ruleset-sel-97 a.seg.published").First.ClickAsync();
        await BrowserSession.WaitInteractiveAsync(editor);
        await editor.FillAsync("#new-valid-from", "01-01-2030");
        await editor.ClickAsync("#create-draft");
        await Assertions.Expect(editor.Locator("h1")).ToContainTextAsync("sel-97 gældende fra 01-01-2030");
        var draftPath = new Uri(editor.Url).PathAndQuery;
        var draftId = long.Parse(draftPath[(draftPath.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        // The hit policy of the activity table: FIRST -> UNIQUE (its rows exclude each other), in the table's structure.
        var activity = editor.Locator("section[data-table=activity]");
        await activity.Locator("details.structure > summary").ClickAsync();
        await activity.Locator("select[id$='-hitpolicy']").SelectOptionAsync("Unique");
        await Assertions.Expect(activity.Locator(".hit-policy-help")).ToContainTextAsync("Højst én række må passe");
        await Assertions.Expect(activity.Locator(".badge")).ToHaveTextAsync("UNIQUE");

        // A new row under R97-04 in the eligibility table, typed in the grid: under 19 is refused from 2030.
        var rows = editor.Locator("section[data-table=eligibility] tr[data-row]");
        var before = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.row)");
        await editor.GetByLabel("Indsæt række under R97-04").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before.Length + 1);
        var after = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.row)");
        var added = after.Except(before).Single();
        Assert.Equal(Array.IndexOf(after, "R97-04") + 1, Array.IndexOf(after, added));
        await editor.Locator($"td[data-cell='eligibility/{added}/in2'] input").FillAsync("< 19");
        await editor.Locator($"td[data-cell='eligibility/{added}/out0'] input").FillAsync("\"afslag\"");
        await editor.GetByLabel($"Række {added}, retskilde").FillAsync("servicelovens § 97, stk. 1 (aldersgrænse 19 år fra 2030)");
        await editor.GetByLabel($"Række {added}, retskilde").PressAsync("Tab");
        await editor.GetByLabel($"Række {added}, begrundelseskode").FillAsync("under-19");
        await editor.GetByLabel($"Række {added}, begrundelseskode").PressAsync("Tab");
        await Assertions.Expect(editor.Locator("section[data-table=eligibility] .cell-error")).ToHaveCountAsync(0);
        await editor.Locator("section[data-table=eligibility]").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "10-new-row.png") });
        await editor.ClickAsync("#save");
        await Assertions.Expect(editor.Locator(".notice.ok")).ToContainTextAsync("Kladden er gemt");
        await BrowserSession.GotoAsync(editor, draftPath);
        await Assertions.Expect(editor.Locator("section[data-table=activity] .badge")).ToHaveTextAsync("UNIQUE");

        // The test run says which version each case ran on.
        await editor.ClickAsync("#tab-tests");
        await editor.ClickAsync("#run-tests");
        await Assertions.Expect(editor.Locator("#test-summary")).ToContainTextAsync(" 0 fejlet", new() { Timeout = 60_000 });
        await Assertions.Expect(editor.Locator("tr[data-case='B97-11'] td[data-ran-on]")).ToHaveTextAsync("kladden");
        await Assertions.Expect(editor.Locator("tr[data-case='B97-02'] td[data-ran-on]")).ToHaveTextAsync("offentliggjort fra 01-02-2018");
        await BrowserSession.ScreenshotAsync(editor, "11-tests-ran-on");
        await editor.ClickAsync("#submit");
        await Assertions.Expect(editor.Locator("h1 .badge")).ToHaveTextAsync("til godkendelse");

        // The approver lands on the impact preview: the 18-year-olds change from a grant to a refusal.
        var approver = await Browser.NewPageAsync(Server.BaseUrl);
        await BrowserSession.SignInAsync(approver, Approver, ApproverPassword);
        await BrowserSession.GotoAsync(approver, draftPath);
        await Assertions.Expect(approver.Locator("#tab-virkning")).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(approver.Locator("#impact-cases")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var changed = approver.Locator("#impact-cases tr.impact-changed[data-changed~=outcome]");
        await Assertions.Expect(approver.Locator("#impact-cases tr[data-case='eligibility/B97-02']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("impact-changed"));
        var b9702 = approver.Locator("#impact-cases tr[data-case='eligibility/B97-02']");
        await Assertions.Expect(b9702.Locator("td[data-side=before]")).ToContainTextAsync("Ledsagelse bevilget");
        await Assertions.Expect(b9702.Locator("td[data-side=after]")).ToContainTextAsync("Afslag");
        await Assertions.Expect(b9702.Locator("td[data-side=after]")).ToContainTextAsync("kørt på: kladden");
        await Assertions.Expect(b9702).ToContainTextAsync("flyttet fra 10-05-2018");
        var changedCases = await changed.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.case)");
        Assert.Contains("eligibility/B97-02", changedCases);
        Assert.DoesNotContain("eligibility/TC-17", changedCases);
        await Assertions.Expect(approver.Locator("#impact-outcome-count")).ToHaveTextAsync($"{changedCases.Length} skifter udfald");
        await approver.ClickAsync("#impact-changes summary");
        await Assertions.Expect(approver.Locator("#impact-changes")).ToContainTextAsync("hit policy FIRST (den første række, der passer, afgør) → UNIQUE (højst én række må passe)");
        await Assertions.Expect(approver.Locator($"#impact-changes li[data-where='{added}']")).ToContainTextAsync("alder på afgørelsesdatoen under 19");
        await BrowserSession.ScreenshotAsync(approver, "12-impact-preview", fullPage: false);
        var marked = await approver.Locator("#impact-cases tbody tr.impact-changed, #impact-cases tbody tr.impact-text").CountAsync();
        Assert.True(marked < await approver.Locator("#impact-cases tbody tr").CountAsync());
        await approver.CheckAsync("#impact-only-changed");
        await Assertions.Expect(approver.Locator("#impact-cases tbody tr")).ToHaveCountAsync(marked);
        await approver.Locator("#impact").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "12-impact-preview-changed.png") });

        // A what-if: the approver's own facts once, both answers; nothing is stored.
        await approver.FillAsync("#whatif-date", "01-06-2030");
        await approver.FillAsync("#whatif-birthDate", "2012-03-01");
        foreach (var (fact, value) in new[]
                 {
                     ("hasBpaOrHelpSchemeSection96", "false"), ("hasDeafblindContactPersonSection98", "false"), ("impairmentCause", "physical"),
                     ("cannotGetAroundAloneOutsideHome", "true"), ("impairmentSignificantAndPermanent", "true"),
                     ("canRequestIndividualEscortWithoutSocialPedagogicalContent", "true"), ("canExpressWishToParticipate", "true"),
                     ("awareOfActivityContent", "true"), ("canTakePartInActivityWithoutEscortHelp", "true"), ("needsSocialPedagogicalSupport", "none"),
                 })
            await approver.SelectOptionAsync($"#whatif-{fact}", value);
        await approver.FillAsync("#whatif-existingEquivalentIndividualEscortHoursPerMonth", "0");
        await approver.PressAsync("#whatif-existingEquivalentIndividualEscortHoursPerMonth", "Tab");
        await approver.ClickAsync("#whatif-run");
        var whatIf = approver.Locator("#whatif-result tbody tr");
        await Assertions.Expect(whatIf).ToHaveAttributeAsync("data-changed", new System.Text.RegularExpressions.Regex("outcome"));
        await Assertions.Expect(whatIf.Locator("td[data-side=before]")).ToContainTextAsync("Ledsagelse bevilget");
        await Assertions.Expect(whatIf.Locator("td[data-side=after]")).ToContainTextAsync("Afslag");
        await approver.Locator("#whatif").ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder, "13-what-if.png") });

        // Approved: live at once, and the 18-year-old of 2030 is refused.
        await approver.FillAsync("#review-comment-input", "Virkningen er gennemgået.");
        await approver.ClickAsync("#approve");
        await Assertions.Expect(approver.Locator(".notice.ok")).ToContainTextAsync("offentliggjort", new() { Timeout = 90_000 });
        var evaluation = await Server.Services.GetRequiredService<EvaluationService>().EvaluateAsync(new EvaluationRequest
        {
            Ruleset = "sel-97", DecisionDate = new DateOnly(2030, 6, 1),
            Facts = new()
            {
                ["birthDate"] = J("2012-03-01"), ["hasBpaOrHelpSchemeSection96"] = J(false), ["hasDeafblindContactPersonSection98"] = J(false),
                ["impairmentCause"] = J("physical"), ["cannotGetAroundAloneOutsideHome"] = J(true), ["impairmentSignificantAndPermanent"] = J(true),
                ["canRequestIndividualEscortWithoutSocialPedagogicalContent"] = J(true), ["canExpressWishToParticipate"] = J(true),
                ["awareOfActivityContent"] = J(true), ["canTakePartInActivityWithoutEscortHelp"] = J(true), ["needsSocialPedagogicalSupport"] = J("none"),
                ["existingEquivalentIndividualEscortHoursPerMonth"] = J(0),
            },
        }, CancellationToken.None);
        Assert.Equal(new DateOnly(2030, 1, 1), evaluation.Response!.Version.ValidFrom);
        Assert.Equal("afslag", evaluation.Response.Outcome);
    }

    private static System.Text.Json.JsonElement J(object value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
