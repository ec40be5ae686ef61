using Serviceloven.Server.Tests.Providers;
using Serviceloven.Server.Tests.Startup;

namespace Serviceloven.Server.Tests.Nodes;

/// <summary>A node as a process of its own (`dotnet Serviceloven.Server.dll`) over a shared test database.</summary>
public static class NodeProcess
{
    public static ServerProcess Start(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = database.Settings.Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Access__AllowAnonymousEvaluation"] = "true";
        environment["Logging__LogLevel__Default"] = "Information";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        return new ServerProcess(database.Options.DatabasePath, settings: environment);
    }
}
