using System.Diagnostics;
using System.Net;
using System.Text;
using Dapper;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Adversarial.Tests.Crash;
using Serviceloven.Adversarial.Tests.Fuzz;
using Xunit.Abstractions;

using J = Serviceloven.Adversarial.Tests.Fuzz.Json;

namespace Serviceloven.Adversarial.Tests.Privacy;

/// <summary>
/// A citizen's data passes through the server and stays nowhere: every worked case of rules/ is evaluated with a
/// recognisable marker in every text, enum and date fact and every note (valid answers, refusals, batches, with and
/// without begrundelse, under unknown fact names too), then the database file (with its WAL), the log output and the
/// audit log are searched for it. Prints the figure.
/// </summary>
public sealed class PrivacyTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>, IDisposable
{
    private readonly LiveServer _server = new(new Dictionary<string, string?>
    {
        // The most the server would ever log in production: its own code at Debug.
        ["Logging:LogLevel:Serviceloven"] = "Debug",
        ["Access:RateLimit:PermitsPerSecond"] = "100000",
        ["Access:RateLimit:Burst"] = "100000",
    });

    [Fact]
    public async Task A_marker_in_every_fact_and_note_appears_nowhere_in_the_database_the_log_or_the_audit_log()
    {
        var marker = "PRIVATMARKOER" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var started = Stopwatch.GetTimestamp();
        using var http = _server.Http();
        var catalogue = await Catalogue.LoadAsync(http);
        var statuses = new Dictionary<int, int>();
        var echoed = 0;
        var items = new List<J>();
        foreach (var c in catalogue.Cases)
        {
            // Valid: the marker in every free-text fact and note, the case's own values elsewhere.
            var valid = Body(c, marker, invalidToo: false);
            // Refused: the marker in enum and date facts as well, and under an unknown fact name.
            var refused = Body(c, marker, invalidToo: true);
            foreach (var body in new[] { valid, refused, valid.With("begrundelse", J.Bool(true)).With("format", J.Str("html")) })
            {
                var (status, text) = await PostAsync(http, "/api/v1/evaluations", body.ToString());
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (text.Contains(marker)) echoed++;
            }
            items.Add(valid);
            items.Add(refused);
        }
        foreach (var chunk in items.Chunk(100))
        {
            var (status, _) = await PostAsync(http, "/api/v1/evaluations/batch", J.Obj(("evaluations", J.Arr(chunk))).ToString());
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }
        // A ruleset name and a header with the marker: refused, and still not logged.
        var (unknown, _) = await PostAsync(http, "/api/v1/evaluations", J.Obj(("ruleset", J.Str(marker)), ("decisionDate", J.Str("2024-01-01")), ("facts", J.Obj())).ToString());
        statuses[unknown] = statuses.GetValueOrDefault(unknown) + 1;
        var requests = statuses.Values.Sum();
        Assert.True(statuses.GetValueOrDefault(200) > catalogue.Cases.Count, string.Join(", ", statuses));
        Assert.True(statuses.Keys.Any(s => s is >= 400 and < 500), "ingen afvisninger: " + string.Join(", ", statuses));
        Assert.True(echoed > 0, "markøren kom ikke engang tilbage i et svar; testen ville ikke kunne fejle");

        // Let the server write whatever it writes after an answer, then read everything it keeps.
        await Task.Delay(500);
        // Everything the server wrote in its folder: the database, its WAL and shared memory, the start-up lock.
        var written = Directory.GetFiles(_server.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(_server.Folder, "rules") + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        Assert.Contains(written, f => Path.GetFileName(f) == "rules.db");
        var inFiles = written.Where(f => Contains(f, marker)).Select(Path.GetFileName).ToList();
        var auditRows = DatabaseFile.Read(_server.DatabasePath, c =>
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE CAST(detail AS TEXT) LIKE @m OR entity LIKE @m OR entity_id LIKE @m OR actor LIKE @m",
                new { m = "%" + marker + "%" }));
        var auditTotal = DatabaseFile.Read(_server.DatabasePath, c => c.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log"));
        var logLines = _server.Log.Lines.Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
        var files = written.Count;

        figures.Print(output, $"Privatliv: {requests} anmodninger ({items.Count} evalueringer også i batches) med markøren i hvert tekst-, enum- og datofelt og hver note; " +
                              $"status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; " +
                              $"markøren i {files} databasefiler: {inFiles.Count}, i {_server.Log.Lines.Count} loglinjer: {logLines.Count}, " +
                              $"i {auditTotal} revisionsposter: {auditRows}; {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        foreach (var line in logLines.Take(5)) output.WriteLine("LOG: " + line);
        Assert.Empty(inFiles);
        Assert.Empty(logLines);
        Assert.Equal(0, auditRows);
    }

    private static JObj Body(BaseCase c, string marker, bool invalidToo)
    {
        var facts = new JObj(c.Facts.Select(f => (f.Name, J.Raw(f.Json))).ToList());
        foreach (var fact in c.Schema)
        {
            if (fact.Type == "text" || invalidToo && fact.Type is "enum" or "date")
                facts = facts.With(fact.Name, J.Str(fact.Type == "date" ? "2024-01-01" + marker : marker + " æøå"));
        }
        if (invalidToo) facts = facts.Add(marker, J.Str(marker));
        var notes = c.Notes.Count > 0
            ? new JObj(c.Notes.Select(n => (n.Name, J.Str(n.Text + " " + marker))).ToList())
            : new JObj(c.Schema.Take(2).Select(f => (f.Name, J.Str(marker))).ToList());
        return J.Obj(("ruleset", J.Str(c.Ruleset)), ("decisionDate", J.Str(c.DecisionDate)), ("facts", facts), ("notes", notes),
            ("begrundelse", J.Bool(false)));
    }

    private static async Task<(int Status, string Text)> PostAsync(HttpClient http, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The marker in the file's bytes as UTF-8 or UTF-16 (SQLite may keep text in either).</summary>
    private static bool Contains(string path, string marker)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        catch (IOException) { return false; }
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) >= 0;
    }

    public void Dispose() => _server.Dispose();
}
