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

public sealed record TraceEntry(string Table, string Rule, bool Matched, string? Failed, string? Ref, string? Reason);

public sealed record Receipt(string VersionSetHash, string InputHash, string Engine);

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
    IReadOnlyList<string> References,
    string? Begrundelse,
    Receipt Receipt);
