using Microsoft.Extensions.Options;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Hosting;
using Serviceloven.Runtime;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Access;
using Serviceloven.Server.Cli;
using Serviceloven.Server.Rules;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Satser;
using Serviceloven.Store.Transfer;
using Serviceloven.Store.Users;
using Serviceloven.Store.Versions;

namespace Serviceloven.Server;

/// <summary>The composition root shared by the web host and the command-line verbs.</summary>
public static class ServerSetup
{
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section));
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.Section));
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            // A relative database path means the repository's data/ folder when run from a checkout.
            options.DatabasePath = RulesLocator.Resolve(options.DatabasePath, mustExist: false);
            return new SqliteDatabase(options);
        });
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<VersionRepository>();
        services.AddSingleton<RevisionRepository>();
        services.AddSingleton<ApiClientRepository>();
        services.AddSingleton<Store.Letters.LetterheadRepository>();
        services.AddSingleton<UserRepository>();
        services.AddSingleton<RulesTransfer>();
        return services;
    }

    public static IServiceCollection AddRulesServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore(configuration);
        services.AddRulesRuntime();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<RequestSizeFilter>();
        return services;
    }

    /// <summary>The admin UI at /admin: publishing reloads the snapshot; the playground evaluates exactly as the API does.</summary>
    public static IServiceCollection AddAdminUi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServicelovenAdmin(configuration);

    /// <summary>Creates the first administrator when there are no users (after the migrations).</summary>
    public static void InitializeAdmin(IServiceProvider services, ILogger logger)
    {
        // Under the start-up lock: two processes on a fresh database create one administrator, not two.
        using var startup = services.GetRequiredService<SqliteDatabase>().AcquireStartupLock();
        UserAdministration.EnsureInitialAdministrator(services.GetRequiredService<UserRepository>(),
            services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<UserRow>>(), services.GetRequiredService<IOptions<AdminOptions>>().Value, logger);
    }

    /// <summary>Check the file, migrate, import rules/ into an empty database, compile the published state.</summary>
    public static void InitializeRules(IServiceProvider services, ILogger logger)
    {
        var database = services.GetRequiredService<SqliteDatabase>();
        database.CheckIntegrity();
        // One process at a time migrates and imports; a second one waits here, then finds both done.
        using (database.AcquireStartupLock(() => logger.LogInformation("Venter på, at en anden proces gør databasen {Path} klar ...", database.Path)))
            MigrateAndImport(services, logger);
        services.GetRequiredService<SnapshotBuilder>().Reload();
        services.GetRequiredService<Runtime.Letters.LetterheadCatalog>().Reload();
    }

    private static void MigrateAndImport(IServiceProvider services, ILogger logger)
    {
        var applied = services.GetRequiredService<MigrationRunner>().Apply();
        if (applied.Count > 0) logger.LogInformation("Migrationer kørt: {Migrations}", string.Join(", ", applied));
        var options = services.GetRequiredService<IOptions<RulesOptions>>().Value;
        var transfer = services.GetRequiredService<RulesTransfer>();
        if (options.ImportOnEmptyDatabase && transfer.IsEmpty())
        {
            var dir = RulesLocator.Find(options.Path);
            if (Directory.Exists(dir))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var summary = transfer.Import(dir);
                logger.LogInformation("Tom database: importerede {Rulesets} regelsæt, {Versions} versioner og {Satser} satser fra {Dir} på {Ms} ms.",
                    summary.Rulesets, summary.Versions, summary.Satser, dir, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                logger.LogWarning("Tom database og ingen rules/-mappe fundet ({Dir}); serveren starter uden regler.", dir);
            }
        }
    }
}
