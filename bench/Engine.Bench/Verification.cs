using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>Checks that the engine, raw RulesEngine and the hand-written function decide alike.</summary>
public static class Verification
{
    /// <summary>One input per row of the table, so each row is the decisive one once.</summary>
    public static IEnumerable<(string Expected, Dictionary<string, object?> Facts)> Cases()
    {
        Dictionary<string, object?> With(params (string Name, object? Value)[] changes)
        {
            var f = Sel97.GrantedFacts();
            foreach (var (name, value) in changes) f[name] = value;
            return f;
        }
        yield return ("R97-01", With(("hasBpaOrHelpSchemeSection96", true)));
        yield return ("R97-02", With(("hasDeafblindContactPersonSection98", true)));
        // Born 1956-05-17: pension age 67 (2023-05-17); a grant from before then is kept at 67 and 9 months.
        yield return ("R97-03", With(("birthDate", new DateOnly(1956, 5, 17)), ("existingEscortGrantDate", new DateOnly(2020, 1, 1))));
        yield return ("R97-04", With(("birthDate", new DateOnly(2006, 3, 2))));
        // Born 1954-03-01, pension age 65.5 but the limit is 67: reached on 2021-03-01.
        yield return ("R97-05", With(("birthDate", new DateOnly(1954, 3, 1))));
        // Born 1957-03-01: limit 67 reached exactly on the decision date (">=" upperAgeLimitDate).
        yield return ("R97-05", With(("birthDate", new DateOnly(1957, 3, 1))));
        // One day younger: still under the limit.
        yield return ("R97-11", With(("birthDate", new DateOnly(1957, 3, 2))));
        // A grant made after the pension date does not keep the right.
        yield return ("R97-05", With(("birthDate", new DateOnly(1956, 5, 17)), ("existingEscortGrantDate", new DateOnly(2023, 6, 1))));
        yield return ("R97-06", With(("impairmentCause", "socialCauses")));
        yield return ("R97-08a", With(("cannotGetAroundAloneOutsideHome", false)));
        yield return ("R97-08b", With(("impairmentSignificantAndPermanent", false)));
        yield return ("R97-09a", With(("canRequestIndividualEscortWithoutSocialPedagogicalContent", false)));
        yield return ("R97-09b", With(("canExpressWishToParticipate", false)));
        yield return ("R97-09c", With(("awareOfActivityContent", false)));
        yield return ("R97-09d", With(("canTakePartInActivityWithoutEscortHelp", false)));
        yield return ("R97-10", With(("needsSocialPedagogicalSupport", "forAllActivities")));
        yield return ("R97-11", With(("impairmentCause", "mentalIllness"), ("needsSocialPedagogicalSupport", "forSomeActivities")));
        yield return ("R97-11", Sel97.GrantedFacts());
    }

    public static async Task<int> RunAllAsync()
    {
        var lookups = Sel97.Lookups();
        var cv = VersionCompiler.Compile(Sel97.RulesetId, Sel97.Version(), SatsCatalog.Empty, lookups);
        var raw = new RawRulesEngine();
        int passed = 0, failed = 0;
        foreach (var (expected, facts) in Cases())
        {
            var problem = await CompareAsync(cv, raw, facts, SatsCatalog.Empty, lookups, expected);
            if (problem is null) passed++;
            else
            {
                failed++;
                Console.WriteLine($"FAIL {expected}: {problem}");
            }
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    public static void CheckGranted(CompiledVersion cv, RawRulesEngine raw, SatsCatalog satser, LookupCatalog lookups)
    {
        var problem = CompareAsync(cv, raw, Sel97.GrantedFacts(), satser, lookups, "R97-11").AsTask().GetAwaiter().GetResult();
        if (problem is not null) throw new InvalidOperationException("Benchmark input is not decided alike: " + problem);
    }

    private static async ValueTask<string?> CompareAsync(CompiledVersion cv, RawRulesEngine raw, Dictionary<string, object?> facts,
        SatsCatalog satser, LookupCatalog lookups, string expectedRule)
    {
        var result = await Evaluator.EvaluateAsync(cv, Sel97.DecisionDate, FactBinder.Bind(cv.Facts, facts), satser, lookups);
        if (result.Status != EvaluationStatus.Determined)
            return $"engine status {result.Status} {result.Error}";
        var engine = new Decision(result.Outcome!, (decimal)result.Outputs["hoursPerMonth"]!, result.DecisiveRows.Single().Rule);
        var input = Sel97Input.From(facts, Sel97.DecisionDate).Derive(lookups);
        var b = await raw.DecideAsync(input);
        var c = HandWritten.Decide(input);
        if (engine != b || engine != c || engine.Rule != expectedRule)
            return $"expected {expectedRule}; engine {engine}, raw RulesEngine {b}, hand-written {c}";
        if (expectedRule == "R97-11" && result.Trace.Count(t => !t.Matched && t.Failed is not null) != cv.Tables[0].Rows.Length - 1)
            return "the engine did not explain every non-matching row";
        return null;
    }
}
