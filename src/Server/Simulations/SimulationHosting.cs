using Microsoft.Extensions.Options;
using Quartz;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Simulations;

/// <summary>
/// Quartz.NET for the simulation partitions: on PostgreSQL the ADO job store with the PostgreSQL delegate, clustered
/// (every node acquires partitions through the database; one that stops checking in has its running partitions fired
/// again on another); on SQLite, one machine, the in-memory store, with unfinished partitions scheduled again at start.
/// </summary>
public static class SimulationHosting
{
    public const string SchedulerName = "Serviceloven.Simulations";

    public static IServiceCollection AddSimulationJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationJobOptions>().Bind(configuration.GetSection(SimulationJobOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulationJobOptions>, SimulationJobOptionsValidator>();
        services.AddSingleton<SimulationJobs>();
        services.AddSingleton<SimulationStartLimit>();
        services.AddRateLimiter(o => o.AddPolicy<string, SimulationStartLimit>(SimulationStartLimit.Name));
        // The store is chosen from configuration as the app starts (environment, appsettings); the settings below are read
        // when the scheduler is built, so they see the final configuration.
        var persistent = StoreOptions.Normalize(configuration.GetSection(StoreOptions.Section)["Provider"]) == StoreOptions.Postgres;
        services.AddSingleton(new SimulationScheduling(persistent));
        SimulationJobOptions Settings() => configuration.GetSection(SimulationJobOptions.Section).Get<SimulationJobOptions>() ?? new SimulationJobOptions();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                if (Settings().InstanceId is { } id && !id.Equals("AUTO", StringComparison.OrdinalIgnoreCase)) s.InstanceId = id;
                else if (persistent) s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(t => t.MaxConcurrency = Settings().PartitionsAtOnce);
            if (!persistent)
            {
                q.UseInMemoryStore(_ => { });
                return;
            }
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(d => d.DataSourceFactory = sp =>
                    Npgsql.NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value.ConnectionString!));
                store.ConfigureStore(a => a.TablePrefix = "qrtz_");
                store.UseSystemTextJsonSerializer(_ => { });
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromMilliseconds(Settings().CheckinIntervalMs);
                    c.CheckinMisfireThreshold = TimeSpan.FromMilliseconds(Settings().CheckinMisfireThresholdMs);
                });
            });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = false;
            o.AwaitApplicationStarted = true;
        });
        services.AddHostedService<SimulationJobsStartup>();
        return services;
    }
}

public sealed class SimulationJobOptionsValidator : IValidateOptions<SimulationJobOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationJobOptions options) =>
        SimulationJobOptions.Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

/// <summary>Deletes abandoned uploads and, on the in-memory scheduler, schedules the unfinished partitions of running jobs again.</summary>
internal sealed class SimulationJobsStartup(SimulationJobs jobs, SimulationScheduling scheduling) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => jobs.ResumeAsync(scheduling.Persistent, cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Whether the scheduler keeps its jobs in the database (PostgreSQL, clustered) or in memory (SQLite, one node).</summary>
public sealed record SimulationScheduling(bool Persistent);
