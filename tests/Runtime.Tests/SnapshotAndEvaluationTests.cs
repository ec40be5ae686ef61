using System.Text.Json;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Receipts;

namespace Serviceloven.Runtime.Tests;

/// <summary>The runtime without HTTP: the snapshot's precomputed receipt hashes and the typed evaluation failures.</summary>
public sealed class SnapshotAndEvaluationTests(PublishedRulesFixture rules) : IClassFixture<PublishedRulesFixture>
{
    private static readonly DateTimeOffset FarFuture = new(2999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_versions_precomputed_version_set_hash_is_the_one_computed_from_the_latest_catalogs()
    {
        var snapshot = rules.Holder.Current;
        var versions = snapshot.Rulesets.Values.SelectMany(r => r.Versions).ToList();
        Assert.NotEmpty(versions);
        Assert.Equal(versions.Count, snapshot.LatestVersionSetHashes.Count);
        // asOf far ahead sees every publication, so its catalogs are computed afresh rather than taken from the snapshot.
        var catalogs = snapshot.CatalogsAsOf(FarFuture);
        Assert.NotSame(snapshot.Latest, catalogs);
        foreach (var v in versions)
            Assert.Equal(ReceiptHashes.VersionSet(v.Hash, v.Compiled, catalogs.SatsHashes, catalogs.LookupHashes), snapshot.LatestVersionSetHashes[v.Id]);
    }

    [Fact]
    public async Task An_evaluation_with_asOf_now_or_later_gets_the_same_receipt_as_one_without()
    {
        var request = new EvaluationRequest { Ruleset = "sel-97", DecisionDate = new DateOnly(2024, 3, 1), Facts = [] };
        var now = (await rules.Evaluations.EvaluateAsync(request, CancellationToken.None)).Response!;
        var replay = (await rules.Evaluations.EvaluateAsync(request with { AsOf = FarFuture }, CancellationToken.None)).Response!;
        Assert.Equal(now.Receipt, replay.Receipt);
        Assert.StartsWith("sha256:", now.Receipt.VersionSetHash);
    }

    [Fact]
    public async Task No_request_at_all_is_an_invalid_request_not_an_exception()
    {
        var failure = (await rules.Evaluations.EvaluateAsync(null, CancellationToken.None)).Failure!;
        Assert.Equal(EvaluationFailureKind.InvalidRequest, failure.Kind);
        Assert.Contains("body", failure.Errors!.Keys);
    }

    [Fact]
    public async Task Failures_are_typed_and_name_the_request_field_at_fault()
    {
        var incomplete = (await rules.Evaluations.EvaluateAsync(new EvaluationRequest(), CancellationToken.None)).Failure!;
        Assert.Equal(EvaluationFailureKind.InvalidRequest, incomplete.Kind);
        Assert.Equal(["decisionDate", "ruleset"], incomplete.Errors!.Keys.Order(StringComparer.Ordinal));

        var unknown = (await rules.Evaluations.EvaluateAsync(new EvaluationRequest { Ruleset = "sel-0", DecisionDate = new DateOnly(2024, 3, 1) },
            CancellationToken.None)).Failure!;
        Assert.Equal((EvaluationFailureKind.UnknownRuleset, "Regelsættet 'sel-0' findes ikke."), (unknown.Kind, unknown.Detail));

        var badFact = (await rules.Evaluations.EvaluateAsync(new EvaluationRequest
        {
            Ruleset = "sel-97", DecisionDate = new DateOnly(2024, 3, 1),
            Facts = new() { ["birthDate"] = JsonSerializer.SerializeToElement("ikke en dato") },
        }, CancellationToken.None)).Failure!;
        Assert.Equal(EvaluationFailureKind.InvalidFacts, badFact.Kind);
        Assert.Contains("facts.birthDate", badFact.Errors!.Keys);
    }
}
