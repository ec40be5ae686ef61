using System.Globalization;
using System.Text.Json;
using Serviceloven.Admin.Hosting;
using Serviceloven.Admin.Satser;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Store.Users;

namespace Serviceloven.Admin.Tests;

public sealed class RegulationCalculatorTests
{
    private static SatsSeries Series(RoundingRule? rounding, params (string From, string? To, decimal Value)[] values) => new()
    {
        Key = "x.y", Label = "x", Unit = "kr.", Regulation = Regulation.Satsregulering, Rounding = rounding,
        Values = values.Select(v => new SatsValue { ValidFrom = DateOnly.Parse(v.From, CultureInfo.InvariantCulture), ValidTo = v.To is null ? null : DateOnly.Parse(v.To, CultureInfo.InvariantCulture), Value = v.Value, Source = "s" }).ToList(),
    };

    [Theory]
    [InlineData(866, 2.5, null, null, 887.65)]
    [InlineData(866, 2.5, RoundingMode.Nearest, 1, 888)]
    [InlineData(866, 2.5, RoundingMode.Down, 1, 887)]
    [InlineData(14467, 2.0, RoundingMode.Up, 100, 14800)]
    [InlineData(1000, -1.5, RoundingMode.Nearest, 5, 985)]
    public void New_value_is_old_times_one_plus_percent_rounded_by_the_series_rule(decimal old, decimal pct, RoundingMode? mode, int? step, decimal expected)
    {
        var rule = mode is { } m ? new RoundingRule { Mode = m, Step = step!.Value } : null;
        Assert.Equal(expected, RegulationCalculator.Regulate(old, pct, rule));
    }

    [Fact]
    public void Proposals_use_the_value_of_1_january_the_year_before_and_only_regulated_series()
    {
        var regulated = Series(new RoundingRule { Step = 1 }, ("2025-01-01", "2025-12-31", 1000m), ("2026-01-01", "2026-12-31", 1020m));
        var fixedInLaw = regulated with { Key = "fast", Regulation = Regulation.None };
        var lines = RegulationCalculator.Propose([(1, regulated), (2, fixedInLaw)], 2027, 3m);
        var line = Assert.Single(lines);
        Assert.Equal(1020m, line.OldValue);
        Assert.Equal(1051m, line.Proposed);
        Assert.Equal(1, line.BasedOn);

        var missing = Assert.Single(RegulationCalculator.Propose([(1, regulated)], 2029, 3m));
        Assert.Null(missing.OldValue);
        Assert.False(missing.Include);
    }

    [Fact]
    public void The_new_year_value_closes_an_open_value_and_replaces_one_from_the_same_date()
    {
        var series = Series(null, ("2025-01-01", null, 1000m), ("2027-01-01", null, 5m));
        var result = RegulationCalculator.WithYearValue(series, 2027, 1030m, "bek.", "note");
        Assert.Equal(2, result.Values.Count);
        Assert.Equal(new DateOnly(2026, 12, 31), result.Values[0].ValidTo);
        Assert.Equal(1030m, result.Values[1].Value);
        Assert.Equal(new DateOnly(2027, 12, 31), result.Values[1].ValidTo);
    }

    [Fact]
    public void Overlapping_or_unsourced_values_are_reported()
    {
        var bad = Series(null, ("2025-01-01", "2025-12-31", 1m), ("2025-06-01", null, 2m)) with { };
        Assert.Contains(SatsService.Problems(bad), p => p.Contains("overlapper"));
        var unsourced = bad with { Values = [new SatsValue { ValidFrom = new DateOnly(2025, 1, 1), Value = 1, Source = " " }] };
        Assert.Contains(SatsService.Problems(unsourced), p => p.Contains("kilde"));
    }
}

[Collection(ServerCollection.Name)]
public sealed class SatsApprovalTests(AdminServerFactory factory)
{
    [Fact]
    public void Approval_refuses_a_sats_that_leaves_a_gap_in_a_published_versions_period()
    {
        var erik = factory.User("erik", Roles.Editor, Roles.Approver);
        var frida = factory.User("frida", Roles.Approver);
        var satser = factory.Get<SatsService>();
        var series = factory.Get<PublishedRules>().Catalogs().SatsRevisions.Single(s => s.Series.Key == "sel-161.timebetalingMaks").Series;
        // 2014 is entered, 2016 is added, 2015 is forgotten: sel-161 is in force in 2015, so this is refused.
        var id = satser.CreateDraft(erik, RegulationCalculator.WithYearValue(series, 2016, 200m, "bek.", "test"), "test", submit: true);
        var result = satser.Approve(frida, id);
        Assert.False(result.Published);
        Assert.Contains(result.Reasons, r => r.StartsWith("sel-161", StringComparison.Ordinal) && r.Contains("hul"));
        Assert.Equal(Serviceloven.Store.Versions.Status.InReview, factory.Get<Serviceloven.Store.Satser.RevisionRepository>().GetSats(id)!.Status);
    }

    [Fact]
    public void A_regulated_sats_is_approved_by_someone_else_and_published_at_once()
    {
        var erik = factory.User("erik", Roles.Editor, Roles.Approver);
        var frida = factory.User("frida", Roles.Approver);
        var satser = factory.Get<SatsService>();
        // A regulated series no version uses yet, so the shared test server's rulesets are unaffected.
        var series = factory.Get<PublishedRules>().Catalogs().SatsRevisions.Single(s => s.Series.Key == "sel-118.maanedsloen").Series;
        var id = satser.CreateDraft(erik, RegulationCalculator.WithYearValue(series, 2031, 900m, "Satsreguleringsprocent for 2031", "test"), "test", submit: true);

        Assert.False(satser.Approve(erik, id).Published);
        var result = satser.Approve(frida, id);
        Assert.True(result.Published, string.Join(" ", result.Reasons));

        var published = factory.Get<PublishedRules>().Catalogs().Satser.ValueOn("sel-118.maanedsloen", new DateOnly(2031, 5, 1));
        Assert.Equal(900m, published!.Value);
    }
}
