using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Serviceloven.Adversarial.Tests.Common;
using Xunit.Abstractions;

namespace Serviceloven.Adversarial.Tests.Fuzz;

/// <summary>
/// FUZZ_N generated requests (10,000 in CI; FUZZ_N=100000 for the long mode) against the real server over HTTP,
/// seeded (FUZZ_SEED replays a run) and reproducible. Prints the figure: requests, status histogram, 5xx, answers
/// slower than 2 s, whether the server is alive at the end.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>, IDisposable
{
    private const ulong Gamma = 0x9E3779B97F4A7C15; // FsCheck's Rnd wants an odd gamma; fixed, so the seed alone replays a run
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    private readonly LiveServer _server = new(new Dictionary<string, string?>
    {
        // The fuzzer is one client sending as fast as it can; the per-key limit has its own test (Access).
        ["Access:RateLimit:PermitsPerSecond"] = "1000000",
        ["Access:RateLimit:Burst"] = "1000000",
        ["Logging:LogLevel:Default"] = "Warning",
    });

    [Fact]
    public async Task Generated_requests_never_get_a_5xx_or_a_slow_answer_and_every_4xx_names_the_field()
    {
        var n = Repository.Setting("FUZZ_N", 10_000);
        var seed = Repository.Seed("FUZZ_SEED");
        figures.Print(output, $"API-fuzz: FUZZ_SEED={seed} FUZZ_N={n} (gentag med de to miljøvariable)");
        using var http = _server.Http();
        var catalogue = await Catalogue.LoadAsync(http);
        var generators = new RequestGenerators(catalogue);
        var client = new FuzzClient(http, _server.BaseAddress, _server.ApiKey);
        var reference = await ReferenceAsync(http, catalogue);

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<(FuzzRequest Request, string Why)>();
        var slow = 0;
        var timings = new ConcurrentQueue<(TimeSpan Elapsed, FuzzRequest Request, int Status)>();
        var sent = 0;
        var started = Stopwatch.GetTimestamp();
        const int chunk = 50;
        var gen = generators.Any();
        for (var first = 0; first < n; first += chunk)
        {
            // Each chunk from its own Rnd derived from the seed: the same seed gives the same requests in the same order.
            var size = first / chunk % 100;
            var requests = Gen.Sample(gen, Math.Min(chunk, n - first), new Rnd(seed + (ulong)(first / chunk) * 0x2545F4914F6CDD1D, Gamma), size);
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
            {
                FuzzAnswer answer;
                try { answer = await client.SendAsync(request); }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures.Enqueue((request, "ingen svar: " + ex.Message));
                    return;
                }
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate(answer.Status, 1, (_, c) => c + 1);
                if (answer.Elapsed > Slow)
                {
                    Interlocked.Increment(ref slow);
                    failures.Enqueue((request, $"svar efter {answer.Elapsed.TotalMilliseconds:0} ms"));
                }
                timings.Enqueue((answer.Elapsed, request, answer.Status));
                if (ResponseCheck.Check(request, answer.Status, answer.ContentType, answer.Body) is { } why)
                    failures.Enqueue((request, why + " :: " + Clip(answer.Body, 400)));
            });
        }
        var elapsed = Stopwatch.GetElapsedTime(started);

        var alive = await AliveAsync(http, catalogue, reference);
        var errors = _server.Log.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        var fiveHundreds = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var byTime = timings.OrderBy(t => t.Elapsed).ToList();
        var slowest = byTime.Count > 0 ? byTime[^1] : default;
        figures.Print(output, $"API-fuzz: {sent} anmodninger (FUZZ_SEED={seed}) på {elapsed.TotalSeconds:0.0} s ({sent / elapsed.TotalSeconds:0}/s); " +
                         $"status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; " +
                         $"5xx: {fiveHundreds}; langsommere end 2 s: {slow} (langsomste {slowest.Elapsed.TotalMilliseconds:0} ms, " +
                         $"p99 {Percentile(byTime, 0.99):0} ms, median {Percentile(byTime, 0.5):0} ms); " +
                         $"fejl i loggen: {errors}; serveren i live til sidst: {(alive is null ? "ja" : "NEJ: " + alive)}");
        if (slowest.Request is { } slowestRequest)
            figures.Print(output, $"API-fuzz, langsomste svar: {slowest.Elapsed.TotalMilliseconds:0} ms, status {slowest.Status}, slags {slowestRequest.Kind}: {slowestRequest.Preview(200)}");
        // Per kind: how many, the p99 and the slowest, slowest kinds first, so a slow answer can be traced to its shape.
        figures.Print(output, "API-fuzz pr. slags (antal, p99, langsomste): " + string.Join(", ", byTime.GroupBy(t => t.Request.Kind)
            .Select(g => (Kind: g.Key, Count: g.Count(), P99: Percentile(g.ToList(), 0.99), Max: g.Max(t => t.Elapsed).TotalMilliseconds))
            .OrderByDescending(k => k.Max).Select(k => $"{k.Kind} {k.Count} ({k.P99:0}/{k.Max:0} ms)")));
        var grouped = failures.GroupBy(f => f.Request.Kind + " | " + Clip(f.Why.Split(" :: ")[0], 120)).ToList();
        foreach (var g in grouped.Take(40))
            output.WriteLine($"FEJL ×{g.Count()} [{g.Key}]\n  fx {g.First().Request.Preview()}\n  svar: {g.First().Why}");

        foreach (var e in _server.Log.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).GroupBy(Signature).Take(20))
            output.WriteLine($"LOG ×{e.Count()}: {e.Key}");
        Assert.True(sent >= n, $"kun {sent} af {n} anmodninger fik svar");
        Assert.Null(alive);
        Assert.True(failures.IsEmpty, $"{failures.Count} svar overholdt ikke kravene ({grouped.Count} slags); se testens output. FUZZ_SEED={seed}");
        Assert.Equal(0, errors);
    }

    private sealed record Reference(string Body, string Hash);

    /// <summary>A worked case's answer before the run: the same request must give the same receipt after it.</summary>
    private static async Task<Reference> ReferenceAsync(HttpClient http, Catalogue catalogue)
    {
        var c = catalogue.Cases.First(c => c.Ruleset == "sel-97");
        var body = new JObj(c.Facts.Select(f => (f.Name, Json.Raw(f.Json))).ToList());
        var request = Json.Obj(("ruleset", Json.Str(c.Ruleset)), ("decisionDate", Json.Str(c.DecisionDate)), ("facts", body)).ToString();
        using var response = await http.PostAsync("/api/v1/evaluations", new StringContent(request, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var json = JsonDocument.Parse(text).RootElement;
        return new Reference(request, json.GetProperty("receipt").GetProperty("inputHash").GetString() + json.GetProperty("version").GetProperty("hash").GetString());
    }

    /// <summary>Null when /health/ready is 200 and the reference evaluation answers as before; else what is wrong.</summary>
    private static async Task<string?> AliveAsync(HttpClient http, Catalogue catalogue, Reference reference)
    {
        using var ready = await http.GetAsync("/health/ready");
        if (ready.StatusCode != HttpStatusCode.OK) return $"/health/ready svarer {(int)ready.StatusCode}";
        using var response = await http.PostAsync("/api/v1/evaluations", new StringContent(reference.Body, System.Text.Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.OK) return $"referenceevalueringen svarer {(int)response.StatusCode}";
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var hash = json.GetProperty("receipt").GetProperty("inputHash").GetString() + json.GetProperty("version").GetProperty("hash").GetString();
        return hash == reference.Hash ? null : "referenceevalueringen giver en anden kvittering end før";
    }

    /// <summary>An error log line by its exception and the first frame in the product's code.</summary>
    private static string Signature(string line)
    {
        var lines = line.Split('\n');
        var exception = lines.Skip(1).FirstOrDefault() ?? lines[0];
        var frame = lines.FirstOrDefault(l => l.Contains("at Serviceloven.")) ?? "";
        return Clip(exception.Trim(), 200) + " " + frame.Trim();
    }

    /// <summary>The answer time below which the given share of answers lies, in milliseconds (the list is in time order).</summary>
    private static double Percentile(List<(TimeSpan Elapsed, FuzzRequest Request, int Status)> ordered, double share) =>
        ordered.Count == 0 ? 0 : ordered[Math.Clamp((int)Math.Ceiling(share * ordered.Count) - 1, 0, ordered.Count - 1)].Elapsed.TotalMilliseconds;

    private static string Clip(string s, int max) => s.Length > max ? s[..max] + "…" : s;

    public void Dispose() => _server.Dispose();
}
