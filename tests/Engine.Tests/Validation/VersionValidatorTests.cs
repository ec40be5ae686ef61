using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Validation;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Validation;

/// <summary>The publish gate for one version: cells compile, UNIQUE rows do not overlap, satser cover the period.</summary>
public class VersionValidatorTests
{
    private static ValidationReport Check(RulesetVersion v, SatsCatalog? satser = null, DateOnly? periodEnd = null)
    {
        var report = new ValidationReport();
        VersionValidator.CheckVersion("rs", v, periodEnd, satser ?? SatsCatalog.Empty, LookupCatalog.Empty, report);
        return report;
    }

    // ---------- every cell compiles ----------

    [Fact]
    public void Every_cell_that_does_not_compile_is_reported_on_its_own()
    {
        var v = Version([Fact("age", ValueKind.Int), Fact("cause", ValueKind.Enum, true, "a", "b")],
            [Table("t", HitPolicy.First, ["age", "cause"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [
                Row("R1", ["< 1 8", "-"], ["\"afslag\""]),
                Row("R2", ["-", "\"c\""], ["\"afslag\""]),
                Row("R3", ["-", "-"], ["\"bevilgt\""]),
                Row("R4", ["-", "-"], ["\"bevilget\""]),
            ])]);
        var report = new ValidationReport();
        var cv = VersionValidator.CheckVersion("rs", v, null, SatsCatalog.Empty, LookupCatalog.Empty, report);
        Assert.Null(cv);
        Assert.False(report.IsValid);
        Assert.Equal(
            ["t/R1/age, tegn 5", "t/R2/cause, tegn 1", "t/R3/outcome, tegn 1"],
            report.Errors.Select(e => e.Where));
        Assert.All(report.Errors, e => Assert.Equal(D("2018-01-01"), e.Version));
        Assert.Contains("(celle: \"bevilgt\")", report.Errors.Last().Message);
    }

    [Fact]
    public void A_version_that_compiles_and_has_no_problems_passes()
    {
        var v = Version([Fact("age", ValueKind.Int)],
            [Table("t", HitPolicy.Unique, ["age"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
                [Row("R1", ["< 18"], ["\"afslag\""]), Row("R2", [">= 18"], ["\"bevilget\""])])]);
        var report = new ValidationReport();
        Assert.NotNull(VersionValidator.CheckVersion("rs", v, null, SatsCatalog.Empty, LookupCatalog.Empty, report));
        Assert.Empty(report.Issues);
    }

    // ---------- UNIQUE overlaps ----------

    private static List<string> Overlaps(ValueKind kind, string a, string b, HitPolicy policy = HitPolicy.Unique, string[]? values = null)
    {
        var v = Version([Fact("x", kind, true, values ?? []), Fact("limit", kind == ValueKind.Enum ? ValueKind.Text : kind)],
            [Table("t", policy, ["x"], [Out("outcome", ValueKind.Enum, "a", "b")],
                [Row("RA", [a], ["\"a\""]), Row("RB", [b], ["\"b\""])])]);
        var report = new ValidationReport();
        VersionValidator.CheckUniqueOverlaps("rs", v, report);
        return report.Errors.Select(e => e.Message).ToList();
    }

    [Theory]
    [InlineData(ValueKind.Decimal, "[18..67)", ">= 60")]
    [InlineData(ValueKind.Decimal, "<= 18", ">= 18")]
    [InlineData(ValueKind.Decimal, "< 18", "> 17")]
    [InlineData(ValueKind.Decimal, "(0..15]", "[15..20]")]
    [InlineData(ValueKind.Decimal, "5", "[0..10]")]
    [InlineData(ValueKind.Decimal, "!= 5", "6")]
    [InlineData(ValueKind.Decimal, "< 0, > 100", "[90..110]")]
    [InlineData(ValueKind.Decimal, "-", "42")]
    [InlineData(ValueKind.Int, "< 18", "> 16")]
    [InlineData(ValueKind.Int, "[18..67]", "[67..70]")]
    [InlineData(ValueKind.Date, "< date(\"2023-10-01\")", ">= date(\"2023-09-30\")")]
    [InlineData(ValueKind.Enum, "\"a\",\"b\"", "\"b\"")]
    [InlineData(ValueKind.Enum, "not(\"a\")", "\"b\"")]
    [InlineData(ValueKind.Text, "!= \"x\"", "!= \"y\"")]
    [InlineData(ValueKind.Bool, "true", "true")]
    [InlineData(ValueKind.Bool, "-", "false")]
    public void Overlapping_unique_rows_are_reported_with_both_row_ids(ValueKind kind, string a, string b)
    {
        var message = Assert.Single(Overlaps(kind, a, b, values: kind == ValueKind.Enum ? ["a", "b", "c"] : null));
        Assert.Contains("rækkerne RA og RB kan passe på samme tid", message);
    }

    [Theory]
    [InlineData(ValueKind.Decimal, "< 18", ">= 18")]
    [InlineData(ValueKind.Decimal, "[18..67)", "[67..70]")]
    [InlineData(ValueKind.Decimal, "(0..15)", "[15..20]")]
    [InlineData(ValueKind.Decimal, "]0..15[", "<= 0")]
    [InlineData(ValueKind.Decimal, "5", "!= 5")]
    [InlineData(ValueKind.Decimal, "< 0, > 100", "[0..100]")]
    [InlineData(ValueKind.Int, "< 18", "> 17")]
    [InlineData(ValueKind.Int, "(0..5)", "[5..9]")]
    [InlineData(ValueKind.Int, "<= 4", "(4..9]")]
    [InlineData(ValueKind.Date, "< date(\"2023-10-01\")", ">= date(\"2023-10-01\")")]
    // Dates are whole days: no day lies after 30 September and before 1 October.
    [InlineData(ValueKind.Date, "< date(\"2023-10-01\")", "> date(\"2023-09-30\")")]
    [InlineData(ValueKind.Enum, "\"a\"", "\"b\"")]
    [InlineData(ValueKind.Enum, "not(\"a\")", "\"a\"")]
    [InlineData(ValueKind.Enum, "\"a\",\"b\"", "\"c\"")]
    [InlineData(ValueKind.Bool, "true", "false")]
    [InlineData(ValueKind.Decimal, "null", "< 5")]
    public void Disjoint_unique_rows_are_not_reported(ValueKind kind, string a, string b)
    {
        Assert.Empty(Overlaps(kind, a, b, values: kind == ValueKind.Enum ? ["a", "b", "c"] : null));
    }

    [Theory]
    [InlineData(ValueKind.Decimal, "< limit", ">= 5")]
    [InlineData(ValueKind.Decimal, "< sats(\"k\")", "> 0")]
    public void Rows_whose_overlap_cannot_be_decided_from_the_cells_are_not_reported(ValueKind kind, string a, string b)
    {
        Assert.Empty(Overlaps(kind, a, b));
    }

    [Fact]
    public async Task A_missing_value_matches_only_the_null_row_and_the_gate_agrees()
    {
        var v = Version([Fact("placement", ValueKind.Enum, false, "botilbud", "eget hjem")],
            [Table("t", HitPolicy.Unique, ["placement"], [Out("outcome", ValueKind.Enum, "ukendt", "a", "b")],
            [
                Row("N", ["null"], ["\"ukendt\""]),
                Row("A", ["\"botilbud\""], ["\"a\""]),
                Row("B", ["not(\"botilbud\")"], ["\"b\""]),
            ])]);
        // The evaluator: a missing placement matches N only; 'eget hjem' matches B only.
        var cv = Compilation.VersionCompiler.Compile("rs", v);
        Assert.Equal(["N"], (await Run(cv, new Dictionary<string, object?>())).DecisiveRows.Select(d => d.Rule));
        Assert.Equal(["B"], (await Run(cv, new Dictionary<string, object?> { ["placement"] = "eget hjem" })).DecisiveRows.Select(d => d.Rule));
        // The gate must not call N and B overlapping.
        var report = new ValidationReport();
        VersionValidator.CheckUniqueOverlaps("rs", v, report);
        Assert.Empty(report.Issues);
    }

    [Fact]
    public void Only_unique_tables_are_checked_for_overlap()
    {
        Assert.Empty(Overlaps(ValueKind.Decimal, "< 18", "< 67", HitPolicy.First));
        Assert.Single(Overlaps(ValueKind.Decimal, "< 18", "< 67", HitPolicy.Unique));
    }

    [Fact]
    public void Rows_overlap_only_when_every_column_overlaps()
    {
        var v = Version([Fact("age", ValueKind.Int), Fact("hasBpa", ValueKind.Bool), Fact("cause", ValueKind.Enum, true, "physical", "mental")],
            [Table("t", HitPolicy.Unique, ["age", "hasBpa", "cause"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [
                Row("R1", ["< 18", "-", "-"], ["\"afslag\""]),
                Row("R2", [">= 18", "true", "-"], ["\"afslag\""]),
                Row("R3", [">= 18", "false", "\"physical\""], ["\"bevilget\""]),
                Row("R4", ["[18..67)", "-", "\"mental\""], ["\"afslag\""]),
                Row("R5", [">= 65", "false", "\"physical\""], ["\"afslag\""]),
            ])]);
        var report = new ValidationReport();
        VersionValidator.CheckUniqueOverlaps("rs", v, report);
        Assert.Equal(
            [
                "Tabellen har hit policy UNIQUE, men rækkerne R2 og R4 kan passe på samme tid.",
                "Tabellen har hit policy UNIQUE, men rækkerne R3 og R5 kan passe på samme tid.",
            ],
            report.Errors.Select(e => e.Message));
        Assert.All(report.Errors, e => Assert.Equal("t", e.Where));
    }

    // ---------- sats coverage ----------

    private static RulesetVersion UsesSats(DateOnly validFrom, DateOnly? validTo = null) => Version([Fact("x", ValueKind.Decimal)],
        [Table("t", HitPolicy.First, ["x"], [Out("beloeb", ValueKind.Decimal)], [Row("R1", ["-"], ["x * sats(\"k\")"])])], outcome: "")
        with { ValidFrom = validFrom, ValidTo = validTo };

    [Fact]
    public void Years_without_a_sats_value_between_two_values_are_a_warning_naming_them_not_an_error()
    {
        // Legal staff enter the value they know for the year they need (2027) without the years before it.
        var satser = new SatsCatalog([Sats("k", ("2017-01-01", "2017-12-31", 1m), ("2027-01-01", "2027-12-31", 2m))]);
        var report = Check(UsesSats(D("2017-01-01"), D("2027-12-31")), satser);
        Assert.Empty(report.Errors);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal("k", warning.Where);
        Assert.Contains("har ingen værdi 1. januar 2018 - 31. december 2026", warning.Message);
    }

    [Fact]
    public void A_gap_outside_the_version_period_is_not_reported()
    {
        var satser = new SatsCatalog([Sats("k", ("2020-01-01", "2020-12-31", 1m), ("2022-01-01", null, 2m))]);
        Assert.Empty(Check(UsesSats(D("2022-01-01")), satser).Issues);
        // Nor when the version ends before the gap (its end given by the next version).
        Assert.Empty(Check(UsesSats(D("2020-01-01")), satser, periodEnd: D("2020-12-31")).Issues);
    }

    [Fact]
    public void No_value_after_the_last_is_a_warning()
    {
        var satser = new SatsCatalog([Sats("k", ("2020-01-01", "2024-12-31", 1m))]);
        var report = Check(UsesSats(D("2020-01-01")), satser);
        Assert.True(report.IsValid);
        var warning = Assert.Single(report.Warnings);
        Assert.Contains("har ingen værdi efter 31. december 2024", warning.Message);
        // A version that ends before the last value runs out needs nothing.
        Assert.Empty(Check(UsesSats(D("2020-01-01"), D("2024-12-31")), satser).Issues);
    }

    [Fact]
    public void No_values_at_all_is_a_warning()
    {
        var report = Check(UsesSats(D("2020-01-01")), new SatsCatalog([Sats("k")]));
        Assert.True(report.IsValid);
        Assert.Contains("har ingen værdier", Assert.Single(report.Warnings).Message);
    }

    [Fact]
    public void A_first_value_after_the_version_starts_is_a_warning()
    {
        var report = Check(UsesSats(D("2020-01-01")), new SatsCatalog([Sats("k", ("2021-01-01", null, 1m))]));
        Assert.True(report.IsValid);
        Assert.Contains("har først en værdi fra 1. januar 2021", Assert.Single(report.Warnings).Message);
    }

    [Fact]
    public void Values_covering_the_period_give_no_issue_and_unused_satser_are_not_checked()
    {
        var satser = new SatsCatalog([
            Sats("k", ("2020-01-01", "2020-12-31", 1m), ("2021-01-01", "2021-12-31", 2m), ("2022-01-01", null, 3m)),
            Sats("unused"),
            Sats("unusedWithGap", ("2020-01-01", "2020-06-30", 1m), ("2021-01-01", "2021-01-31", 1m)),
        ]);
        Assert.Empty(Check(UsesSats(D("2020-01-01")), satser).Issues);
    }

    [Fact]
    public void A_lookup_table_without_an_edition_at_the_version_start_is_an_error()
    {
        var lookups = new LookupCatalog([new LookupTable
        {
            Key = "folkepensionsalder", Label = "Folkepensionsalder",
            Editions = [new LookupEdition { ValidFrom = D("2019-01-01"), Source = "lov", Rows = [new LookupRow { Value = 67 }] }],
        }]);
        RulesetVersion V(string from) => Version([Fact("birthDate", ValueKind.Date)],
            [Table("t", HitPolicy.First, [], [Out("age", ValueKind.Decimal)], [Row("R1", [], ["lookup(\"folkepensionsalder\", birthDate)"])])],
            outcome: "") with { ValidFrom = D(from) };
        var report = new ValidationReport();
        VersionValidator.CheckVersion("rs", V("2018-01-01"), null, SatsCatalog.Empty, lookups, report);
        var error = Assert.Single(report.Errors);
        Assert.Equal("folkepensionsalder", error.Where);
        Assert.Contains("ingen udgave gældende fra 1. januar 2018", error.Message);

        var ok = new ValidationReport();
        VersionValidator.CheckVersion("rs", V("2019-01-01"), null, SatsCatalog.Empty, lookups, ok);
        Assert.Empty(ok.Issues);
    }
}
