using RulesEngine.Models;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Dates;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>The § 97 facts as a plain typed class, with the derived values as ordinary properties.</summary>
public sealed class Sel97Input
{
    public DateOnly DecisionDate { get; set; }
    public DateOnly BirthDate { get; set; }
    public DateOnly? ExistingEscortGrantDate { get; set; }
    public bool HasBpaOrHelpSchemeSection96 { get; set; }
    public bool HasDeafblindContactPersonSection98 { get; set; }
    public string ImpairmentCause { get; set; } = "";
    public bool CannotGetAroundAloneOutsideHome { get; set; }
    public bool ImpairmentSignificantAndPermanent { get; set; }
    public bool CanRequestIndividualEscortWithoutSocialPedagogicalContent { get; set; }
    public bool CanExpressWishToParticipate { get; set; }
    public bool AwareOfActivityContent { get; set; }
    public bool CanTakePartInActivityWithoutEscortHelp { get; set; }
    public string NeedsSocialPedagogicalSupport { get; set; } = "";

    // Derived values, filled by Derive().
    public int Age { get; set; }
    public DateOnly PensionDate { get; set; }
    public DateOnly UpperAgeLimitDate { get; set; }

    public static Sel97Input From(IReadOnlyDictionary<string, object?> f, DateOnly decisionDate) => new()
    {
        DecisionDate = decisionDate,
        BirthDate = (DateOnly)f["birthDate"]!,
        ExistingEscortGrantDate = f.GetValueOrDefault("existingEscortGrantDate") as DateOnly?,
        HasBpaOrHelpSchemeSection96 = (bool)f["hasBpaOrHelpSchemeSection96"]!,
        HasDeafblindContactPersonSection98 = (bool)f["hasDeafblindContactPersonSection98"]!,
        ImpairmentCause = (string)f["impairmentCause"]!,
        CannotGetAroundAloneOutsideHome = (bool)f["cannotGetAroundAloneOutsideHome"]!,
        ImpairmentSignificantAndPermanent = (bool)f["impairmentSignificantAndPermanent"]!,
        CanRequestIndividualEscortWithoutSocialPedagogicalContent = (bool)f["canRequestIndividualEscortWithoutSocialPedagogicalContent"]!,
        CanExpressWishToParticipate = (bool)f["canExpressWishToParticipate"]!,
        AwareOfActivityContent = (bool)f["awareOfActivityContent"]!,
        CanTakePartInActivityWithoutEscortHelp = (bool)f["canTakePartInActivityWithoutEscortHelp"]!,
        NeedsSocialPedagogicalSupport = (string)f["needsSocialPedagogicalSupport"]!,
    };

    /// <summary>The same derived values as the version's: age, folkepensionsalder date, upper age limit date.</summary>
    public Sel97Input Derive(LookupCatalog lookups)
    {
        Age = LegalDates.AgeAt(BirthDate, DecisionDate);
        var fpa = lookups.Find("folkepensionsalder", BirthDate, DecisionDate).Value;
        PensionDate = LegalDates.AddYears(BirthDate, fpa);
        UpperAgeLimitDate = LegalDates.AddYears(BirthDate, Math.Max(67m, fpa));
        return this;
    }
}

public readonly record struct Decision(string Outcome, decimal HoursPerMonth, string Rule);

/// <summary>(b) Microsoft RulesEngine used directly: one rule per row, one engine built once, first success wins.</summary>
public sealed class RawRulesEngine
{
    public const string WorkflowName = "sel-97-raw";

    private static readonly (string Id, string Expression, string Outcome)[] Rows =
    [
        ("R97-01", "x.HasBpaOrHelpSchemeSection96 == true", "afslag"),
        ("R97-02", "x.HasDeafblindContactPersonSection98 == true", "afslag"),
        ("R97-03", "x.ExistingEscortGrantDate.HasValue && x.ExistingEscortGrantDate.Value < x.PensionDate", "bevilget"),
        ("R97-04", "x.Age < 18", "afslag"),
        ("R97-05", "x.DecisionDate >= x.UpperAgeLimitDate", "afslag"),
        ("R97-06", "x.ImpairmentCause == \"socialCauses\"", "afslag"),
        ("R97-08a", "x.CannotGetAroundAloneOutsideHome == false", "afslag"),
        ("R97-08b", "x.ImpairmentSignificantAndPermanent == false", "afslag"),
        ("R97-09a", "x.CanRequestIndividualEscortWithoutSocialPedagogicalContent == false", "afslag"),
        ("R97-09b", "x.CanExpressWishToParticipate == false", "afslag"),
        ("R97-09c", "x.AwareOfActivityContent == false", "afslag"),
        ("R97-09d", "x.CanTakePartInActivityWithoutEscortHelp == false", "afslag"),
        ("R97-10", "x.NeedsSocialPedagogicalSupport == \"forAllActivities\"", "afslag"),
        ("R97-11", "true", "bevilget"),
    ];

    private readonly RulesEngine.RulesEngine _engine;

    public RawRulesEngine()
    {
        var workflow = new Workflow
        {
            WorkflowName = WorkflowName,
            Rules = Rows.Select(r => new Rule
            {
                RuleName = r.Id,
                Expression = r.Expression,
                SuccessEvent = r.Outcome,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
            }).ToList(),
        };
        _engine = new RulesEngine.RulesEngine([workflow], VersionCompiler.CreateSettings());
    }

    public async ValueTask<Decision> DecideAsync(Sel97Input input)
    {
        var results = await _engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("x", input));
        foreach (var r in results)
        {
            if (!r.IsSuccess) continue;
            var outcome = r.Rule.SuccessEvent;
            return new Decision(outcome, outcome == "bevilget" ? 15m : 0m, r.Rule.RuleName);
        }
        throw new InvalidOperationException("No row matched; R97-11 always matches.");
    }
}

/// <summary>(c) The same decision written as plain C#.</summary>
public static class HandWritten
{
    public static Decision Decide(Sel97Input x)
    {
        static Decision No(string rule) => new("afslag", 0m, rule);
        if (x.HasBpaOrHelpSchemeSection96) return No("R97-01");
        if (x.HasDeafblindContactPersonSection98) return No("R97-02");
        if (x.ExistingEscortGrantDate is { } grant && grant < x.PensionDate) return new("bevilget", 15m, "R97-03");
        if (x.Age < 18) return No("R97-04");
        if (x.DecisionDate >= x.UpperAgeLimitDate) return No("R97-05");
        if (x.ImpairmentCause == "socialCauses") return No("R97-06");
        if (!x.CannotGetAroundAloneOutsideHome) return No("R97-08a");
        if (!x.ImpairmentSignificantAndPermanent) return No("R97-08b");
        if (!x.CanRequestIndividualEscortWithoutSocialPedagogicalContent) return No("R97-09a");
        if (!x.CanExpressWishToParticipate) return No("R97-09b");
        if (!x.AwareOfActivityContent) return No("R97-09c");
        if (!x.CanTakePartInActivityWithoutEscortHelp) return No("R97-09d");
        if (x.NeedsSocialPedagogicalSupport == "forAllActivities") return No("R97-10");
        return new("bevilget", 15m, "R97-11");
    }
}
