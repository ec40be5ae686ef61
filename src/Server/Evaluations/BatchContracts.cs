using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Serviceloven.Runtime.Evaluations;

namespace Serviceloven.Server.Evaluations;

/// <summary>POST /api/v1/evaluations/batch: several evaluations in one HTTP call.</summary>
public sealed record BatchRequest
{
    [Description("Op til 100 evalueringer.")]
    public List<EvaluationRequest>? Evaluations { get; init; }
}

public sealed record BatchItem(int Index, int StatusCode, EvaluationResponse? Result, ProblemDetails? Problem);

public sealed record BatchResponse(IReadOnlyList<BatchItem> Results);
