using Microsoft.Extensions.DependencyInjection;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>The compiled snapshot of the published rules and the evaluation over it (needs the store's repositories).</summary>
    public static IServiceCollection AddRulesRuntime(this IServiceCollection services)
    {
        services.AddSingleton<SnapshotHolder>();
        services.AddSingleton<SnapshotBuilder>();
        services.AddSingleton<BegrundelseService>();
        services.AddSingleton<EvaluationService>();
        return services;
    }
}
