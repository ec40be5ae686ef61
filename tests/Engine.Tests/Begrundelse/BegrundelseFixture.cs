using System.Runtime.CompilerServices;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Tests.Begrundelse;

/// <summary>A small ledsageordning-like version (§ 97) with a discretionary fact, a sats and two outcomes.</summary>
internal static class BegrundelseFixture
{
    public static readonly RulesetDefinition Ruleset = new()
    {
        Id = "sel-97", Title = "Ledsageordning", LegalBasis = "Serviceloven § 97",
    };

    public static readonly SatsSeries Aarligt = new()
    {
        Key = "sel-97.aarligtBeloeb", Label = "Årligt beløb til ledsagerens udgifter", Unit = "kr. pr. år",
        PriceLevel = "2024-niveau",
        Values = [new SatsValue { ValidFrom = new DateOnly(2024, 1, 1), ValidTo = new DateOnly(2024, 12, 31), Value = 1234.5m, Source = "003_e9312490f6af4059.txt l.397" }],
    };

    public static RulesetVersion Version(DateOnly? validFrom = null) => new()
    {
        ValidFrom = validFrom ?? new DateOnly(2018, 2, 1),
        LegalBasis = ["Lovbekendtgørelse nr. 1089 af 1. september 2023 (serviceloven)"],
        Facts =
        [
            new FactDefinition { Name = "birthDate", Type = ValueKind.Date, Label = "Fødselsdato" },
            new FactDefinition { Name = "hasBpa", Type = ValueKind.Bool, Label = "Har borgerstyret personlig assistance efter § 96" },
            new FactDefinition
            {
                Name = "cannotGetAroundAlone", Type = ValueKind.Bool, Label = "Kan ikke færdes alene uden for hjemmet",
                Discretionary = true,
            },
            new FactDefinition
            {
                Name = "cause", Type = ValueKind.Enum, Label = "Årsag til funktionsnedsættelsen", Required = false,
                Values = [new EnumValue { Value = "physical", Label = "Fysisk" }, new EnumValue { Value = "mental", Label = "Psykisk" }],
            },
        ],
        Derived = [new DerivedValue { Name = "age", Type = ValueKind.Int, Label = "alder", Unit = "år", Expression = "ageAt(birthDate, decisionDate)" }],
        Tables =
        [
            new DecisionTable
            {
                Id = "eligibility", Label = "Ret til ledsagelse", HitPolicy = HitPolicy.First,
                Inputs = [new TableInput { Name = "hasBpa" }, new TableInput { Name = "age" }, new TableInput { Name = "cannotGetAroundAlone" }],
                Outputs =
                [
                    new TableOutput
                    {
                        Name = "outcome", Type = ValueKind.Enum,
                        Values = [new EnumValue { Value = "afslag", Label = "Afslag" }, new EnumValue { Value = "bevilget", Label = "Bevilling" }],
                    },
                    new TableOutput { Name = "hoursPerMonth", Type = ValueKind.Decimal, Label = "Timer pr. måned", Unit = "timer" },
                    new TableOutput { Name = "yearlyAmount", Type = ValueKind.Decimal, Label = "Årligt beløb", Unit = "kr." },
                ],
                Rows =
                [
                    new TableRow { Id = "R97-01", When = ["true", "-", "-"], Then = ["\"afslag\"", "0", "0"], Ref = "servicelovens § 97, stk. 8; vejledningens pkt. 5", Reason = "bpa-section-96" },
                    new TableRow { Id = "R97-02", When = ["-", "[18..67)", "true"], Then = ["\"bevilget\"", "15", "sats(\"sel-97.aarligtBeloeb\")"], Ref = "servicelovens § 97, stk. 1", Reason = "granted" },
                    new TableRow { Id = "R97-03", When = ["-", "-", "-"], Then = ["\"afslag\"", "0", "0"], Ref = "servicelovens § 97, stk. 1", Reason = "not-in-target-group" },
                ],
            },
        ],
    };

    public static readonly SatsCatalog Satser = new([Aarligt]);

    public static CompiledVersion Compile(RulesetVersion? version = null) =>
        VersionCompiler.Compile(Ruleset.Id, version ?? Version(), Satser);

    public static async Task<EvaluationResult> Evaluate(CompiledVersion cv, bool hasBpa = false, bool alone = true, string? cause = null)
    {
        var facts = new Dictionary<string, object?>
        {
            ["birthDate"] = new DateOnly(1990, 5, 1), ["hasBpa"] = hasBpa, ["cannotGetAroundAlone"] = alone,
        };
        if (cause is not null) facts["cause"] = cause;
        return await Evaluator.EvaluateAsync(cv, new DateOnly(2024, 3, 1), FactBinder.Bind(cv.Facts, facts), Satser, LookupCatalog.Empty);
    }

    public static readonly IReadOnlyDictionary<string, string> Notes = new Dictionary<string, string>
    {
        ["cannotGetAroundAlone"] = "Borgeren kan ikke færdes alene på grund af svær synsnedsættelse.",
    };

    public static BegrundelseTemplates Templates(params (string Path, string Text)[] files) =>
        BegrundelseTemplates.Compile(Ruleset.Id, new DateOnly(2018, 2, 1),
            files.Select(f => new TemplateFile(f.Path, f.Text)).ToList(), SharedTemplates());

    /// <summary>The shared partials as committed in rules/templates/, so the tests exercise the real texts.</summary>
    public static IReadOnlyList<TemplateFile> SharedTemplates()
    {
        var dir = Path.Combine(RepoRoot(), "rules", "templates");
        return Directory.GetFiles(dir, "*.scriban").Order(StringComparer.Ordinal)
            .Select(f => new TemplateFile(Path.GetFileName(f), File.ReadAllText(f))).ToList();
    }

    public static string ReadRepoFile(string relativePath) => File.ReadAllText(Path.Combine(RepoRoot(), relativePath));

    /// <summary>Found from this source file's path, since tests run from an artifacts folder outside the repository.</summary>
    private static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found from " + sourceFile);
    }
}
