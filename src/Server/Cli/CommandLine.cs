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

        var (caseload, simulate) = SimulationVerbs();

        var help = new Command("help", "vis denne vejledning");
        help.SetAction(p => { CommandHelp.Write(root, p.InvocationConfiguration.Output); return ExitCodes.Ok; });

        foreach (var command in new[] { test, validate, format, migrate, import, export, apikey, dmn, caseload, simulate, help }) root.Add(command);
        // A group without its subcommand ("apikey", "dmn") is a missing argument, like "export" without a folder.
        apikey.Validators.Add(r => { if (!r.Children.Any()) r.AddError("mangler"); });
        dmn.Validators.Add(r => { if (!r.Children.Any()) r.AddError("mangler"); });
        caseload.Validators.Add(r => { if (!r.Children.Any()) r.AddError("mangler"); });
        foreach (var option in root.Options.OfType<HelpOption>()) option.Action = new CommandHelp();
        return root;
    }

    /// <summary>"caseload generate" and "simulate" (#19), with their options.</summary>
    private static (Command Caseload, Command Simulate) SimulationVerbs()
    {
        var ruleset = new Option<string>("--ruleset") { Description = "regelsættets id, fx sel-161", Required = true, HelpName = "id" };
        var n = new Option<int>("--n") { Description = "antal sager", Required = true, HelpName = "antal" };
        var seed = new Option<int>("--seed") { Description = "frø: samme argumenter giver samme fil (standard 7)", DefaultValueFactory = _ => 7, HelpName = "tal" };
        var date = new Option<string?>("--date") { Description = "afgørelsesdato ÅÅÅÅ-MM-DD (standard: den nyeste versions gyldig fra)", HelpName = "dato" };
        var outFile = new Option<string?>("--out") { Description = "filen, der skrives (standard: stdout)", HelpName = "fil" };
        var rules = new Option<string?>("--rules") { Description = "regelmappen med testcases (standard: rules/)", HelpName = "mappe" };
        var generate = new Command("generate", "skriv en syntetisk sagsbestand (CSV) ud fra regelsættets fakta og testcases") { ruleset, n, seed, date, outFile, rules };
        generate.SetAction(p =>
        {
            var dateText = p.GetValue(date);
            DateOnly? day = null;
            if (dateText is not null)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                {
                    p.InvocationConfiguration.Error.WriteLine($"--date: '{dateText}' er ikke en dato (ÅÅÅÅ-MM-DD).");
                    return ExitCodes.BadInput;
                }
                day = d;
            }
            return SimulationCommands.Generate(RulesLocator.Find(p.GetValue(rules)), p.GetRequiredValue(ruleset), p.GetValue(n), p.GetValue(seed), day,
                p.GetValue(outFile), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        var caseload = new Command("caseload", "syntetiske sagsbestande til test og benchmark") { generate };

        var file = new Option<string>("--caseload") { Description = "sagsbestanden: CSV eller JSON Lines (.jsonl)", Required = true, HelpName = "fil" };
        var a = new Option<string>("--a") { Description = "side A: published, draft:ID, sats:ID eller draft:ID+sats:ID, evt. @ÅÅÅÅ-MM-DD (standard: published)", DefaultValueFactory = _ => "published", HelpName = "side" };
        var b = new Option<string>("--b") { Description = "side B, som --a", Required = true, HelpName = "side" };
        var asOf = new Option<string?>("--as-of") { Description = "reglerne og satserne som offentliggjort på dette tidspunkt (standard: nu)", HelpName = "tidspunkt" };
        var simRuleset = new Option<string?>("--ruleset") { Description = "regelsættets id (kan udelades, når en side er en kladde)", HelpName = "id" };
        var report = new Option<string?>("--out") { Description = "rapporten: .html, .csv eller .json (standard: kun resumé på stdout)", HelpName = "fil" };
        var simulate = new Command("simulate", "kør en sagsbestand på to sider mod den lokale database; 1 hvis rækker ikke kunne læses eller sager gav fejl") { file, a, b, asOf, simRuleset, report };
        simulate.SetAction((p, token) => SimulationCommands.SimulateAsync(RulesLocator.Resolve(p.GetRequiredValue(file), mustExist: true), p.GetValue(simRuleset),
            p.GetRequiredValue(a), p.GetRequiredValue(b), p.GetValue(asOf), p.GetValue(report), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, token));
        return (caseload, simulate);
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
        foreach (var option in command.Options.Where(o => o.Required && parsed.GetResult(o) is null or { Implicit: true }))
        {
            said = true;
            yield return $"'{name}' mangler {option.Name} <{option.HelpName}>.";
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
        var options = command.Options.Where(o => o is not HelpOption and not VersionOption).ToList();
        if (options.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Tilvalg:");
            foreach (var o in options) writer.WriteLine($"  {o.Name + " <" + o.HelpName + ">",-24} {o.Description}{(o.Required ? " (skal angives)" : "")}");
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
        string.Join(' ', new[] { FullName(command) }
            .Concat(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : $"<{a.Name}>"))
            .Concat(command.Options.Where(o => o is not HelpOption and not VersionOption)
                .Select(o => o.Required ? $"{o.Name} <{o.HelpName}>" : $"[{o.Name} <{o.HelpName}>]")));
}
