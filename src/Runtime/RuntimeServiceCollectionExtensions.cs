using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Store.Publishing;

namespace Serviceloven.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The compiled snapshot of the published rules and the evaluation over it (needs the store's repositories).
    /// Both the API and the admin call this; the services are registered once. The watcher keeps the snapshot as
    /// current as the database when other nodes publish.
    /// </summary>
    public static IServiceCollection AddRulesRuntime(this IServiceCollection services)
    {
        services.TryAddSingleton<CompiledVersions>();
        services.TryAddSingleton<SnapshotHolder>();
        services.TryAddSingleton<SnapshotBuilder>();
        services.TryAddSingleton<BegrundelseService>();
        services.TryAddSingleton<Letters.LetterheadCatalog>();
        services.TryAddSingleton<EvaluationService>();
        services.TryAddSingleton<PublicationLog>();
        // Hosted services are added once, however often this is called.
        services.AddHostedService<PublicationWatcher>();
        return services;
    }
}
