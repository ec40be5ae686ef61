namespace Serviceloven.Admin.Hosting;

/// <summary>
/// What the admin needs from the host but cannot reference (dependencies point Server -> Admin): making a publication
/// live and evaluating exactly as the public API does.
/// </summary>
public interface IAdminHost
{
    /// <summary>Recompiles the published state so a new publication answers at once.</summary>
    void ReloadRules();

    /// <summary>Evaluates a request given as the API's JSON body; returns the HTTP status and the JSON the API would send.</summary>
    Task<HostEvaluation> EvaluateAsync(string requestJson, CancellationToken cancellationToken);
}

public sealed record HostEvaluation(int StatusCode, string Json);

/// <summary>An IAdminHost made of two functions, so the host can wire it without a class of its own.</summary>
public sealed class DelegateAdminHost(Action reload, Func<string, CancellationToken, Task<HostEvaluation>> evaluate) : IAdminHost
{
    public void ReloadRules() => reload();
    public Task<HostEvaluation> EvaluateAsync(string requestJson, CancellationToken cancellationToken) => evaluate(requestJson, cancellationToken);
}
