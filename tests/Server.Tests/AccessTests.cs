using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Store.ApiClients;

namespace Serviceloven.Server.Tests;

public abstract class AccessTests(LockedDownServerFactory factory)
{
    private static object Request => new { ruleset = "sel-97", decisionDate = "2024-03-01", facts = EvaluationApiTests.FactsOfFirstCase("sel-97") };

    [Fact]
    public async Task Without_a_key_evaluation_is_refused_outside_development()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/evaluations", Request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/rulesets")).StatusCode);
    }

    [Fact]
    public async Task A_created_key_works_and_only_its_hash_is_stored()
    {
        var repo = factory.Services.GetRequiredService<ApiClientRepository>();
        var (client, key) = repo.Create("Fagsystem", "test");
        Assert.Equal(ApiClientRepository.Hash(key), client.KeyHash);
        Assert.DoesNotContain(repo.List(), c => c.KeyHash == key);
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/evaluations", Request)).StatusCode);
        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/api/v1/evaluations", Request)).StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_need_no_key()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }
}

public sealed class AccessSqliteTests(LockedDownServerFactory factory) : AccessTests(factory), IClassFixture<LockedDownServerFactory>;

[Trait("Provider", "postgres")]
public sealed class AccessPostgresTests(PostgresLockedDownServerFactory factory) : AccessTests(factory), IClassFixture<PostgresLockedDownServerFactory>;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class ClockedServerFactory(string provider) : RulesServerFactory(provider)
{
    public ManualClock Clock { get; } = new();
    protected override bool AllowAnonymous => false;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public abstract class ApiKeyRevocationTests(string provider)
{
    [Fact]
    public async Task A_revoked_key_stops_working_within_half_a_minute_without_a_restart()
    {
        using var factory = new ClockedServerFactory(provider);
        var repo = factory.Services.GetRequiredService<ApiClientRepository>();
        var (client, key) = repo.Create("Fagsystem", "test");
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/rulesets")).StatusCode);
        // Revoked elsewhere (another node, or `apikey revoke`): this node learns it from its periodic reload.
        using (var elsewhere = factory.TestDatabase.Open())
            new ApiClientRepository(elsewhere, new Serviceloven.Store.Audit.AuditLog(elsewhere, TimeProvider.System), TimeProvider.System).Revoke(client.Id, "test");
        factory.Clock.Now += TimeSpan.FromSeconds(31);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/rulesets")).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_on_this_node_stops_working_at_once()
    {
        using var factory = new ClockedServerFactory(provider);
        var repo = factory.Services.GetRequiredService<ApiClientRepository>();
        var (client, key) = repo.Create("Fagsystem", "test");
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/rulesets")).StatusCode);
        // As the admin's "Tilbagekald" does; the clock stands still, so the half-minute reload cannot be what stops it.
        factory.Services.GetRequiredService<Serviceloven.Admin.Auth.UserAdministration>()
            .RevokeApiKey(new Serviceloven.Admin.Auth.AdminUser("admin", "Administrator", new HashSet<string> { Serviceloven.Store.Users.Roles.Administrator }), client.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/rulesets")).StatusCode);
    }
}

public sealed class ApiKeyRevocationSqliteTests() : ApiKeyRevocationTests(TestDatabase.Sqlite);

[Trait("Provider", "postgres")]
public sealed class ApiKeyRevocationPostgresTests() : ApiKeyRevocationTests(TestDatabase.Postgres);

/// <summary>The Development profile: anonymous evaluation is allowed, but a key that is sent must still be valid.</summary>
public class AnonymousAccessTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    [Fact]
    public async Task Without_a_key_the_api_answers_and_with_an_unknown_key_it_refuses()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/v1/rulesets")).StatusCode);
        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "findes-ikke");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/rulesets")).StatusCode);
    }

    [Fact]
    public async Task The_admin_cookie_is_no_way_into_the_api_and_the_api_key_scheme_no_way_into_the_admin()
    {
        var schemes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.Equal(Serviceloven.Admin.Hosting.AdminServiceCollectionExtensions.Scheme, (await schemes.GetDefaultAuthenticateSchemeAsync())!.Name);
        var policy = await factory.Services.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>()
            .GetPolicyAsync(Serviceloven.Server.Access.ApiKeyAuthentication.Policy);
        Assert.Equal([Serviceloven.Server.Access.ApiKeyAuthentication.Scheme], policy!.AuthenticationSchemes);
    }
}

/// <summary>
/// Refusals on a server of their own: an unknown key refreshes the key cache, which then waits a few seconds before the
/// next refresh, and a key created meanwhile by another test would not yet be seen.
/// </summary>
public class ApiKeyRefusalTests(LockedDownServerFactory factory) : IClassFixture<LockedDownServerFactory>
{
    [Fact]
    public async Task A_refusal_is_problem_details_naming_the_header_and_saying_whether_the_key_was_missing_or_wrong()
    {
        var missing = await factory.CreateClient().GetAsync("/api/v1/satser");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var problem = (await missing.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        Assert.EndsWith("/missing-api-key", problem["type"]!.GetValue<string>());
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>());

        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "findes-ikke");
        var refused = await wrong.GetAsync("/api/v1/satser");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.EndsWith("/invalid-api-key", (await refused.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["type"]!.GetValue<string>());
    }
}
