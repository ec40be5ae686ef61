using System.Text.Json;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime.Comparison;

namespace Serviceloven.Runtime.Tests;

/// <summary>The per-case comparison of two sides, without a web host or UI: what the impact preview and a caseload simulation build on.</summary>
public sealed class ComparisonTests(PublishedRulesFixture rules) : IClassFixture<PublishedRulesFixture>
{
    private static JsonElement J(object value) => JsonSerializer.SerializeToElement(value);

    /// <summary>A sel-97 worked case as shipped (B97-02 is the 18-year-old on the birthday, every condition for 15 hours met).</summary>
    private static TestCase Shipped(string id)
    {
        var suite = Serviceloven.Engine.Serialization.RulesJson.Deserialize<TestSuite>(
            File.ReadAllText(Path.Combine(PublishedRulesFixture.RepositoryRoot, "rules/sel-97/tests/eligibility.json")));
        return suite.Cases.Single(c => c.Id == id);
    }

    private static Dictionary<string, JsonElement> EighteenYearOld() => new(Shipped("B97-02").Facts);

    /// <summary>The published sel-97 with R97-04's age limit raised from 18 to 19, compiled as a candidate of the same date.</summary>
    private SideVersion RaisedAgeLimit()
    {
        var snapshot = rules.Holder.Current;
        var published = snapshot.Timeline("sel-97")[0].Item;
        var content = published.Compiled.Content with
        {
            Tables = published.Compiled.Content.Tables.Select(t => t.Id != "eligibility" ? t : t with
            {
                Rows = t.Rows.Select(r => r.Id != "R97-04" ? r : r with { When = r.When.Select(c => c == "< 18" ? "< 19" : c).ToList() }).ToList(),
            }).ToList(),
        };
        var compiled = VersionCompiler.Compile("sel-97", content, snapshot.LatestSatser, snapshot.LatestLookups);
        return new SideVersion(compiled, published.Templates, null, IsCandidate: true);
    }

    [Fact]
    public async Task A_case_on_both_sides_shows_the_changed_outcome_the_version_each_ran_on_and_the_changed_references()
    {
        var snapshot = rules.Holder.Current;
        var before = ComparisonSide.Published(snapshot, "sel-97");
        var after = ComparisonSide.WithCandidate(snapshot, "sel-97", RaisedAgeLimit());

        var comparison = await CaseComparer.CompareAsync(before, after, new ComparisonCase(new DateOnly(2018, 5, 10), EighteenYearOld(), Shipped("B97-02").Notes), begrundelse: true);

        Assert.Equal("bevilget", comparison.Before.Outcome);
        Assert.Equal("afslag", comparison.After.Outcome);
        Assert.True(comparison.OutcomeChanged);
        Assert.False(comparison.Before.Version!.IsCandidate);
        Assert.True(comparison.After.Version!.IsCandidate);
        Assert.Contains(comparison.OutputChanges, c => c.Name == "hoursPerMonth" && c.Before is 15m && c.After is 0m);
        Assert.True(comparison.AmountsChanged);
        Assert.True(comparison.ReferencesChanged, string.Join("; ", comparison.Before.References) + " | " + string.Join("; ", comparison.After.References));
        Assert.True(comparison.TextChanged);
        Assert.NotNull(comparison.Before.Begrundelse);
        Assert.NotNull(comparison.After.Begrundelse);
    }

    [Fact]
    public async Task A_case_the_change_does_not_decide_keeps_its_answer_and_a_date_without_a_version_is_named()
    {
        var snapshot = rules.Holder.Current;
        var before = ComparisonSide.Published(snapshot, "sel-97");
        var after = ComparisonSide.WithCandidate(snapshot, "sel-97", RaisedAgeLimit());
        var facts = EighteenYearOld();
        facts["birthDate"] = J("1980-05-10");

        var same = await CaseComparer.CompareAsync(before, after, new ComparisonCase(new DateOnly(2019, 3, 1), facts, Shipped("B97-02").Notes), begrundelse: true);
        // A 38-year-old keeps the grant on the same grounds; the letter differs only where it states the age limit from R97-04.
        Assert.False(same.OutcomeChanged || same.ReferencesChanged);
        Assert.Empty(same.OutputChanges);
        Assert.True(same.TextChanged);
        Assert.Equal(same.Before.Begrundelse!.Replace("mellem 18 år", "mellem 19 år", StringComparison.Ordinal), same.After.Begrundelse);

        var early = await CaseComparer.CompareAsync(before, after, new ComparisonCase(new DateOnly(2000, 1, 1), facts), begrundelse: false);
        Assert.Equal("no-version", early.Before.Status);
        Assert.NotNull(early.Before.Problem);
        Assert.False(early.AnyChange);
    }

    [Fact]
    public void A_case_moves_into_a_period_by_whole_years_with_its_date_facts()
    {
        var c = new ComparisonCase(new DateOnly(2018, 5, 10), new Dictionary<string, JsonElement> { ["birthDate"] = J("2000-05-10"), ["note"] = J("2000-05-10") });
        var moved = CaseDates.MoveInto(c, new DateOnly(2027, 1, 1), null, new HashSet<string> { "birthDate" });
        Assert.Equal(new DateOnly(2027, 5, 10), moved.Case.DecisionDate);
        Assert.Equal(9, moved.Years);
        Assert.Equal("2009-05-10", moved.Case.Facts["birthDate"].GetString());
        Assert.Equal("2000-05-10", moved.Case.Facts["note"].GetString()); // not a date fact: untouched
        Assert.Equal(new DateOnly(2018, 5, 10), moved.OriginalDate);

        // Already inside: unchanged. A period too short for a whole-year move: to its first day, the facts by as many days.
        Assert.False(CaseDates.MoveInto(c, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), new HashSet<string>()).Moved);
        var shortPeriod = CaseDates.MoveInto(c, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), new HashSet<string> { "birthDate" });
        Assert.Equal(new DateOnly(2027, 1, 1), shortPeriod.Case.DecisionDate);
        Assert.Equal(0, shortPeriod.Years);
        Assert.Equal(new DateOnly(2027, 1, 1).DayNumber - new DateOnly(2018, 5, 10).DayNumber, shortPeriod.Days);
        Assert.Equal(new DateOnly(2000, 5, 10).AddDays(shortPeriod.Days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), shortPeriod.Case.Facts["birthDate"].GetString());

        // A case after a closed period moves back.
        var late = CaseDates.MoveInto(c with { DecisionDate = new DateOnly(2030, 3, 1) }, new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31), new HashSet<string>());
        Assert.Equal(new DateOnly(2022, 3, 1), late.Case.DecisionDate);
        Assert.Equal(-8, late.Years);
    }

    [Fact]
    public void Values_compare_as_the_engine_holds_them()
    {
        Assert.True(CaseDifference.Same(15m, 15.00m));
        Assert.False(CaseDifference.Same(15m, 16m));
        Assert.True(CaseDifference.Same(new List<object?> { "a", 1m }, new List<object?> { "a", 1.0m }));
        Assert.False(CaseDifference.Same("a", null));
        Assert.True(CaseDifference.Same(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1)));
    }
}
