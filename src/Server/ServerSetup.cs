using Microsoft.Extensions.Options;
using Serviceloven.Admin.Auth;
using Serviceloven.Admin.Hosting;
using Serviceloven.Runtime;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Access;
using Serviceloven.Server.Cli;
using Serviceloven.Server.Health;
using Serviceloven.Server.Rules;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Keys;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Publishing;
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
        // Validated when first read and, in the web host, before anything else (ConfigurationCheck: exit code 8).
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section))
            .Validate(o => StoreOptions.Normalize(o.Provider) is StoreOptions.Sqlite or StoreOptions.Postgres,
                $"Store:Provider skal være '{StoreOptions.Sqlite}' (standard, én maskine) eller '{StoreOptions.Postgres}' (flere noder).")
            .Validate(o => o.BusyTimeoutMs >= 0, "Store:BusyTimeoutMs skal være 0 eller mere (millisekunder).")
            .Validate(o => o.StartupLockTimeoutSeconds >= 1, "Store:StartupLockTimeoutSeconds skal være mindst 1 (sekunder).")
            .Validate(o => o.PublicationCheckMs >= 100, "Store:PublicationCheckMs skal være mindst 100 (millisekunder).")
            .ValidateOnStart();
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.Section));
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes >= 1024, "Access:MaxRequestBodyBytes skal være mindst 1024 (bytes).")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StoreOptions>().PostConfigure(options =>
        {
            // PostgreSQL's connection string is a connection string like any other (ConnectionStrings__Serviceloven).
            options.ConnectionString = configuration.GetConnectionString(StoreOptions.ConnectionStringName) ?? options.ConnectionString;
            // A relative database path means the repository's data/ folder when run from a checkout.
            if (!options.IsPostgres) options.DatabasePath = RulesLocator.Resolve(options.DatabasePath, mustExist: false);
        });
        services.AddSingleton(sp => StoreDatabase.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<VersionRepository>();
        services.AddSingleton<RevisionRepository>();
        services.AddSingleton<ApiClientRepository>();
        services.AddSingleton<Serviceloven.Store.Simulations.SimulationReportRepository>();
        services.AddSingleton<Serviceloven.Store.Simulations.SimulationJobRepository>();
        services.AddSingleton<Store.Letters.LetterheadRepository>();
        services.AddSingleton<UserRepository>();
        services.AddSingleton<RulesTransfer>();
        services.AddSingleton<PublicationLog>();
        services.AddSingleton<DataProtectionKeyRepository>();
        return services;
    }

    public static IServiceCollection AddRulesServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore(configuration);
        services.AddRulesRuntime();
        services.AddSingleton<ApiKeyCache>();
        services.AddApiKeyAuthentication();
        services.AddSingleton<RequestSizeFilter>();
        services.AddApiRateLimiting();
        services.AddServerHealthChecks();
        // A key twice in one object is refused (400 naming it): a gateway that takes the first of two would see another
        // request than the one evaluated with the last.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        return services;
    }

    /// <summary>The admin UI at /admin: publishing reloads the snapshot; the playground evaluates exactly as the API does.</summary>
    public static IServiceCollection AddAdminUi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServicelovenAdmin(configuration);

    /// <summary>Creates the first administrator when there are no users, and the first sign-in key (after the migrations).</summary>
    public static void InitializeAdmin(IServiceProvider services, ILogger logger)
    {
        // Under the start-up lock: nodes starting together on a fresh database create one administrator and one key ring.
        using var startup = services.GetRequiredService<StoreDatabase>().AcquireStartupLock();
        UserAdministration.EnsureInitialAdministrator(services.GetRequiredService<UserRepository>(),
            services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<UserRow>>(), services.GetRequiredService<IOptions<AdminOptions>>().Value, logger);
        AdminKeyRing.EnsureKey(services, logger);
    }

    /// <summary>Check the file, migrate, import rules/ into an empty database, compile the published state.</summary>
    public static void InitializeRules(IServiceProvider services, ILogger logger)
    {
        var database = services.GetRequiredService<StoreDatabase>();
        database.CheckIntegrity();
        // One process at a time migrates and imports; the others wait here, then find both done.
        using (database.AcquireStartupLock(() => logger.LogInformation("Venter på, at en anden proces gør databasen {Location} klar ...", database.Location)))
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
                try
                {
                    var summary = transfer.Import(dir);
                    logger.LogInformation("Tom database: importerede {Rulesets} regelsæt, {Versions} versioner og {Satser} satser fra {Dir} på {Ms} ms.",
                        summary.Rulesets, summary.Versions, summary.Satser, dir, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (ConcurrencyConflictException ex)
                {
                    // A process outside the start-up lock (an import from the command line) was quicker: its import stands.
                    logger.LogInformation("{Message}", ex.Message);
                }
            }
            else
            {
                logger.LogWarning("Tom database og ingen rules/-mappe fundet ({Dir}); serveren starter uden regler.", dir);
            }
        }
    }
}
