using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// A bad ?date= (issue 18) gave 500 in Development and 400 without a body in Production, and the framework wrote the
/// raw value to the log. Now 400 problem details naming date in every environment, and the value in no log line.
/// </summary>
public abstract class DateQueryTests(RulesServerFactory factory)
{
    private const string Marker = "1.marts-Q7XZ";

    [Theory]
    [InlineData("/api/v1/rulesets/sel-97?date=")]
    [InlineData("/api/v1/satser?date=")]
    public async Task A_bad_date_is_400_naming_the_parameter_and_is_never_logged(string path)
    {
        var response = await factory.CreateClient().GetAsync(path + Uri.EscapeDataString(Marker));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("ÅÅÅÅ-MM-DD", Assert.Single(problem["errors"]!["date"]!.AsArray())!.GetValue<string>());
        Assert.DoesNotContain(factory.Logs.Entries, e => e.ToString().Contains("Q7XZ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/rulesets/sel-97?date=")]
    [InlineData("/api/v1/satser?date=")]
    public async Task A_long_bad_date_is_echoed_in_part(string path)
    {
        var problem = (await (await factory.CreateClient().GetAsync(path + new string('9', 4_000))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("… (4000 tegn)", problem["detail"]!.GetValue<string>());
        Assert.True(problem["detail"]!.GetValue<string>().Length < 200);
    }

    [Theory]
    [InlineData("/api/v1/rulesets/sel-97?date=2024-03-01")]
    [InlineData("/api/v1/satser?date=2024-03-01")]
    [InlineData("/api/v1/satser")]
    public async Task A_good_date_or_none_still_answers(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(path)).StatusCode);
}

/// <summary>Development, everything logged down to Debug (where the framework logs a failed binding with its value).</summary>
public sealed class DebugLoggedServerFactory : RulesServerFactory
{
    protected override string LogLevel => "Debug";
}

/// <summary>Production with anonymous evaluation, everything logged down to Debug.</summary>
public sealed class DebugLoggedProductionServerFactory : RulesServerFactory
{
    protected override string Environment => "Production";
    protected override string LogLevel => "Debug";
}

public class DateQueryInDevelopmentTests(DebugLoggedServerFactory factory) : DateQueryTests(factory), IClassFixture<DebugLoggedServerFactory>;

public class DateQueryInProductionTests(DebugLoggedProductionServerFactory factory) : DateQueryTests(factory), IClassFixture<DebugLoggedProductionServerFactory>;
