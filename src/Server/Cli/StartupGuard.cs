using Microsoft.Extensions.Options;
using Serviceloven.Store.Database;

namespace Serviceloven.Server.Cli;

/// <summary>
/// Runs the server's start-up (database checks, migrations, first import, first administrator) and turns a database
/// the server cannot start on into one line for the operator and an exit code, instead of a stack trace.
/// </summary>
public static class StartupGuard
{
    /// <returns>null when the server may go on; otherwise the exit code, after the message was written to <paramref name="error"/>.</returns>
    public static int? InitializeOrExit(this WebApplication app, TextWriter error)
    {
        try
        {
            ServerSetup.InitializeRules(app.Services, app.Logger);
            ServerSetup.InitializeAdmin(app.Services, app.Logger);
            return null;
        }
        catch (Exception ex) when (ExitCodes.ForStartup(ex, () => DatabasePath(app.Services)) is { } failure)
        {
            error.WriteLine(failure.Message);
            return failure.Code;
        }
    }

    /// <summary>The database as configured (the SQLite file resolved like the store does; PostgreSQL's host, port and database), without opening it.</summary>
    public static string DatabasePath(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        if (options.IsPostgres)
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString ?? "");
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        return Path.GetFullPath(RulesLocator.Resolve(options.DatabasePath, mustExist: false));
    }
}
