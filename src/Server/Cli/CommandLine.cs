using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Server.Cli;

/// <summary>
/// The command-line verbs on the server binary, parsed by System.CommandLine (help, completion through the [suggest]
/// directive, exit codes). No arguments, or only the web host's own (--urls, --environment, Key=Value), start the server;
/// anything else is a verb, and an unknown verb or a missing argument ends with exit code 2 and the usage on stderr.
/// </summary>
public static class CommandLine
{
    private static readonly string[] HelpFlags = ["-h", "--help", "-?", "/?", "--version"];

    /// <summary>True when the arguments name a verb (or ask for help) rather than configure the web server.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (HelpFlags.Contains(args[0]) || !(args[0].StartsWith('-') || args[0].Contains('=')));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Commands();
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var message in Errors(parsed)) error.WriteLine(message);
            error.WriteLine();
            CommandHelp.Write(parsed.CommandResult.Command, error);
            return ExitCodes.BadInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (RulesFileException ex)
        {
            error.WriteLine("Fejl i regelfil: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ExitCodes.ForStartup(ex, DatabasePath) is { } failure)
        {
            error.WriteLine(failure.Message);
            return failure.Code;
        }
        catch (Store.Refusals.RefusedException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The verbs, each with its arguments; help and the [suggest] directive come with System.CommandLine.</summary>
    public static RootCommand Commands()
    {
        var root = new RootCommand("Serviceloven regelserver. Uden kommando (eller kun med værtens egne argumenter som --urls) starter serveren.");
        var folder = () => new Argument<string?>("mappe") { Description = "regelmappen (standard: rules/)", Arity = ArgumentArity.ZeroOrOne };

        var test = new Command("test", "kør alle regelsæts testcases; slutter med 'N passed, M failed'") { folder() };
        test.SetAction((p, _) => RulesCommands.TestAsync(RulesLocator.Find(Value(p, test)), p.InvocationConfiguration.Output));
        var validate = new Command("validate", "publiceringsporten over alle versioner: oversættelse, overlap, satser, tidslinjer, testcases, skabeloner") { folder() };
        validate.SetAction((p, _) => RulesCommands.ValidateAsync(RulesLocator.Find(Value(p, validate)), p.InvocationConfiguration.Output));
        var format = new Command("format", "skriv regelfilerne i kanonisk form") { folder() };
        format.SetAction(p => RulesCommands.Format(RulesLocator.Find(Value(p, format)), p.InvocationConfiguration.Output));
        var migrate = new Command("migrate", "kør databasemigrationer");
        migrate.SetAction(p => StoreCommands.Migrate(p.InvocationConfiguration.Output));
        var import = new Command("import", "importér en regelmappe som offentliggjorte versioner") { folder() };
        import.SetAction(p => StoreCommands.Import(RulesLocator.Find(Value(p, import)), p.InvocationConfiguration.Output));

        var exportTo = new Argument<string>("mappe") { Description = "mappen, den offentliggjorte tilstand skrives til" };
        var export = new Command("export", "skriv den offentliggjorte tilstand i rules/-formatet") { exportTo };
        export.SetAction(p => StoreCommands.Export(RulesLocator.Resolve(p.GetRequiredValue(exportTo), mustExist: false), p.InvocationConfiguration.Output));

        var clientName = new Argument<string>("navn") { Description = "fagsystemets navn, fx \"Fagsystem X\"" };
        var create = new Command("create", "opret en API-nøgle; den vises kun én gang") { clientName };
        create.SetAction(p => StoreCommands.CreateApiKey(p.GetRequiredValue(clientName), p.InvocationConfiguration.Output));
        var apikey = new Command("apikey", "API-nøgler til fagsystemer") { create };

        var dmnFolder = new Argument<string>("mappe") { Description = "mappen med .dmn-filer og deres *-test-*.xml" };
        var check = new Command("check", "importér .dmn-filer og kør deres DMN TCK-testcases") { dmnFolder };
        check.SetAction(p => DmnCommand(RulesLocator.Resolve(p.GetRequiredValue(dmnFolder), mustExist: true), p.InvocationConfiguration.Output));
        var dmn = new Command("dmn", "DMN-beslutningstabeller") { check };

        var help = new Command("help", "vis denne vejledning");
        help.SetAction(p => { CommandHelp.Write(root, p.InvocationConfiguration.Output); return ExitCodes.Ok; });

        foreach (var command in new[] { test, validate, format, migrate, import, export, apikey, dmn, help }) root.Add(command);
        // A group without its subcommand ("apikey", "dmn") is a missing argument, like "export" without a folder.
        apikey.Validators.Add(r => { if (!r.Children.Any()) r.AddError("mangler"); });
        dmn.Validators.Add(r => { if (!r.Children.Any()) r.AddError("mangler"); });
        foreach (var option in root.Options.OfType<HelpOption>()) option.Action = new CommandHelp();
        return root;
    }

    private static string? Value(ParseResult parsed, Command command) => parsed.GetValue((Argument<string?>)command.Arguments[0]);

    /// <summary>The parse errors in Danish: an unknown word, or the argument a verb is missing.</summary>
    private static IEnumerable<string> Errors(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var name = CommandHelp.FullName(command);
        var said = false;
        foreach (var token in parsed.UnmatchedTokens)
        {
            said = true;
            yield return command is RootCommand ? $"Ukendt kommando: '{token}'." : $"'{name}' kender ikke '{token}'.";
        }
        foreach (var argument in command.Arguments)
        {
            if (argument.Arity.MinimumNumberOfValues == 0 || parsed.GetResult(argument) is { Tokens.Count: > 0 }) continue;
            said = true;
            yield return $"'{name}' mangler <{argument.Name}>.";
        }
        if (command.Subcommands.Count > 0 && !parsed.CommandResult.Children.Any() && command is not RootCommand)
        {
            said = true;
            yield return $"'{name}' mangler en underkommando: {string.Join(" eller ", command.Subcommands.Select(c => c.Name))}.";
        }
        if (!said)
            foreach (var e in parsed.Errors) yield return "Kommandolinjen kan ikke læses: " + e.Message;
    }

    private static string DatabasePath()
    {
        using var services = StoreCommands.Services();
        return StartupGuard.DatabasePath(services);
    }

    private static int DmnCommand(string folder, TextWriter output)
    {
        var (_, failed) = DmnFolder.Check(folder, output);
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failures;
    }
}

/// <summary>Help in Danish for the root or one verb: usage, what it does, its arguments and its subcommands.</summary>
internal sealed class CommandHelp : SynchronousCommandLineAction
{
    public const string Program = "dotnet run --project src/Server --";

    public override int Invoke(ParseResult parseResult)
    {
        Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
        return ExitCodes.Ok;
    }

    public static string FullName(Command command) =>
        string.Join(' ', Lineage(command).Where(c => c is not RootCommand).Select(c => c.Name));

    private static List<Command> Lineage(Command command)
    {
        var chain = new List<Command>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault()) chain.Insert(0, c);
        return chain;
    }

    public static void Write(Command command, TextWriter writer)
    {
        if (command is RootCommand root)
        {
            writer.WriteLine($"Brug: {Program} <kommando> [argumenter]");
            writer.WriteLine(root.Description);
            writer.WriteLine();
            writer.WriteLine("Kommandoer:");
            foreach (var (usage, description) in Usages(root)) writer.WriteLine($"  {usage,-24} {description}");
            writer.WriteLine();
            writer.WriteLine($"Hjælp til én kommando: {Program} <kommando> --help. Afslutningskoder: 0 i orden, 1 fejl fundet, 2 forkert argument eller regelfil (se README).");
            return;
        }
        writer.WriteLine($"Brug: {Program} {Usage(command)}");
        writer.WriteLine(command.Description);
        if (command.Arguments.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Argumenter:");
            foreach (var a in command.Arguments) writer.WriteLine($"  <{a.Name}>{(a.Arity.MinimumNumberOfValues == 0 ? " (valgfri)" : ""),-12} {a.Description}");
        }
        if (command.Subcommands.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Underkommandoer:");
            foreach (var (usage, description) in command.Subcommands.SelectMany(Usages)) writer.WriteLine($"  {usage,-24} {description}");
        }
    }

    private static IEnumerable<(string Usage, string? Description)> Usages(Command command) =>
        command is RootCommand
            ? command.Subcommands.SelectMany(Usages)
            : command.Subcommands.Count > 0 ? command.Subcommands.SelectMany(Usages) : [(Usage(command), command.Description)];

    private static string Usage(Command command) =>
        string.Join(' ', new[] { FullName(command) }.Concat(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : $"<{a.Name}>")));
}
