using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// The § 97 eligibility table (domain catalogue sel-97-98-103-104-105.md, 2.1.2 and 2.1.3) written in the cell
/// language, as a benchmark fixture. R97-07 (mental illness) decides nothing on its own, so it is no row; R97-08 and
/// R97-09 test several facts with "or", so they are split into one row per fact (a row's cells are AND-ed).
/// </summary>
public static class Sel97
{
    public const string RulesetId = "sel-97";
    public static readonly DateOnly DecisionDate = new(2024, 3, 1);

    private static FactDefinition Bool(string name, string label, bool discretionary = false) =>
        new() { Name = name, Type = ValueKind.Bool, Label = label, Discretionary = discretionary };

    private static FactDefinition Enum(string name, string label, params string[] values) => new()
    {
        Name = name, Type = ValueKind.Enum, Label = label,
        Values = values.Select(v => new EnumValue { Value = v }).ToList(),
    };

    public static readonly string[] Inputs =
    [
        "hasBpaOrHelpSchemeSection96",
        "hasDeafblindContactPersonSection98",
        "existingEscortGrantDate",
        "age",
        "decisionDate",
        "impairmentCause",
        "cannotGetAroundAloneOutsideHome",
        "impairmentSignificantAndPermanent",
        "canRequestIndividualEscortWithoutSocialPedagogicalContent",
        "canExpressWishToParticipate",
        "awareOfActivityContent",
        "canTakePartInActivityWithoutEscortHelp",
        "needsSocialPedagogicalSupport",
    ];

    private static TableRow Row(string id, string reference, string reason, string then, params (int Column, string Cell)[] cells)
    {
        var when = Enumerable.Repeat("-", Inputs.Length).ToArray();
        foreach (var (column, cell) in cells) when[column] = cell;
        return new TableRow
        {
            Id = id, When = when, Then = [then == "bevilget" ? "\"bevilget\"" : "\"afslag\"", then == "bevilget" ? "15" : "0"],
            Ref = reference, Reason = reason,
        };
    }

    public static RulesetVersion Version() => new()
    {
        ValidFrom = new DateOnly(2018, 2, 1),
        Facts =
        [
            new FactDefinition { Name = "birthDate", Type = ValueKind.Date, Label = "Fødselsdato" },
            new FactDefinition { Name = "existingEscortGrantDate", Type = ValueKind.Date, Label = "Dato for eksisterende bevilling", Required = false },
            Bool("hasBpaOrHelpSchemeSection96", "Har hjælpeordning/BPA efter § 96"),
            Bool("hasDeafblindContactPersonSection98", "Har kontaktperson for døvblinde efter § 98"),
            Enum("impairmentCause", "Årsag til funktionsnedsættelsen", "physical", "mentalIllness", "socialCauses", "other"),
            Bool("cannotGetAroundAloneOutsideHome", "Kan ikke færdes alene uden for hjemmet", true),
            Bool("impairmentSignificantAndPermanent", "Funktionsnedsættelsen er betydelig og varig", true),
            Bool("canRequestIndividualEscortWithoutSocialPedagogicalContent", "Kan anmode om individuel ledsagelse uden socialpædagogisk indhold", true),
            Bool("canExpressWishToParticipate", "Kan udtrykke ønske om at deltage", true),
            Bool("awareOfActivityContent", "Er klar over aktivitetens indhold", true),
            Bool("canTakePartInActivityWithoutEscortHelp", "Kan deltage i aktiviteten uden ledsagerens hjælp", true),
            Enum("needsSocialPedagogicalSupport", "Behov for socialpædagogisk støtte", "none", "forSomeActivities", "forAllActivities"),
        ],
        Derived =
        [
            new DerivedValue { Name = "age", Type = ValueKind.Int, Label = "alder", Expression = "ageAt(birthDate, decisionDate)" },
            new DerivedValue { Name = "folkepensionsalder", Type = ValueKind.Decimal, Label = "folkepensionsalder", Expression = "lookup(\"folkepensionsalder\", birthDate)" },
            new DerivedValue { Name = "pensionDate", Type = ValueKind.Date, Label = "dato for folkepensionsalder", Expression = "addYears(birthDate, folkepensionsalder)" },
            new DerivedValue { Name = "upperAgeLimitDate", Type = ValueKind.Date, Label = "øvre aldersgrænse", Expression = "addYears(birthDate, max(67, folkepensionsalder))" },
        ],
        Tables =
        [
            new DecisionTable
            {
                Id = "eligibility", Label = "Ret til ledsagelse", HitPolicy = HitPolicy.First,
                Inputs = Inputs.Select(i => new TableInput { Name = i }).ToList(),
                Outputs =
                [
                    new TableOutput { Name = "outcome", Type = ValueKind.Enum, Values = [new EnumValue { Value = "afslag" }, new EnumValue { Value = "bevilget" }] },
                    new TableOutput { Name = "hoursPerMonth", Type = ValueKind.Decimal, Unit = "timer pr. måned" },
                ],
                Rows =
                [
                    Row("R97-01", "§ 97, stk. 8; vejledningens pkt. 5", "bpa-section-96", "afslag", (0, "true")),
                    Row("R97-02", "vejledningens pkt. 5 og 25", "deafblind-contact-person", "afslag", (1, "true")),
                    Row("R97-03", "§ 97, stk. 2; vejledningens pkt. 1", "existing-grant-kept", "bevilget", (2, "< pensionDate")),
                    Row("R97-04", "vejledningens pkt. 1 og 3", "under-18", "afslag", (3, "< 18")),
                    Row("R97-05", "§ 97, stk. 1; vejledningens pkt. 1", "upper-age-limit", "afslag", (4, ">= upperAgeLimitDate")),
                    Row("R97-06", "vejledningens pkt. 4", "social-causes", "afslag", (5, "\"socialCauses\"")),
                    Row("R97-08a", "§ 97, stk. 1, 2. pkt.; vejledningens pkt. 3", "can-get-around", "afslag", (6, "false")),
                    Row("R97-08b", "§ 97, stk. 1, 2. pkt.; vejledningens pkt. 3", "not-significant-permanent", "afslag", (7, "false")),
                    Row("R97-09a", "principafgørelse 95-16; vejledningens pkt. 3", "95-16", "afslag", (8, "false")),
                    Row("R97-09b", "principafgørelse 95-16; vejledningens pkt. 3", "95-16", "afslag", (9, "false")),
                    Row("R97-09c", "principafgørelse 95-16; vejledningens pkt. 3", "95-16", "afslag", (10, "false")),
                    Row("R97-09d", "principafgørelse 95-16; vejledningens pkt. 3", "95-16", "afslag", (11, "false")),
                    Row("R97-10", "vejledningens pkt. 3-4 og 10; principafgørelse 78-15", "social-pedagogical", "afslag", (12, "\"forAllActivities\"")),
                    Row("R97-11", "§ 97, stk. 1; vejledningens pkt. 1 og 6", "granted", "bevilget"),
                ],
            },
        ],
        Outcome = "outcome",
    };

    /// <summary>
    /// A small folkepensionsalder table in the shape of rules/tables/folkepensionsalder.json (§ 1 a lov om social
    /// pension). Only the benchmark reads it: the numbers make the lookup realistic, not authoritative.
    /// </summary>
    public static LookupCatalog Lookups() => new(
    [
        new LookupTable
        {
            Key = "folkepensionsalder", Label = "Folkepensionsalder", Unit = "år",
            Editions =
            [
                new LookupEdition
                {
                    ValidFrom = new DateOnly(2015, 1, 1), Source = "benchmark fixture",
                    Rows =
                    [
                        new LookupRow { To = new DateOnly(1953, 12, 31), Value = 65m },
                        new LookupRow { From = new DateOnly(1954, 1, 1), To = new DateOnly(1954, 6, 30), Value = 65.5m },
                        new LookupRow { From = new DateOnly(1954, 7, 1), To = new DateOnly(1954, 12, 31), Value = 66m },
                        new LookupRow { From = new DateOnly(1955, 1, 1), To = new DateOnly(1955, 6, 30), Value = 66.5m },
                        new LookupRow { From = new DateOnly(1955, 7, 1), To = new DateOnly(1962, 12, 31), Value = 67m },
                        new LookupRow { From = new DateOnly(1963, 1, 1), To = new DateOnly(1966, 12, 31), Value = 68m },
                        new LookupRow { From = new DateOnly(1967, 1, 1), Value = 69m },
                    ],
                },
            ],
        },
    ]);

    /// <summary>Granted at the last row (R97-11), so every row is evaluated and explained.</summary>
    public static Dictionary<string, object?> GrantedFacts() => new(StringComparer.Ordinal)
    {
        ["birthDate"] = new DateOnly(1984, 5, 17),
        ["existingEscortGrantDate"] = null,
        ["hasBpaOrHelpSchemeSection96"] = false,
        ["hasDeafblindContactPersonSection98"] = false,
        ["impairmentCause"] = "physical",
        ["cannotGetAroundAloneOutsideHome"] = true,
        ["impairmentSignificantAndPermanent"] = true,
        ["canRequestIndividualEscortWithoutSocialPedagogicalContent"] = true,
        ["canExpressWishToParticipate"] = true,
        ["awareOfActivityContent"] = true,
        ["canTakePartInActivityWithoutEscortHelp"] = true,
        ["needsSocialPedagogicalSupport"] = "none",
    };
}
