using System.Text.Json;
using System.Text.Json.Serialization;
using Serviceloven.Runtime.Evaluations;

namespace Serviceloven.Server.Evaluations;

/// <summary>
/// Source-generated JSON metadata for the bodies of the evaluation endpoints, first in the chain of the server's JSON
/// options (the reflection resolver stays behind it for every other type, including the values of outputs and trace
/// cells, which are typed object). Same options, so the same JSON; see bench/README.md for what it buys.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EvaluationRequest))]
[JsonSerializable(typeof(BatchRequest))]
[JsonSerializable(typeof(EvaluationResponse))]
public sealed partial class EvaluationJsonContext : JsonSerializerContext;
