using System.Text.Json.Nodes;

namespace Serviceloven.Server.Tests;

/// <summary>
/// A request body shorter than its Content-Length (issue 18) gave a 500 after 7.6 s with Kestrel's exception and its
/// stack trace in the log. Now 408 problem details when the body stops arriving, and nothing logged either way.
/// </summary>
public class ShortBodyTests(KestrelRulesServer server) : IClassFixture<KestrelRulesServer>
{
    private const string Partial = "{\"ruleset\":\"sel-97\",";

    private static string Request(string path) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{Partial}";

    [Theory]
    [InlineData("/api/v1/evaluations")]
    [InlineData("/api/v1/evaluations/batch")]
    public async Task A_body_cut_short_by_the_client_is_no_500_and_no_exception_in_the_log(string path)
    {
        // Kestrel takes the client's end of sending as the end of the connection: no answer can reach it any more.
        var (status, _, _) = await server.SendRawAsync(Request(path), closeSending: true, TimeSpan.FromSeconds(30));
        Assert.NotEqual(500, status);
        await Task.Delay(500); // the request finishes on the server after the connection is gone
        AssertNoExceptionLogged();
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_408_problem_details()
    {
        // Kestrel's minimum body data rate allows 5 seconds of grace before it stops waiting.
        var (status, head, body) = await server.SendRawAsync(Request("/api/v1/evaluations"), closeSending: false, TimeSpan.FromSeconds(30));
        Assert.Equal(408, status);
        Assert.Contains("application/problem+json", head);
        Assert.Equal(408, JsonNode.Parse(body)!["status"]!.GetValue<int>());
        AssertNoExceptionLogged();
    }

    private void AssertNoExceptionLogged() =>
        Assert.DoesNotContain(server.Logs.Entries, e => e.Exception is not null || e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
}
