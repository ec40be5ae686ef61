using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Serviceloven.Adversarial.Tests.Common;
using Serviceloven.Adversarial.Tests.Crash;
using Serviceloven.Adversarial.Tests.Fuzz;
using Serviceloven.Admin.Drafts;
using Serviceloven.Admin.Publishing;
using Serviceloven.Store.Versions;
using Xunit.Abstractions;

using J = Serviceloven.Adversarial.Tests.Fuzz.Json;

namespace Serviceloven.Adversarial.Tests.Concurrency;

/// <summary>
/// Two editors saving one draft at the same moment, and evaluations over HTTP while approvers publish, on the real
/// server over a real SQLite file. Prints the figures.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output, Figures figures) : IClassFixture<Figures>, IDisposable
{
    private const string Ruleset = "sel-3a";

    private readonly LiveServer _server = new(new Dictionary<string, string?>
    {
        ["Access:RateLimit:PermitsPerSecond"] = "1000000",
        ["Access:RateLimit:Burst"] = "1000000",
        ["Logging:LogLevel:Default"] = "Warning",
    }, smallRules: true);

    private VersionRow LatestPublished() =>
        _server.Get<VersionRepository>().ForRuleset(Ruleset).Where(v => v.Status == Status.Published).MaxBy(v => v.ValidFrom)!;

    [Fact]
    public async Task Two_editors_saving_one_draft_from_the_same_base_at_once_one_succeeds_and_the_other_gets_a_conflict_naming_the_draft()
    {
        var rounds = Repository.Setting("CONCURRENCY_ROUNDS", 20);
        var drafts = _server.Get<DraftService>();
        var draft = drafts.CreateDraft(CrashHost.Editor, LatestPublished().Id, new DateOnly(2031, 1, 1));
        var anna = CrashHost.Editor;
        var david = CrashHost.Editor with { Username = "david", DisplayName = "David" };
        var started = Stopwatch.GetTimestamp();
        int annaWon = 0, davidWon = 0;
        for (var round = 0; round < rounds; round++)
        {
            var row = drafts.Get(draft.Id)!;
            var mine = DraftDocument.Open(row);
            var theirs = DraftDocument.Open(row);
            mine.Version.ChangeNote = $"Annas ændring {round}";
            theirs.Version.ChangeNote = $"Davids ændring {round}";
            using var barrier = new Barrier(2);
            var saves = await Task.WhenAll(
                Task.Run(() => { barrier.SignalAndWait(); return drafts.Save(anna, mine); }),
                Task.Run(() => { barrier.SignalAndWait(); return drafts.Save(david, theirs); }));

            Assert.Equal(1, saves.Count(s => s.Ok));
            var (won, lost) = saves[0].Ok ? (saves[0], saves[1]) : (saves[1], saves[0]);
            var winner = saves[0].Ok ? anna : david;
            if (winner == anna) annaWon++; else davidWon++;
            // The conflict names the draft (ruleset and date), who saved it, and carries the row as saved.
            Assert.Contains(Ruleset, lost.Conflict);
            Assert.Contains("01-01-2031", lost.Conflict);
            Assert.Contains(winner.Username, lost.Conflict);
            Assert.Equal(won.Saved!.ContentHash, lost.Current!.ContentHash);
            Assert.Equal(won.Saved.ContentHash, drafts.Get(draft.Id)!.ContentHash);
            Assert.Equal(row.Revision + 1, drafts.Get(draft.Id)!.Revision);
        }
        figures.Print(output, $"Samtidige gem: {rounds} runder med to redaktører, der gemmer samme kladde fra samme udgangspunkt; " +
                              $"hver runde én gemt og én konflikt, der nævner kladden ({annaWon} × anna, {davidWon} × david vandt); " +
                              $"{Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Fifty_parallel_evaluations_during_twenty_publishes_each_answer_from_the_old_or_the_new_version()
    {
        var publishes = Repository.Setting("CONCURRENCY_PUBLISHES", 20);
        var parallel = Repository.Setting("CONCURRENCY_CLIENTS", 50);
        using var http = _server.Http();
        var catalogue = await Catalogue.LoadAsync(http);
        var c = catalogue.Cases.First(c => c.Ruleset == Ruleset);
        // Far in the future: each publication below (from 2030 on, a day later each time) becomes the version that answers.
        // Without begrundelse: the question is which version answers; a letter's render has its own 1 s wall-clock limit,
        // which 50 clients on a starved machine can pass (then 422 begrundelse-error, as designed).
        var body = J.Obj(("ruleset", J.Str(Ruleset)), ("decisionDate", J.Str("2099-01-01")),
            ("facts", new JObj(c.Facts.Select(f => (f.Name, J.Raw(f.Json))).ToList())), ("begrundelse", J.Bool(false))).ToString();

        // The published hashes in order; answers may come from any version live at some moment during the request.
        var live = new List<string> { LatestPublished().ContentHash };
        var completed = 0; // publications finished (their hash live from then on)
        var answers = new ConcurrentQueue<(int LiveAtStart, int StartedAtEnd, int Status, string Hash, string Problem)>();
        var startedPublishes = 0;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var clients = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            using var client = _server.Http();
            while (!stop.IsCancellationRequested)
            {
                var liveAtStart = Volatile.Read(ref completed);
                using var response = await client.PostAsync("/api/v1/evaluations", new StringContent(body, Encoding.UTF8, "application/json"));
                var text = await response.Content.ReadAsStringAsync();
                var startedAtEnd = Volatile.Read(ref startedPublishes);
                var hash = (int)response.StatusCode == 200 ? JsonDocument.Parse(text).RootElement.GetProperty("version").GetProperty("hash").GetString()! : "";
                answers.Enqueue((liveAtStart, startedAtEnd, (int)response.StatusCode, hash, (int)response.StatusCode == 200 ? "" : text));
            }
        })).ToList();

        var drafts = _server.Get<DraftService>();
        var publishing = _server.Get<PublishingService>();
        var approvals = new List<double>();
        for (var i = 0; i < publishes; i++)
        {
            var latest = LatestPublished();
            var draft = drafts.CreateDraft(CrashHost.Editor, latest.Id, new DateOnly(2030, 1, 1).AddDays(i));
            publishing.Submit(CrashHost.Editor, draft.Id);
            var approval = Stopwatch.StartNew();
            lock (live) live.Add(drafts.Get(draft.Id)!.ContentHash);
            Interlocked.Increment(ref startedPublishes);
            var result = await publishing.ApproveAsync(CrashHost.Approver, draft.Id, "Samtidighedstest.");
            Assert.True(result.Published, string.Join(" | ", result.Reasons));
            Interlocked.Increment(ref completed);
            approvals.Add(approval.Elapsed.TotalMilliseconds);
        }
        // A little more load after the last publication, then stop.
        await Task.Delay(300);
        stop.Cancel();
        await Task.WhenAll(clients);
        var elapsed = clock.Elapsed;

        var all = answers.ToList();
        var failed = all.Where(a => a.Status != 200).ToList();
        var unknown = all.Where(a => a.Status == 200 && !live.Contains(a.Hash)).ToList();
        // Old or new: a hash live when the request began, or one published while it ran; never one replaced before it began.
        var outOfTime = all.Where(a => a.Status == 200 && live.IndexOf(a.Hash) is var at && at >= 0 && (at < a.LiveAtStart || at > a.StartedAtEnd)).ToList();
        var distinct = all.Where(a => a.Status == 200).Select(a => a.Hash).Distinct().Count();
        figures.Print(output, $"Evalueringer under offentliggørelser: {all.Count} svar fra {parallel} samtidige klienter under {publishes} offentliggørelser " +
                              $"på {elapsed.TotalSeconds:0.0} s (godkendelse median {Median(approvals):0} ms); svar fra {distinct} af {live.Count} versioner; " +
                              $"fejlede: {failed.Count}; fra en ukendt version: {unknown.Count}; fra en version, der ikke var gammel eller ny: {outOfTime.Count}");
        foreach (var f in failed.Take(3)) output.WriteLine($"FEJL {f.Status}: {f.Problem}");
        Assert.Empty(failed);
        Assert.Empty(unknown);
        Assert.Empty(outOfTime);
        Assert.True(distinct > publishes / 2, $"kun {distinct} versioner svarede; offentliggørelserne ramte ikke evalueringerne");
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    public void Dispose() => _server.Dispose();
}
