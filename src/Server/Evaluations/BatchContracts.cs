using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Serviceloven.Runtime.Evaluations;

namespace Serviceloven.Server.Evaluations;

/// <summary>POST /api/v1/evaluations/batch: several evaluations in one HTTP call.</summary>
public sealed record BatchRequest
{
    [Description("Op til 100 evalueringer.")]
    public List<EvaluationRequest>? Evaluations { get; init; }
}

/// <summary>The batch as it is read: each item stays JSON until it is read on its own, so a bad item fails alone.</summary>
internal sealed record RawBatch(List<JsonElement>? Evaluations);

/// <summary>One answer of a batch: the result, or the problem with its errors per field (typed so the errors are serialized).</summary>
public sealed record BatchItem(int Index, int StatusCode, EvaluationResponse? Result, HttpValidationProblemDetails? Problem);

public sealed record BatchResponse(IReadOnlyList<BatchItem> Results);
