namespace Serviceloven.Server.Access;

/// <summary>Bound from "Access". Anonymous evaluation is on only where configuration says so (Development profile).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";
    public bool AllowAnonymousEvaluation { get; set; }
    /// <summary>Largest request body accepted by the API, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
    /// <summary>Requests per API key on /api/v1.</summary>
    public ApiRateLimitOptions RateLimit { get; set; } = new();
}
