using System.Text.Json;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Engine.Versions;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Validation;

/// <summary>Versions across time: the timeline check, the test cases of the gate, and choosing a version on two time axes.</summary>
public class TimelineAndResolverTests
{
    private static RulesetVersion V(string from, string? to = null) => Version([Fact("age", ValueKind.Int)],
        [Table("t", HitPolicy.Unique, ["age"], [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
            [Row("R1", ["< 18"], ["\"afslag\""]), Row("R2", [">= 18"], ["\"bevilget\""])])])
        with { ValidFrom = D(from), ValidTo = to is null ? null : D(to) };

    private static List<ValidationIssue> Timeline(params RulesetVersion[] versions)
    {
        var report = new ValidationReport();
        VersionValidator.CheckTimeline("rs", versions, report);
        Assert.Empty(report.Warnings);
        return report.Errors.ToList();
    }

    [Fact]
    public void Contiguous_versions_are_fine()
    {
        Assert.Empty(Timeline(V("2018-01-01"), V("2023-10-01")));
        Assert.Empty(Timeline(V("2018-01-01", "2023-09-30"), V("2023-10-01")));
        // Given out of order, they are still read by validFrom.
        Assert.Empty(Timeline(V("2023-10-01"), V("2018-01-01", "2023-09-30")));
    }

    [Fact]
    public void A_gap_between_versions_is_reported()
    {
        var e = Assert.Single(Timeline(V("2018-01-01", "2023-06-30"), V("2023-10-01")));
        Assert.Equal(("tidslinje", D("2018-01-01")), (e.Where, e.Version));
        Assert.Contains("Hul i tidslinjen: ingen version gælder 1. juli 2023 - 30. september 2023", e.Message);
    }

    [Fact]
    public void An_overlap_between_versions_is_reported()
    {
        var e = Assert.Single(Timeline(V("2018-01-01", "2023-12-31"), V("2023-10-01")));
        Assert.Contains("gælder til 31. december 2023 og overlapper versionen fra 1. oktober 2023", e.Message);
    }

    [Fact]
    public void Two_versions_from_the_same_day_and_a_version_ending_before_it_starts_are_reported()
    {
        Assert.Contains("To versioner gælder fra samme dag", Assert.Single(Timeline(V("2018-01-01"), V("2018-01-01"))).Message);
        Assert.Contains("slutter før den begynder", Assert.Single(Timeline(V("2018-01-01", "2017-12-31"))).Message);
    }

    // ---------- test cases in the gate ----------

    private static TestCase Case(string id, string decisionDate, int age, string outcome) => new()
    {
        Id = id, Source = "kilde.txt l.1", DecisionDate = D(decisionDate),
        Facts = new Dictionary<string, JsonElement> { ["age"] = JsonSerializer.SerializeToElement(age) },
        Expect = new TestExpectation { Outcome = outcome },
    };

    [Fact]
    public async Task Failing_test_cases_are_reported_against_the_version_they_ran_on()
    {
        var rs = new RulesetContent(
            new RulesetDefinition { Id = "sel-97", Title = "Ledsagelse" },
            [V("2018-01-01", "2023-09-30"), V("2023-10-01")],
            [new TestFile("cases", new TestSuite
            {
                Cases =
                [
                    Case("TC-01", "2020-01-01", 17, "afslag"),
                    Case("TC-02", "2024-01-01", 30, "afslag"),
                    Case("TC-03", "2024-01-01", 30, "bevilget"),
                    Case("TC-04", "2017-06-01", 30, "bevilget"),
                ],
            })],
            []);
        var (report, runs) = await RulesCheck.RunAsync(new RulesContent([rs], [], [], []));
        // Other checks of the gate (begrundelse templates, ...) may add their own issues; these are the test cases'.
        var failures = report.Errors.Where(e => e.Where.StartsWith("test ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["test cases/TC-02", "test cases/TC-04"], failures.Select(e => e.Where));
        var tc2 = failures[0];
        Assert.Equal(("sel-97", D("2023-10-01")), (tc2.Ruleset, tc2.Version));
        Assert.Contains("udfald skulle være 'afslag', men var 'bevilget'", tc2.Message);
        // No version covers 2017: the problem names the range the ruleset covers.
        Assert.Contains("har ingen version gældende den 1. juni 2017", failures[1].Message);
        Assert.Equal(2, Assert.Single(runs).Results.Count(r => r.Passed));
    }

    [Fact]
    public async Task A_ruleset_without_test_cases_or_versions_is_an_error()
    {
        var rs = new RulesetContent(new RulesetDefinition { Id = "empty", Title = "Tom" }, [], [], []);
        var (report, _) = await RulesCheck.RunAsync(new RulesContent([rs], [], [], []));
        Assert.Contains(report.Errors, e => e.Where == "versioner" && e.Message == "Regelsættet har ingen versioner.");
        Assert.Contains(report.Errors, e => e.Where == "testcases" && e.Message == "Regelsættet har ingen testcases.");
    }

    // ---------- VersionResolver ----------

    private static readonly DateTimeOffset Published2018 = new(2017, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Published2023 = new(2023, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Corrected2023 = new(2023, 11, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly VersionCandidate<string>[] Candidates =
    [
        new(D("2018-01-01"), null, Published2018, "2018"),
        new(D("2023-10-01"), null, Published2023, "2023"),
        new(D("2023-10-01"), null, Corrected2023, "2023-rettet"),
    ];

    [Theory]
    [InlineData("2018-01-01", "2018")]
    [InlineData("2023-09-30", "2018")]
    [InlineData("2023-10-01", "2023-rettet")]
    [InlineData("2030-01-01", "2023-rettet")]
    public void The_decision_date_picks_the_version(string decisionDate, string expected)
    {
        var r = VersionResolver.Resolve("sel-97", Candidates, D(decisionDate));
        Assert.True(r.Found);
        Assert.Equal(expected, r.Item);
    }

    [Theory]
    [InlineData("2023-11-15T08:59:59Z", "2023")]
    [InlineData("2023-11-15T09:00:00Z", "2023-rettet")]
    [InlineData("2024-01-01T00:00:00Z", "2023-rettet")]
    // Before the 2023 version was published at all, the 2018 version was the law known for 2024.
    [InlineData("2023-08-31T00:00:00Z", "2018")]
    public void AsOf_before_a_correction_picks_the_version_known_then(string asOf, string expected)
    {
        var r = VersionResolver.Resolve("sel-97", Candidates, D("2024-01-01"), DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, r.Item);
    }

    [Fact]
    public void A_date_before_the_first_version_names_the_valid_range()
    {
        var r = VersionResolver.Resolve("sel-97", Candidates, D("2017-12-31"));
        Assert.False(r.Found);
        Assert.Null(r.Item);
        Assert.Equal("Regelsættet 'sel-97' har ingen version gældende den 31. december 2017. "
            + "Regelsættet gælder 1. januar 2018 - 30. september 2023 og fra 1. oktober 2023.", r.Problem);
    }

    [Fact]
    public void A_date_after_a_closed_last_version_names_the_valid_range()
    {
        VersionCandidate<string>[] closed = [new(D("2018-01-01"), D("2018-12-31"), null, "2018")];
        var r = VersionResolver.Resolve("sel-97", closed, D("2019-01-01"));
        Assert.False(r.Found);
        Assert.Contains("gælder 1. januar 2018 - 31. december 2018", r.Problem);
        Assert.Equal("2018", VersionResolver.Resolve("sel-97", closed, D("2018-12-31")).Item);
    }

    [Fact]
    public void Nothing_published_at_asOf_is_said_so()
    {
        var r = VersionResolver.Resolve("sel-97", Candidates, D("2024-01-01"), new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False(r.Found);
        Assert.Contains("Der var ingen offentliggjorte versioner pr. 2017-01-01", r.Problem);
        var none = VersionResolver.Resolve("sel-97", Array.Empty<VersionCandidate<string>>(), D("2024-01-01"));
        Assert.Contains("har ingen offentliggjorte versioner", none.Problem);
    }

    [Fact]
    public void A_version_ends_at_its_own_validTo_else_the_day_before_the_next_one_starts()
    {
        VersionCandidate<string>[] list =
        [
            new(D("2014-01-01"), D("2016-12-31"), Published2018, "2014"),
            new(D("2018-01-01"), null, Published2018, "2018"),
            new(D("2023-10-01"), null, Published2023, "2023"),
            new(D("2023-10-01"), null, Corrected2023, "2023-rettet"),
        ];
        var timeline = VersionResolver.Timeline(list, null);
        Assert.Equal([D("2016-12-31"), D("2023-09-30"), null], Enumerable.Range(0, timeline.Count).Select(i => VersionResolver.EndIn(timeline, i)));
        // The superseded 2023 version ends where the correction that replaced it ends: open.
        Assert.Null(VersionResolver.EndBeside(timeline, D("2023-10-01"), null));
        Assert.Equal(D("2023-09-30"), VersionResolver.EndBeside(timeline, D("2018-01-01"), null));
        Assert.Equal(D("2016-12-31"), VersionResolver.EndBeside(timeline, D("2014-01-01"), D("2016-12-31")));
    }
}
