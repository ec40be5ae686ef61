using System.Net;
using System.Text.Json;

namespace Serviceloven.Adversarial.Tests.Fuzz;

/// <summary>
/// What every answer of /api/v1 must be, whatever was sent: never 5xx; every 4xx RFC 9457 problem details with its
/// status, a title and a type, naming the field at fault; a 200 a whole evaluation (or a whole batch).
/// </summary>
public static class ResponseCheck
{
    /// <summary>Null when the answer is acceptable; otherwise what is wrong with it.</summary>
    public static string? Check(FuzzRequest request, int status, string? contentType, string body)
    {
        // A client that half-closes its side mid-body has hung up: Kestrel aborts the request, so no answer is owed
        // (a client that stays and stops sending gets 408; Server.Tests holds that). Only the server's state counts then.
        if (request.ShortBody && status == 0) return null;
        // Kestrel refuses a NUL in the path itself, with an empty 400, before any of the server's code runs.
        if (status == 400 && body.Length == 0 && request.Path.Contains("%00", StringComparison.Ordinal)) return null;
        if (status >= 500) return $"{status} (en 5xx er altid en fejl)";
        if (status is >= 400 and < 500) return CheckProblem(status, contentType, body);
        if (status != 200) return $"uventet status {status}";
        if (!request.Path.StartsWith("/api/v1/evaluations", StringComparison.Ordinal)) return ParsesAsJson(body);
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException ex) { return "200 uden gyldig JSON: " + ex.Message; }
        return request.Path.EndsWith("/batch", StringComparison.Ordinal) ? CheckBatch(root) : CheckEvaluation(root);
    }

    private static string? ParsesAsJson(string body)
    {
        try { JsonDocument.Parse(body); return null; }
        catch (JsonException ex) { return "200 uden gyldig JSON: " + ex.Message; }
    }

    private static string? CheckEvaluation(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return "200 uden et objekt";
        if (!(e.TryGetProperty("status", out var s) && s.GetString() is "determined" or "undetermined")) return "200 uden status determined/undetermined";
        if (!e.TryGetProperty("receipt", out var r) || !r.TryGetProperty("versionSetHash", out _)) return "200 uden kvittering";
        if (!e.TryGetProperty("version", out var v) || !(v.TryGetProperty("hash", out var h) && h.GetString()!.StartsWith("sha256:", StringComparison.Ordinal))) return "200 uden versionens hash";
        return null;
    }

    private static string? CheckBatch(JsonElement e)
    {
        if (!e.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) return "200 uden results";
        var i = 0;
        foreach (var item in results.EnumerateArray())
        {
            if (item.GetProperty("index").GetInt32() != i) return $"results[{i}] har index {item.GetProperty("index")}";
            var status = item.GetProperty("statusCode").GetInt32();
            if (status == 200)
            {
                if (CheckEvaluation(item.GetProperty("result")) is { } bad) return $"results[{i}]: {bad}";
            }
            else if (status >= 500) return $"results[{i}] har status {status}";
            else if (!item.TryGetProperty("problem", out var p) || p.ValueKind != JsonValueKind.Object) return $"results[{i}] ({status}) uden problem details";
            else if (CheckProblemBody(status, p) is { } wrong) return $"results[{i}] ({status}): {wrong}";
            i++;
        }
        return null;
    }

    private static string? CheckProblem(int status, string? contentType, string body)
    {
        if (contentType is null || !contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
            return $"{status} med indholdstypen '{contentType}', ikke application/problem+json";
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException ex) { return $"{status} uden gyldig JSON: {ex.Message}"; }
        return CheckProblemBody(status, root);
    }

    /// <summary>Status, title and type; and the field at fault, in the errors map (or, for a refusal of the whole request, what to change).</summary>
    public static string? CheckProblemBody(int status, JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object) return "problem details er ikke et objekt";
        if (!p.TryGetProperty("status", out var s) || s.GetInt32() != status) return $"problem details med status {(p.TryGetProperty("status", out var x) ? x.ToString() : "(ingen)")} på et {status}-svar";
        if (!p.TryGetProperty("title", out var t) || string.IsNullOrWhiteSpace(t.GetString())) return "problem details uden title";
        if (!p.TryGetProperty("type", out var ty) || string.IsNullOrWhiteSpace(ty.GetString())) return "problem details uden type";
        if (WholeRequest.Any(w => ty.GetString()!.EndsWith("/" + w, StringComparison.Ordinal)))
            return p.TryGetProperty("detail", out var d) && !string.IsNullOrWhiteSpace(d.GetString()) ? null : $"{status} ({ty.GetString()}) uden detail";
        if (!Names(p)) return $"{status} ({ty.GetString()}) nævner ikke feltet";
        return null;
    }

    /// <summary>
    /// Refusals where no field of the request is at fault, so there is none to name; their detail says what to change:
    /// the method or the address (405, 404 for a route), the size of the whole body (413), a body that stopped short of
    /// its Content-Length (408, 400 incomplete-body), and the rules' own data
    /// failing on valid facts (a sats without a value on the date, a broken template: 422 with the table, row and
    /// column or the template and line, in the problem's own fields).
    /// </summary>
    private static readonly string[] WholeRequest =
        ["method-not-allowed", "not-found", "payload-too-large", "request-timeout", "incomplete-body", "evaluation-error", "begrundelse-error"];

    /// <summary>An errors map with at least one named field.</summary>
    private static bool Names(JsonElement p) =>
        p.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
        && errors.EnumerateObject().Any(e => e.Name.Length > 0 && e.Value.ValueKind == JsonValueKind.Array && e.Value.GetArrayLength() > 0);

    public static string Class(HttpStatusCode status) => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
