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
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("""
            Brug: dotnet run --project src/Server -- <kommando>
              (ingen kommando)       start serveren
              test [mappe]           kør alle regelsæts testcases (standard: rules/)
              validate [mappe]       valideringsporten over alle versioner
              format [mappe]         skriv regelfilerne i kanonisk form
            """);
        return 0;
    }
}
