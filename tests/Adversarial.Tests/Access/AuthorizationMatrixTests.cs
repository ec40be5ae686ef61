using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Adversarial.Tests.Fuzz;
using Serviceloven.Server.Access;
using Serviceloven.Store.ApiClients;
using Xunit.Abstractions;

using J = Serviceloven.Adversarial.Tests.Fuzz.Json;

namespace Serviceloven.Adversarial.Tests.Access;

/// <summary>
/// The authorisation matrix of every route the server maps, enumerated from its EndpointDataSource (a new route
/// without a row here fails the test): for each route and method, anonymous, a wrong key, a revoked key and a valid
/// key, with the answer each must get. Also: keys and passwords are in the database file only as hashes.
/// </summary>
public sealed partial class AuthorizationMatrixTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>, IDisposable
{
    private readonly LiveServer _server = new(new Dictionary<string, string?>
    {
        ["Access:RateLimit:PermitsPerSecond"] = "100000",
        ["Access:RateLimit:Burst"] = "100000",
    }, smallRules: true);

    private enum Kind { Api, Admin, Open, Static }

    /// <summary>The class of a route: the API behind a key, the admin behind a sign-in, or open operations endpoints.</summary>
    private static Kind? Classify(string pattern) => pattern switch
    {
        _ when pattern.StartsWith("/api/v1/", StringComparison.Ordinal) => Kind.Api,
        // Blazor's redirect endpoint belongs to the signed-in admin.
        "/_framework/opaque-redirect" => Kind.Admin,
        // The admin's and the framework's static files (scripts, styles): public, the same for everyone, no data.
        _ when pattern.StartsWith("/_content/", StringComparison.Ordinal) || pattern.StartsWith("/_framework/", StringComparison.Ordinal)
            || pattern.StartsWith("/{**path:file}", StringComparison.Ordinal) => Kind.Static,
        _ when pattern.StartsWith("/admin", StringComparison.Ordinal) || pattern.StartsWith("/_blazor", StringComparison.Ordinal)
            || pattern.StartsWith("/Account", StringComparison.Ordinal) => Kind.Admin,
        "/health/live" or "/health/ready" or "/metrics" or "/openapi/{documentName}.json" or "/api" or "/api/{documentName}" or "/" => Kind.Open,
        // The API reference (Scalar) and its assets under /api, outside /api/v1.
        _ when pattern.StartsWith("/scalar", StringComparison.Ordinal) || pattern.StartsWith("/api/", StringComparison.Ordinal) => Kind.Open,
        _ => null,
    };

    [Fact]
    public async Task Every_api_route_answers_only_a_valid_key_and_the_admin_no_key_at_all()
    {
        var endpoints = _server.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/').TrimEnd('/'), Method: m)))
            .Select(e => e with { Pattern = e.Pattern == "/" ? "/" : e.Pattern })
            .Distinct().OrderBy(e => e.Pattern, StringComparer.Ordinal).ToList();
        var unclassified = endpoints.Where(e => Classify(e.Pattern) is null).ToList();
        Assert.True(unclassified.Count == 0, "ruter uden en række i adgangsmatricen: " + string.Join(", ", unclassified));

        // A revoked key: it worked once, then it is revoked and the cache forgets it (as it does within half a minute).
        var repository = _server.Get<ApiClientRepository>();
        var (revokedClient, revokedKey) = repository.Create("tilbagekaldt", "test");
        using (var once = _server.Http(revokedKey))
            Assert.Equal(HttpStatusCode.OK, (await once.GetAsync("/api/v1/rulesets")).StatusCode);
        repository.Revoke(revokedClient.Id, "test");
        _server.Get<ApiKeyCache>().Invalidate();

        var callers = new (string Name, string? Key)[] { ("anonym", null), ("forkert nøgle", "sl_forkert-noegle-0000"), ("tilbagekaldt nøgle", revokedKey), ("gyldig nøgle", _server.ApiKey) };
        var catalogue = await Catalogue.LoadAsync(_server.Http());
        // A finished simulation of the valid key, so its routes answer the worked case (the job, its reports).
        var simulation = await FinishedSimulationAsync(catalogue);
        var rows = new List<string>();
        var wrong = new List<string>();
        var calls = 0;
        foreach (var (pattern, method) in endpoints)
        {
            var kind = Classify(pattern)!.Value;
            var path = FillPath(pattern, simulation);
            var cells = new List<string>();
            foreach (var (name, key) in callers)
            {
                using var http = _server.Http(key);
                using var request = Request(method, path, catalogue);
                using var response = await http.SendAsync(request);
                calls++;
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                var expected = kind switch
                {
                    // The API: a valid key gets its answer (the worked case or the list), everyone else 401. A simulation is
                    // started with 202; cancelling the finished one is refused with 409 (it has ended), which is its worked answer.
                    Kind.Api => key == _server.ApiKey
                        ? status == (method, pattern) switch
                        {
                            ("POST", "/api/v1/simulations") => 202,
                            ("DELETE", "/api/v1/simulations/{id}") => 409,
                            _ => 200,
                        }
                        : status == 401,
                    // The admin: an API key is no way in; without a session cookie it is 401/403 or the sign-in page.
                    Kind.Admin => pattern == "/admin/login"
                        ? status is 200 or 400 or 405
                        : status is 401 or 403 or 400 or 405 || status is 302 && location.Contains("/admin/login"),
                    // Static files: there or not, for everyone alike.
                    Kind.Static => status is 200 or 404,
                    // Operations: open to all, the same for every caller.
                    _ => status is 200 or 404 or 503,
                };
                cells.Add($"{name} {status}");
                if (!expected) wrong.Add($"{method} {path} [{kind}] {name}: {status} {location}");
            }
            rows.Add($"{method} {pattern} [{kind}]: {string.Join(", ", cells)}");
        }
        foreach (var row in rows) output.WriteLine(row);
        figures.Print(output, $"Adgangsmatrix: {endpoints.Count} ruter og metoder fra serverens EndpointDataSource × {callers.Length} kaldere = {calls} kald " +
                              $"({endpoints.Count(e => Classify(e.Pattern) == Kind.Api)} API, {endpoints.Count(e => Classify(e.Pattern) == Kind.Admin)} admin, " +
                              $"{endpoints.Count(e => Classify(e.Pattern) == Kind.Open)} drift, {endpoints.Count(e => Classify(e.Pattern) == Kind.Static)} statiske filer); forkerte svar: {wrong.Count}");
        Assert.Empty(wrong);
        Assert.True(endpoints.Count(e => Classify(e.Pattern) == Kind.Api) >= 7, "for få API-ruter fundet");
    }

    [Fact]
    public async Task Api_keys_and_passwords_are_in_the_database_file_only_as_hashes()
    {
        var (_, second) = _server.Get<ApiClientRepository>().Create("andet fagsystem", "test");
        using (var http = _server.Http())
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/rulesets")).StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var secrets = new[] { ("API-nøgle", _server.ApiKey), ("anden API-nøgle", second), ("administratorens adgangskode", LiveServer.AdminPassword) };
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(_server.Folder).Where(f => System.IO.Path.GetFileName(f).StartsWith("rules.db", StringComparison.Ordinal)))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var (what, secret) in secrets)
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
                    found.Add($"{what} i {System.IO.Path.GetFileName(file)}");
        }
        // The hash is there instead: the test reads the right file.
        var hash = Encoding.UTF8.GetBytes(ApiClientRepository.Hash(_server.ApiKey));
        var hashFound = Directory.GetFiles(_server.Folder).Where(f => System.IO.Path.GetFileName(f).StartsWith("rules.db", StringComparison.Ordinal))
            .Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(hash) >= 0);
        figures.Print(output, $"Hemmeligheder i databasefilen: {secrets.Length} søgt (to API-nøgler, en adgangskode), fundet i klartekst: {found.Count}; nøglens hash fundet: {(hashFound ? "ja" : "nej")}");
        Assert.Empty(found);
        Assert.True(hashFound);
    }

    /// <summary>A route pattern with its parameters filled by real values of the small rules (and the simulation's job id).</summary>
    private static string FillPath(string pattern, string simulationId) => Parameter().Replace(pattern, m => m.Groups[1].Value.ToLowerInvariant() switch
    {
        _ when m.Groups[2].Value.StartsWith(":long", StringComparison.Ordinal) || m.Groups[2].Value.StartsWith(":int", StringComparison.Ordinal) => "1",
        "id" when pattern.StartsWith("/api/v1/simulations/", StringComparison.Ordinal) => simulationId,
        "id" => "sel-3a",
        "key" => "sel-madservice.hovedretMaks",
        "documentname" => "v1",
        _ => "1",
    });

    [GeneratedRegex(@"\{\**([A-Za-z]+)(:[^}]*)?\??\}")]
    private static partial Regex Parameter();

    /// <summary>Starts a simulation of one sel-3a case with the valid key and waits until it has ended; its job id.</summary>
    private async Task<string> FinishedSimulationAsync(Catalogue catalogue)
    {
        using var http = _server.Http(_server.ApiKey);
        using var start = await http.SendAsync(Request("POST", "/api/v1/simulations", catalogue));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.OriginalString;
        for (var i = 0; i < 600; i++)
        {
            var job = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(location))!;
            if (job["state"]!.GetValue<string>() is "done") return location[(location.LastIndexOf('/') + 1)..];
            Assert.True(job["state"]!.GetValue<string>() is "running" or "merging", $"simuleringen endte sådan: {job.ToJsonString()}");
            await Task.Delay(100);
        }
        throw new TimeoutException("Simuleringen blev ikke færdig på 60 s.");
    }

    private static HttpRequestMessage Request(string method, string path, Catalogue catalogue)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST" && path == "/api/v1/simulations")
        {
            // The worked case of the upload: one sel-3a case as JSON Lines, published rules on both sides.
            var one = catalogue.Cases.First(c => c.Ruleset == "sel-3a");
            var line = J.Obj(("facts", new JObj(one.Facts.Select(f => (f.Name, J.Raw(f.Json))).ToList())), ("decisionDate", J.Str(one.DecisionDate)));
            var upload = new MultipartFormDataContent
            {
                { new StringContent("""{"ruleset":"sel-3a","a":{},"b":{}}""", Encoding.UTF8, "application/json"), "request" },
            };
            var file = new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson");
            upload.Add(file, "caseload", "sager.jsonl");
            request.Content = upload;
            return request;
        }
        if (method is "POST" or "PUT" or "PATCH")
        {
            var c = catalogue.Cases.First(c => c.Ruleset == "sel-3a");
            var evaluation = J.Obj(("ruleset", J.Str(c.Ruleset)), ("decisionDate", J.Str(c.DecisionDate)),
                ("facts", new JObj(c.Facts.Select(f => (f.Name, J.Raw(f.Json))).ToList())));
            var body = path.EndsWith("/batch", StringComparison.Ordinal) ? J.Obj(("evaluations", J.Arr(evaluation))) : evaluation;
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal)
                ? new StringContent(body.ToString(), Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        }
        return request;
    }

    public void Dispose() => _server.Dispose();
}
