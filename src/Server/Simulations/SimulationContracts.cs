using System.ComponentModel;
using Serviceloven.Runtime.Simulation;

namespace Serviceloven.Server.Simulations;

/// <summary>The JSON part "request" of POST /api/v1/simulations: the ruleset and the two sides.</summary>
public sealed record SimulationRequest
{
    [Description("Regelsættets id, fx \"sel-97\".")]
    public string? Ruleset { get; init; }

    [Description("Side A, typisk det offentliggjorte regelsæt.")]
    public SimulationSideRequest? A { get; init; }

    [Description("Side B, typisk en kladde eller en satsregulering.")]
    public SimulationSideRequest? B { get; init; }
}

/// <summary>One side: which rules (published, or with a draft and/or a pending sats revision in place), as published when, on which decision date.</summary>
public sealed record SimulationSideRequest
{
    [Description("En kladdes id (versionens id i administrationen), der lægges i stedet for versionen fra samme dato; udeladt eller null: det offentliggjorte regelsæt.")]
    public long? DraftId { get; init; }

    [Description("En satsrevision, der endnu ikke er godkendt (kladde eller til godkendelse), lagt oven på de offentliggjorte satser; udeladt: de offentliggjorte.")]
    public long? SatsRevisionId { get; init; }

    [Description("Afgørelsesdatoen for alle sager på denne side; udeladt eller null: hver rækkes egen (kolonnen decisionDate/afgørelsesdato).")]
    public DateOnly? DecisionDate { get; init; }

    [Description("Reglerne og satserne som de var offentliggjort på dette tidspunkt; udeladt: da simuleringen blev startet (så alle noder bruger de samme).")]
    public DateTimeOffset? AsOf { get; init; }
}

/// <summary>A simulation job: its state, how far it is, and (when done) its result.</summary>
public sealed record SimulationJobResponse
{
    public required string Id { get; init; }

    [Description("running, merging (alle partitioner talt; rapporten samles), done, cancelled eller failed.")]
    public required string State { get; init; }

    public required string Ruleset { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required SimulationJobProgress Progress { get; init; }

    [Description("Rapporten, når state er done: udfald pr. side, ændringsmatrix, beløb, fordeling af forskelle, ændrede sager (kun rækkenumre og svar).")]
    public SimulationReport? Result { get; init; }

    [Description("Hvorfor jobbet fejlede, når state er failed.")]
    public string? Problem { get; init; }

    public required SimulationJobLinks Links { get; init; }
}

/// <summary>How far a job is. Rows and partitions are counted as partitions finish; cases also while this node counts one.</summary>
public sealed record SimulationJobProgress(
    [property: Description("Datarækker i filen.")] long Rows,
    [property: Description("Rækker talt indtil nu.")] long RowsDone,
    [property: Description("Sager kørt på begge sider indtil nu.")] long CasesDone,
    long Partitions,
    long PartitionsDone,
    [property: Description("Andel færdig, 0-1.")] double Fraction,
    [property: Description("Sager pr. sekund siden start.")] double CasesPerSecond,
    [property: Description("Skønnet tid tilbage i sekunder; null før det kan skønnes og når jobbet er slut.")] double? SecondsLeft);

public sealed record SimulationJobLinks(
    [property: Description("Jobbet selv (GET: status; DELETE: annullér).")] string Self,
    [property: Description("Rapporten som HTML-side med diagrammerne, når jobbet er færdigt.")] string? Html,
    [property: Description("Rapportens tal som CSV (semikolon, decimalkomma), når jobbet er færdigt.")] string? Csv);
