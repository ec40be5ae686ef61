using System.Text.Json.Serialization;
using System.ComponentModel;
using System.Text.Json;

namespace Serviceloven.Runtime.Evaluations;

/// <summary>
/// One evaluation as an external system asks for it (POST /api/v1/evaluations) and as the admin's playground asks for it.
/// Field names are part of the contract external systems depend on.
/// </summary>
public sealed record EvaluationRequest
{
    [Description("Regelsættets id, fx \"sel-97\".")]
    public string? Ruleset { get; init; }

    [Description("Afgørelsesdatoen: reglerne og satserne gældende denne dag bruges.")]
    public DateOnly? DecisionDate { get; init; }

    [Description("Videnstidspunkt: brug det, der var offentliggjort på dette tidspunkt (genafspilning). Standard: nu.")]
    public DateTimeOffset? AsOf { get; init; }

    [Description("Fakta efter regelsættets skema (GET /api/v1/rulesets/{id}?date=...).")]
    public Dictionary<string, JsonElement>? Facts { get; init; }

    [Description("Sagsbehandlerens egne ord om skønsmæssige fakta; citeres i begrundelsen.")]
    public Dictionary<string, string>? Notes { get; init; }

    [Description("true: returnér en begrundelse i feltet begrundelse.")]
    public bool Begrundelse { get; init; }

    [Description("Begrundelsens format: \"text\" (standard), \"html\" (et A4-brev med kommunens brevhoved) eller \"pdf\" (brevet som PDF, base64 i feltet begrundelse; med Accept: application/pdf svarer en enkelt evaluering med selve PDF-filen).")]
    public string? Format { get; init; }
}

public sealed record VersionRef(long Id, DateOnly ValidFrom, DateOnly? ValidTo, DateTimeOffset PublishedAt, string Hash);

public sealed record SatsRef(string Key, string Label, decimal Value, string Unit, DateOnly ValidFrom, DateOnly? ValidTo, string Source, string? PriceLevel);

/// <summary>One row of one decision table as the evaluation met it.</summary>
public sealed record TraceEntry(
    [property: Description("Tabellens id.")] string Table,
    [property: Description("Tabellens hit policy: UNIQUE, FIRST, PRIORITY, ANY, COLLECT (evt. med SUM, MIN, MAX eller COUNT), RULE ORDER eller OUTPUT ORDER.")] string HitPolicy,
    [property: Description("Rækkens id.")] string Rule,
    [property: Description("true: alle rækkens betingelser var opfyldt.")] bool Matched,
    [property: Description("true: tabellens resultat blev taget fra denne række (efter hit policy). FIRST og PRIORITY har højst én afgørende række; ANY, COLLECT, RULE ORDER og OUTPUT ORDER alle passende rækker; ingen, når tabellens standardresultat blev brugt.")] bool Decisive,
    [property: Description("Den første betingelse, der ikke var opfyldt, på dansk med den faktiske værdi, fx \"Har hjælpeordning efter § 96 skal være ja, var nej\"; null når rækken passede.")] string? Failed,
    [property: Description("Samme betingelse maskinlæsbart: input, cellen som skrevet i reglen og den faktiske værdi; null når rækken passede.")] TraceCell? FailedCell,
    [property: Description("Rækkens retsgrundlag.")] string? Ref,
    [property: Description("Rækkens begrundelseskode.")] string? Reason);

/// <summary>The first input cell of a row that did not hold, for programs.</summary>
public sealed record TraceCell(
    [property: Description("Inputtets navn (et faktum, en afledt værdi eller en tidligere tabels resultat).")] string Input,
    [property: Description("Cellen som skrevet i reglen, fx \"true\" eller \">= 18\".")] string Cell,
    [property: Description("Inputtets faktiske værdi; null når det ikke var oplyst.")] object? Value);

public sealed record Receipt(string VersionSetHash, string InputHash, string Engine);

/// <summary>One decision's result, in the order the decisions were made.</summary>
public sealed record DecisionEntry(
    string Name,
    [property: Description("expression (afledt værdi), context eller table")] string Kind,
    string? Label,
    [property: Description("Beslutningens værdi; for en tabel dens outputs, for en kontekst uden resultat dens poster, for en værdi pr. post i en liste én værdi pr. post.")] object? Value,
    [property: Description("For hver listefunktion i beslutningen (count, sum, ...): hver post, om den blev talt med, og hvorfor."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<ListEntry>? Lists);

/// <summary>A list function of a decision and what it made of each item of the list.</summary>
public sealed record ListEntry(string Expression, string List, string ListLabel, IReadOnlyList<ListItemEntry> Items);

/// <summary>One item: its index (0-based, as in facts.opsparing[2]), whether it counted, why, and its values.</summary>
public sealed record ListItemEntry(int Index, bool Counted, string Why, IReadOnlyDictionary<string, object?> Values);

/// <summary>The 200 response of an evaluation.</summary>
public sealed record EvaluationResponse(
    string Ruleset,
    DateOnly DecisionDate,
    [property: Description("determined eller undetermined")] string Status,
    [property: Description("Regelsættets udfaldskode, fx bevilget eller afslag; null når resultatet er undetermined eller ingen regel passede.")] string? Outcome,
    IReadOnlyDictionary<string, object?> Outputs,
    IReadOnlyList<string> MissingFacts,
    VersionRef Version,
    IReadOnlyList<SatsRef> Satser,
    IReadOnlyList<TraceEntry> Trace,
    [property: Description("Hver beslutnings resultat (afledte værdier, kontekster, tabeller) i den rækkefølge, de blev truffet.")]
    IReadOnlyList<DecisionEntry> Decisions,
    IReadOnlyList<string> References,
    string? Begrundelse,
    Receipt Receipt);
