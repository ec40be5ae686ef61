using System.Diagnostics;
using System.Text.Json.Nodes;
using Serviceloven.Server.Cli;

namespace Serviceloven.Server.Tests.Cli;

/// <summary>
/// The verbs fail loudly: an unknown verb or a missing argument ends with exit code 2 and the usage on stderr, never
/// with the web server starting or a 0; help is Danish; a version that does not compile is reported once.
/// </summary>
public class CommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "Ukendt kommando: 'frobnicate'.")]
    [InlineData(new[] { "export" }, "'export' mangler <mappe>.")]
    [InlineData(new[] { "apikey" }, "'apikey' mangler en underkommando: create.")]
    [InlineData(new[] { "apikey", "create" }, "'apikey create' mangler <navn>.")]
    [InlineData(new[] { "apikey", "slet", "x" }, "'apikey' kender ikke 'slet'.")]
    [InlineData(new[] { "dmn" }, "'dmn' mangler en underkommando: check.")]
    [InlineData(new[] { "migrate", "ekstra" }, "'migrate' kender ikke 'ekstra'.")]
    public async Task An_unknown_verb_or_a_missing_argument_exits_2_with_the_usage_on_stderr(string[] args, string message)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, error);
        Assert.Contains("Brug: dotnet run --project src/Server -- ", error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_verb_in_Danish_on_stdout_and_exits_0(string flag)
    {
        var (code, output, error) = await Run(flag);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        foreach (var usage in new[] { "test [mappe]", "validate [mappe]", "format [mappe]", "migrate", "import [mappe]", "export <mappe>", "apikey create <navn>", "dmn check <mappe>" })
            Assert.Contains("  " + usage, output);
        Assert.DoesNotContain("Usage", output);
        Assert.DoesNotContain("Options", output);
    }

    [Fact]
    public async Task Help_for_one_verb_names_its_argument()
    {
        var (code, output, _) = await Run("export", "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("Brug: dotnet run --project src/Server -- export <mappe>", output);
        Assert.Contains("<mappe>", output);
    }

    [Fact]
    public async Task The_suggest_directive_completes_the_verbs()
    {
        var (code, output, _) = await Run("[suggest]");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "test", "validate", "export", "apikey", "dmn" }) Assert.Contains(verb, output.Split('\n').Select(l => l.Trim()));
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:21010" }, false)]
    [InlineData(new[] { "--environment", "Production" }, false)]
    [InlineData(new[] { "Store:DatabasePath=/tmp/x.db" }, false)]
    [InlineData(new[] { "frobnicate" }, true)]
    [InlineData(new[] { "test" }, true)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "--version" }, true)]
    public void Only_the_web_hosts_own_arguments_start_the_server(string[] args, bool isCommand) =>
        Assert.Equal(isCommand, CommandLine.IsCommand(args));

    [Fact]
    public async Task The_server_binary_exits_2_on_an_unknown_verb_instead_of_starting()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Serviceloven.Server.dll"), "frobnicate" },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Ukendt kommando: 'frobnicate'.", await error);
        Assert.Equal("", await output);
    }

    [Fact]
    public async Task A_version_that_does_not_compile_is_reported_once_with_the_cases_it_kept_from_running_folded_under_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sl-cli-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // rules/ with sel-97 only (and the shared folders), one cell broken.
            foreach (var dir in new[] { "satser", "schema", "tables", "templates", "sel-97" })
                CopyFolder(Path.Combine(RulesServerFactory.RulesFolder, dir), Path.Combine(folder, dir));
            var file = Path.Combine(folder, "sel-97", "versions", "2018-02-01.json");
            var version = JsonNode.Parse(File.ReadAllText(file))!;
            version["tables"]![1]!["rows"]![0]!["when"]![0] = "tru";
            File.WriteAllText(file, version.ToJsonString());

            var (code, output, _) = await Run("test", folder);
            Assert.Equal(ExitCodes.Failures, code);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines, l => l.StartsWith("FEJL sel-97 2018-02-01", StringComparison.Ordinal) && l.Contains("'tru'"));
            Assert.Single(lines, l => l.Contains("testcases i sel-97 er ikke kørt, fordi en version ikke kan oversættes"));
            Assert.DoesNotContain(lines, l => l.Contains("versionen kan ikke oversættes"));
            Assert.DoesNotContain(lines, l => l.StartsWith("FAILED", StringComparison.Ordinal));
            Assert.Matches(@"^0 passed, \d+ failed\r?$", lines[^1]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }
    }
}
