using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Migrations;
using Serviceloven.Store.Transfer;

namespace Serviceloven.Server.Cli;

/// <summary>The verbs that work on the database: migrate, import, export, apikey create.</summary>
public static class StoreCommands
{
    public const string CliActor = "cli";

    /// <summary>The same services and configuration (appsettings, environment) as the web host, without the host.</summary>
    public static ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStore(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static int Migrate(TextWriter output)
    {
        using var sp = Services();
        var applied = sp.GetRequiredService<MigrationRunner>().Apply();
        output.WriteLine(applied.Count == 0 ? "Databasen er opdateret; ingen nye migrationer." : $"Kørte {string.Join(", ", applied)}.");
        return 0;
    }

    public static int Import(string dir, TextWriter output)
    {
        using var sp = Services();
        sp.GetRequiredService<MigrationRunner>().Apply();
        var summary = sp.GetRequiredService<RulesTransfer>().Import(dir);
        output.WriteLine($"Importerede {summary.Rulesets} regelsæt, {summary.Versions} versioner, {summary.Satser} satser og {summary.Lookups} opslagstabeller fra {dir} ({summary.Files} filer i revisionssporet).");
        return 0;
    }

    public static int Export(string dir, TextWriter output)
    {
        using var sp = Services();
        sp.GetRequiredService<MigrationRunner>().Apply();
        sp.GetRequiredService<RulesTransfer>().Export(dir, CliActor);
        output.WriteLine($"Eksporterede den offentliggjorte tilstand til {Path.GetFullPath(dir)}.");
        return 0;
    }

    public static int CreateApiKey(string name, TextWriter output)
    {
        using var sp = Services();
        sp.GetRequiredService<MigrationRunner>().Apply();
        var (client, key) = sp.GetRequiredService<ApiClientRepository>().Create(name, CliActor);
        output.WriteLine($"API-nøgle for '{client.Name}' (id {client.Id}). Nøglen vises kun denne ene gang; gem den nu:");
        output.WriteLine(key);
        return 0;
    }
}
