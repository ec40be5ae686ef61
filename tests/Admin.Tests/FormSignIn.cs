using System.Net;
using System.Text.RegularExpressions;

namespace Serviceloven.Admin.Tests;

/// <summary>Signing in through the real form, with the cookies handled by hand so a test can keep and replay them.</summary>
public static partial class FormSignIn
{
    public const string SessionCookie = ".Serviceloven.Admin";

    /// <summary>
    /// Gets the form, posts the name and password. Each call comes from its own client address (X-Forwarded-For, which
    /// the server honours from loopback), so tests do not share the sign-in limits of one address, unless
    /// <paramref name="from"/> names the address.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string username, string password, string? from = null,
        Action<HttpRequestMessage>? configure = null)
    {
        from ??= RandomAddress();
        configure += r => r.Headers.Add("X-Forwarded-For", from);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        configure(get);
        using var form = await client.SendAsync(get);
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var post = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(await form.Content.ReadAsStringAsync()), ["_handler"] = "login",
                ["Posted.Username"] = username, ["Posted.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        configure(post);
        return await client.SendAsync(post);
    }

    /// <summary>An address in 198.18.0.0/15, the range set aside for tests.</summary>
    public static string RandomAddress() => $"198.{Random.Shared.Next(18, 20)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    /// <summary>Signs in (which must succeed) and returns the cookies as the browser would send them.</summary>
    public static async Task<string> CookieAsync(HttpClient client, string username, string password, string? from = null)
    {
        using var signedIn = await PostAsync(client, username, password, from);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Log ind som {username} svarede {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        return SetCookie(signedIn, SessionCookie)!.Split(';')[0];
    }

    /// <summary>The whole Set-Cookie line of one cookie, with its attributes.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token
        ? token : throw new InvalidOperationException("Ingen antiforgery-token på siden.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
