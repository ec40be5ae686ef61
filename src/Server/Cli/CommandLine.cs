using Serviceloven.Engine.Serialization;

namespace Serviceloven.Server.Cli;

/// <summary>Command-line verbs on the server binary. Anything else starts the web server.</summary>
public static class CommandLine
{
    private static readonly HashSet<string> Verbs = ["test", "validate", "format", "dmn", "migrate", "import", "export", "apikey", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args[0] switch
            {
                "test" => await RulesCommands.TestAsync(RulesLocator.Find(args.ElementAtOrDefault(1)), output),
                "validate" => await RulesCommands.ValidateAsync(RulesLocator.Find(args.ElementAtOrDefault(1)), output),
                "format" => RulesCommands.Format(RulesLocator.Find(args.ElementAtOrDefault(1)), output),
                "migrate" => StoreCommands.Migrate(output),
                "import" => StoreCommands.Import(RulesLocator.Find(args.ElementAtOrDefault(1)), output),
                "export" when args.Length == 2 => StoreCommands.Export(RulesLocator.Resolve(args[1], mustExist: false), output),
                "apikey" when args.Length == 3 && args[1] == "create" => StoreCommands.CreateApiKey(args[2], output),
                "dmn" when args.Length == 3 && args[1] == "check" => DmnCommand(RulesLocator.Resolve(args[2], mustExist: true), output),
                _ => Usage(output),
            };
        }
        catch (RulesFileException ex)
        {
            error.WriteLine("Fejl i regelfil: " + ex.Message);
            return 2;
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
        catch (Exception ex) when (ExitCodes.ForStartup(ex, DatabasePath()) is { } failure)
        {
            error.WriteLine(failure.Message);
            return failure.Code;
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static string DatabasePath()
    {
        using var services = StoreCommands.Services();
        return StartupGuard.DatabasePath(services);
    }

    private static int DmnCommand(string folder, TextWriter output)
    {
        var (_, failed) = DmnFolder.Check(folder, output);
        return failed == 0 ? 0 : 1;
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("""
            Brug: dotnet run --project src/Server -- <kommando>
              (ingen kommando)       start serveren
              test [mappe]           kør alle regelsæts testcases (standard: rules/)
              validate [mappe]       valideringsporten over alle versioner
              format [mappe]         skriv regelfilerne i kanonisk form
              migrate                kør databasemigrationer
              import [mappe]         importér en rules/-mappe som offentliggjorte versioner
              export <mappe>         skriv den offentliggjorte tilstand i rules/-formatet
              apikey create <navn>   opret en API-nøgle (vises én gang)
              dmn check <mappe>      importér .dmn-filer og kør deres DMN TCK-testcases
            """);
        return 0;
    }
}
