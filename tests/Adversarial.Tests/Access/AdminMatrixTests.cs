using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Adversarial.Tests.Crash;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Letters;
using Serviceloven.Admin.Publishing;
using Serviceloven.Admin.Rulesets;
using Serviceloven.Admin.Satser;
using Serviceloven.Engine.Letters;
using Serviceloven.Engine.Model;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;
using Xunit.Abstractions;

namespace Serviceloven.Adversarial.Tests.Access;

/// <summary>
/// The admin's authorisation matrix, generated: every routable page (components with @page, found by reflection over
/// the admin assembly) over HTTP, and every service action that takes the signed-in user (public methods with an
/// AdminUser parameter, found the same way), for anonymous, editor, approver and administrator, each cell asserted
/// against the expectation below. A page or action without an expectation fails the test, as does one that no longer
/// exists.
/// </summary>
public sealed partial class AdminMatrixTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>, IDisposable
{
    private readonly LiveServer _server = new(smallRules: true);

    private enum Access { Public, SignedIn, Administrator }

    /// <summary>Who may open each page. Pages for everyone signed in still act only through the services below.</summary>
    private static readonly Dictionary<string, Access> Pages = new(StringComparer.Ordinal)
    {
        ["/admin/login"] = Access.Public,
        // Without a session there is nothing to be denied: the sign-in page instead.
        ["/admin/ingen-adgang"] = Access.SignedIn,
        ["/admin"] = Access.SignedIn,
        ["/admin/adgangskode"] = Access.SignedIn,
        ["/admin/revisionsspor"] = Access.SignedIn,
        ["/admin/forskelle"] = Access.SignedIn,
        ["/admin/versioner/{Id:long}"] = Access.SignedIn,
        ["/admin/afproevning"] = Access.SignedIn,
        ["/admin/regelsaet/nyt"] = Access.SignedIn,
        ["/admin/regelsaet/{RulesetId}/ny-version"] = Access.SignedIn,
        ["/admin/regelsaet/{RulesetId}"] = Access.SignedIn,
        ["/admin/satsregulering"] = Access.SignedIn,
        ["/admin/satser/{Key}"] = Access.SignedIn,
        ["/admin/satser"] = Access.SignedIn,
        ["/admin/simulering"] = Access.SignedIn,
        ["/admin/brevhoveder"] = Access.Administrator,
        ["/admin/brugere"] = Access.Administrator,
    };

    /// <summary>The role an action needs. An administrator counts as an editor (AdminUser.IsEditor), not as an approver.</summary>
    private enum Need { Editor, Approver, Administrator }

    private static readonly string[] RoleNames = ["anonym", "redaktør", "godkender", "administrator"];

    private static bool Allowed(Need need, int role) => (need, role) switch
    {
        (_, 0) => false,
        (Need.Editor, 1 or 3) => true,
        (Need.Approver, 2) => true,
        (Need.Administrator, 3) => true,
        _ => false,
    };

    [Fact]
    public async Task Every_admin_page_answers_each_role_as_expected()
    {
        var routes = typeof(AdminUser).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Template: r.Template, Page: t.Name)))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ToList();
        Assert.True(routes.Count >= 15, $"kun {routes.Count} sider fundet");
        var missing = routes.Where(r => !Pages.ContainsKey(r.Template)).Select(r => $"{r.Template} ({r.Page})").ToList();
        var stale = Pages.Keys.Where(k => routes.All(r => r.Template != k)).ToList();
        Assert.True(missing.Count == 0, "sider uden en forventning i adgangsmatricen: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "forventninger til sider, der ikke findes: " + string.Join(", ", stale));

        var cookies = new string?[4];
        cookies[1] = await SignInAsync(CreateUser("matrix-redaktoer", Roles.Editor), "198.18.7.1");
        cookies[2] = await SignInAsync(CreateUser("matrix-godkender", Roles.Approver), "198.18.7.2");
        cookies[3] = await SignInAsync(CreateUser("matrix-admin", Roles.Administrator), "198.18.7.3");
        var versionId = LatestPublished().Id;

        var wrong = new List<string>();
        foreach (var (template, page) in routes)
        {
            var path = Fill(template, versionId);
            var access = Pages[template];
            var cells = new List<string>();
            for (var role = 0; role < 4; role++)
            {
                using var http = _server.Http(apiKey: null);
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Accept.ParseAdd("text/html");
                if (cookies[role] is { } cookie) request.Headers.Add("Cookie", cookie);
                using var response = await http.SendAsync(request);
                var answer = Answer(response);
                var expected = access switch
                {
                    Access.Public => "200",
                    Access.SignedIn => role == 0 ? "→ log ind" : "200",
                    _ => role == 0 ? "→ log ind" : role == 3 ? "200" : "→ ingen adgang",
                };
                cells.Add($"{RoleNames[role]} {answer}");
                if (answer != expected) wrong.Add($"{path} ({page}) som {RoleNames[role]}: {answer}, ventet {expected}");
            }
            output.WriteLine($"GET {template} [{access}]: {string.Join(", ", cells)}");
        }
        figures.Print(output, $"Adminsidernes adgangsmatrix: {routes.Count} sider fundet ved refleksion × 4 roller = {routes.Count * 4} kald; forkerte svar: {wrong.Count}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>A redirect to the sign-in page or to "ingen adgang", or the status code.</summary>
    private static string Answer(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
            return location.Contains("/admin/login", StringComparison.Ordinal) ? "→ log ind"
                : location.Contains("/admin/ingen-adgang", StringComparison.Ordinal) ? "→ ingen adgang" : "→ " + location;
        return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Fill(string template, long versionId) => RouteParameter().Replace(template, m => m.Groups[1].Value switch
    {
        "Id" => versionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "RulesetId" => CrashHost.Ruleset,
        "Key" => CrashHost.SatsKey,
        var other => throw new InvalidOperationException($"Ingen værdi til ruteparameteren {other}; tilføj den her."),
    });

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_admin_service_action_refuses_the_roles_it_does_not_allow_and_works_for_those_it_does()
    {
        var actions = Actions();
        var discovered = typeof(AdminUser).Assembly.GetExportedTypes().Where(t => t != typeof(AdminUser))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(AdminUser)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = discovered.Where(d => !actions.ContainsKey(d)).ToList();
        var stale = actions.Keys.Where(k => !discovered.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "handlinger uden en forventning i adgangsmatricen: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "forventninger til handlinger, der ikke findes: " + string.Join(", ", stale));

        var users = new[]
        {
            new AdminUser("", "", new HashSet<string>()),
            Role("matrix-redaktoer", Roles.Editor), Role("matrix-godkender", Roles.Approver), Role("matrix-admin", Roles.Administrator),
        };
        var wrong = new List<string>();
        foreach (var name in discovered)
        {
            var (need, run) = actions[name];
            var cells = new List<string>();
            for (var role = 0; role < 4; role++)
            {
                string answer;
                try
                {
                    answer = await run(users[role]);
                }
                catch (AdminForbiddenException)
                {
                    answer = "nej";
                }
                catch (Exception ex)
                {
                    answer = $"fejl: {ex.GetType().Name}: {ex.Message}";
                }
                var expected = Allowed(need, role) ? "ja" : "nej";
                cells.Add($"{RoleNames[role]} {answer}");
                if (answer != expected) wrong.Add($"{name} som {RoleNames[role]}: {answer}, ventet {expected}");
            }
            output.WriteLine($"{name} [{need}]: {string.Join(", ", cells)}");
        }
        figures.Print(output, $"Admintjenesternes adgangsmatrix: {discovered.Count} handlinger fundet ved refleksion (offentlige metoder med AdminUser) × 4 roller = " +
                              $"{discovered.Count * 4} kald; forkerte svar: {wrong.Count}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static AdminUser Role(string name, string role) => new(name, name, new HashSet<string> { role });

    /// <summary>Whoever prepares a cell: every role, a name none of the role users has (four eyes stays out of the way).</summary>
    private static readonly AdminUser Setup = new("matrix-forbereder", "matrix-forbereder", new HashSet<string>(Roles.All));

    private int _counter;
    private int Next() => Interlocked.Increment(ref _counter);

    /// <summary>
    /// Each action with the role it needs and a run that prepares what it acts on (as <see cref="Setup"/>), then acts
    /// as the given user: "ja" when it acted, "nej" when refused for the role (AdminForbiddenException, or an approval
    /// refused for want of the approver role); anything else is reported as it is.
    /// </summary>
    private Dictionary<string, (Need, Func<AdminUser, Task<string>>)> Actions()
    {
        var drafts = _server.Get<DraftService>();
        var publishing = _server.Get<PublishingService>();
        var rulesets = _server.Get<RulesetService>();
        var satser = _server.Get<SatsService>();
        var revisions = _server.Get<RevisionRepository>();
        var users = _server.Get<UserAdministration>();
        var letterheads = _server.Get<LetterheadService>();
        var apiClients = _server.Get<ApiClientRepository>();

        VersionRow NewDraft() => drafts.CreateDraft(Setup, LatestPublished().Id, new DateOnly(2040, 1, 1).AddDays(Next()));
        long InReview()
        {
            var draft = NewDraft();
            var doc = DraftDocument.Open(draft);
            doc.Version.ChangeNote = "Adgangsmatrix.";
            Assert.True(drafts.Save(Setup, doc).Ok);
            publishing.Submit(Setup, draft.Id);
            return draft.Id;
        }
        SatsSeries Series() => revisions.LatestSatser().Single(s => s.Row.Key == CrashHost.SatsKey).Series;
        // A series has at most one open draft: the one the last cell left is sent back and deleted first.
        void ClearSats()
        {
            if (satser.Open(CrashHost.SatsKey) is not { } open) return;
            if (open.Row.Status == Status.InReview) satser.Reject(Setup, open.Row.Id, "Ryddet af adgangsmatricen.");
            satser.DeleteDraft(Setup, open.Row.Id, revisions.GetSats(open.Row.Id)!.Revision);
        }
        long SatsDraft(bool submit)
        {
            ClearSats();
            var series = Series();
            return satser.CreateDraft(Setup, series with { Label = $"{series.Label} (matrix {Next()})" }, "adgangsmatrix", submit);
        }
        string NewUser() => users.Create(Setup, $"matrix-bruger-{Next()}", "Matrixbruger", "En-lang-kode-12345", [Roles.Editor]).Username;
        static Task<string> Done() => Task.FromResult("ja");
        static string Approval(ApprovalResult result) =>
            result.Published ? "ja" : result.Reasons.Any(r => r.Contains("rollen godkender", StringComparison.Ordinal)) ? "nej" : "afvist: " + string.Join(" ", result.Reasons);

        return new Dictionary<string, (Need, Func<AdminUser, Task<string>>)>(StringComparer.Ordinal)
        {
            ["DraftService.CreateDraft"] = (Need.Editor, me => { drafts.CreateDraft(me, LatestPublished().Id, new DateOnly(2040, 1, 1).AddDays(Next())); return Done(); }),
            ["DraftService.Save"] = (Need.Editor, me =>
            {
                var doc = DraftDocument.Open(NewDraft());
                doc.Version.ChangeNote = "Gemt af adgangsmatricen.";
                return Task.FromResult(drafts.Save(me, doc).Ok ? "ja" : "konflikt");
            }),
            ["PublishingService.Submit"] = (Need.Editor, me => { publishing.Submit(me, NewDraft().Id); return Done(); }),
            ["PublishingService.Reject"] = (Need.Approver, me => { publishing.Reject(me, InReview(), "Sendt tilbage af adgangsmatricen."); return Done(); }),
            ["PublishingService.ApproveAsync"] = (Need.Approver, async me => Approval(await publishing.ApproveAsync(me, InReview(), null))),
            ["RulesetService.Create"] = (Need.Editor, me =>
            {
                rulesets.Create(me, new RulesetDefinition { Id = $"matrix-{Next()}", Title = "Adgangsmatrix" }, new DateOnly(2030, 1, 1), null);
                return Done();
            }),
            ["RulesetService.UpdateDefinition"] = (Need.Editor, me =>
            {
                var id = $"matrix-{Next()}";
                rulesets.Create(Setup, new RulesetDefinition { Id = id, Title = "Adgangsmatrix" }, new DateOnly(2030, 1, 1), null);
                rulesets.UpdateDefinition(me, new RulesetDefinition { Id = id, Title = "Adgangsmatrix, rettet" });
                return Done();
            }),
            ["RulesetService.CreateVersion"] = (Need.Editor, me =>
            {
                rulesets.CreateVersion(me, CrashHost.Ruleset, new DateOnly(2045, 1, 1).AddDays(Next()), null, null);
                return Done();
            }),
            ["SatsService.CreateDraft"] = (Need.Editor, me =>
            {
                ClearSats();
                var series = Series();
                satser.CreateDraft(me, series with { Label = $"{series.Label} (matrix {Next()})" }, "adgangsmatrix", submit: false);
                return Done();
            }),
            ["SatsService.SaveDraft"] = (Need.Editor, me =>
            {
                var id = SatsDraft(submit: false);
                var series = Series();
                satser.SaveDraft(me, id, revisions.GetSats(id)!.Revision, series with { Label = $"{series.Label} (gemt {Next()})" }, submit: false);
                return Done();
            }),
            ["SatsService.DeleteDraft"] = (Need.Editor, me =>
            {
                var id = SatsDraft(submit: false);
                satser.DeleteDraft(me, id, revisions.GetSats(id)!.Revision);
                return Done();
            }),
            ["SatsService.Submit"] = (Need.Editor, me => { satser.Submit(me, SatsDraft(submit: false)); return Done(); }),
            ["SatsService.Approve"] = (Need.Approver, me => Task.FromResult(Approval(satser.Approve(me, SatsDraft(submit: true))))),
            ["SatsService.Reject"] = (Need.Approver, me => { satser.Reject(me, SatsDraft(submit: true), "Sendt tilbage af adgangsmatricen."); return Done(); }),
            ["UserAdministration.Users"] = (Need.Administrator, me => { users.Users(me); return Done(); }),
            ["UserAdministration.ApiClients"] = (Need.Administrator, me => { users.ApiClients(me); return Done(); }),
            ["UserAdministration.FailedSignIns"] = (Need.Administrator, me => { users.FailedSignIns(me, 10); return Done(); }),
            ["UserAdministration.Lockouts"] = (Need.Administrator, me => { users.Lockouts(me); return Done(); }),
            ["UserAdministration.LiftLockout"] = (Need.Administrator, me => { users.LiftLockout(me, Lockout(NewUser())); return Done(); }),
            ["UserAdministration.Create"] = (Need.Administrator, me =>
            {
                users.Create(me, $"matrix-ny-{Next()}", "Ny", "En-lang-kode-12345", [Roles.Editor]);
                return Done();
            }),
            ["UserAdministration.SetRoles"] = (Need.Administrator, me => { users.SetRoles(me, NewUser(), [Roles.Editor, Roles.Approver], true); return Done(); }),
            ["UserAdministration.SetPassword"] = (Need.Administrator, me => { users.SetPassword(me, NewUser(), "En-anden-lang-kode-1"); return Done(); }),
            ["UserAdministration.CreateApiKey"] = (Need.Administrator, me => { users.CreateApiKey(me, "matrix"); return Done(); }),
            ["UserAdministration.RevokeApiKey"] = (Need.Administrator, me => { users.RevokeApiKey(me, apiClients.Create("matrix", "test").Client.Id); return Done(); }),
            ["LetterheadService.Save"] = (Need.Administrator, me =>
            {
                letterheads.Save(me, new Letterhead
                {
                    Key = "matrix", Name = $"Matrix Kommune {Next()}", SigningUnit = "Socialforvaltningen",
                    Address = ["Rådhuspladsen 1", "8000 Aarhus C"], ComplaintAddress = ["Ankestyrelsen", "7998 Statsservice"],
                });
                return Done();
            }),
            ["LetterheadService.ApiClients"] = (Need.Administrator, me => { letterheads.ApiClients(me); return Done(); }),
            ["LetterheadService.SetApiClientLetterhead"] = (Need.Administrator, me =>
            {
                letterheads.SetApiClientLetterhead(me, apiClients.Create("matrix", "test").Client.Id, null);
                return Done();
            }),
        };
    }

    /// <summary>A lock-out of the user from a test address, made the way sign-in makes one.</summary>
    private long Lockout(string username)
    {
        var user = _server.Get<UserRepository>().Find(username)!;
        var address = $"198.18.9.{Next() % 250 + 1}";
        for (var i = 0; i < 5; i++)
            _server.Get<FailedSignInRepository>().Record(user.Id, address, address, FailedSignInReason.WrongPassword, TimeSpan.FromDays(30));
        return _server.Get<SignInLockoutRepository>().LockIfDue(user.Id, user.Username, address,
            new LockoutPolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)))!.Id;
    }

    private VersionRow LatestPublished() =>
        _server.Get<VersionRepository>().ForRuleset(CrashHost.Ruleset).Where(v => v.Status == Status.Published).MaxBy(v => v.ValidFrom)!;

    private string CreateUser(string username, string role)
    {
        var password = "Kode-til-" + username + "-1";
        _server.Get<UserRepository>().Create(username, username,
            _server.Get<IPasswordHasher<UserRow>>().HashPassword(new UserRow { Username = username }, password), [role], "test");
        return username;
    }

    /// <summary>Signs in through the form from its own address; returns the session cookie as a browser sends it.</summary>
    private async Task<string> SignInAsync(string username, string address)
    {
        using var http = _server.Http(apiKey: null);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        get.Headers.Add("X-Forwarded-For", address);
        using var form = await http.SendAsync(get);
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login",
                ["Posted.Username"] = username, ["Posted.Password"] = "Kode-til-" + username + "-1",
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        post.Headers.Add("X-Forwarded-For", address);
        using var signedIn = await http.SendAsync(post);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"log ind som {username}: {(int)signedIn.StatusCode}");
        return signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".Serviceloven.Admin=", StringComparison.Ordinal)).Split(';')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => _server.Dispose();
}
