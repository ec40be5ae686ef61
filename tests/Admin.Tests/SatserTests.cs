using System.Globalization;
using System.Text.Json;
using Serviceloven.Admin.Hosting;
using Serviceloven.Admin.Satser;
using Serviceloven.Admin.Publishing;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime.Evaluations;
using Serviceloven.Store.Audit;
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

    private static Dictionary<int, decimal> Pct(params (int Year, decimal Percent)[] p) => p.ToDictionary(x => x.Year, x => x.Percent);

    [Fact]
    public void Proposals_use_the_value_of_the_year_before_and_only_regulated_series()
    {
        var regulated = Series(new RoundingRule { Step = 1 }, ("2025-01-01", "2025-12-31", 1000m), ("2026-01-01", "2026-12-31", 1020m));
        var fixedInLaw = regulated with { Key = "fast", Regulation = Regulation.None };
        var lines = RegulationCalculator.Propose([(1, regulated), (2, fixedInLaw)], 2027, Pct((2027, 3m)));
        var line = Assert.Single(lines);
        Assert.Equal(1020m, line.OldValue);
        Assert.Equal(2026, line.OldYear);
        Assert.Equal(1051m, line.Proposed);
        Assert.Equal(1, line.BasedOn);
    }

    [Fact]
    public void A_series_is_regulated_from_its_latest_known_value_across_several_years_with_one_percentage_per_year()
    {
        // Only 2017 is known; 2020 is wanted: 2018 +2 %, 2019 +3 %, 2020 +1 %, rounded to whole kroner each year.
        var series = Series(new RoundingRule { Step = 1 }, ("2017-01-01", "2017-12-31", 1000m));
        var line = Assert.Single(RegulationCalculator.Propose([(7, series)], 2020, Pct((2018, 2m), (2019, 3m), (2020, 1m))));
        Assert.Equal(1000m, line.OldValue);
        Assert.Equal(2017, line.OldYear);
        Assert.Equal([(2018, 1020m), (2019, 1051m), (2020, 1062m)], line.Steps.Select(s => (s.Year, s.Value)));
        Assert.Equal(1062m, line.Proposed);
        Assert.True(line.Include);

        // Without the percentage of a year in between, nothing is proposed, and the missing year is named.
        var missing = Assert.Single(RegulationCalculator.Propose([(7, series)], 2020, Pct((2018, 2m), (2020, 1m))));
        Assert.Null(missing.Proposed);
        Assert.Equal([2019], missing.MissingPercents);
        Assert.False(missing.Include);

        Assert.Equal([2018, 2019, 2020], RegulationCalculator.YearsNeeded([series], 2020));
    }

    [Fact]
    public void A_series_with_an_open_draft_is_shown_but_not_included()
    {
        var series = Series(null, ("2026-01-01", "2026-12-31", 100m));
        var line = Assert.Single(RegulationCalculator.Propose([(1, series)], 2027, Pct((2027, 1m)), _ => "har en åben kladde"));
        Assert.Equal(101m, line.Proposed);
        Assert.False(line.Include);
        Assert.Equal("har en åben kladde", line.Blocked);
    }

    [Fact]
    public void Approving_all_reports_success_only_for_what_was_approved()
    {
        var refused = ApprovalResult.Refused("Du kan ikke godkende en sats, som du selv har oprettet, ændret eller indsendt.");
        var none = BulkApproval.Summarize([("a.b", refused)]);
        Assert.Null(none.Success);
        Assert.Equal(["a.b: Du kan ikke godkende en sats, som du selv har oprettet, ændret eller indsendt."], none.Refusals);

        var some = BulkApproval.Summarize([("a.b", refused), ("c.d", new ApprovalResult(true, [], ["c.d: ingen værdi 2020"]))]);
        Assert.Equal("1 sats(er) godkendt og offentliggjort. De øvrige blev afvist; se nedenfor. Advarsler: c.d: ingen værdi 2020", some.Success);
        Assert.Single(some.Refusals);
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
    public async Task A_value_for_a_later_year_is_accepted_without_the_years_before_and_an_evaluation_in_between_names_the_missing_value()
    {
        var erik = factory.User("erik", Roles.Editor, Roles.Approver);
        var frida = factory.User("frida", Roles.Approver);
        var satser = factory.Get<SatsService>();
        var series = factory.Get<PublishedRules>().Catalogs().SatsRevisions.Single(s => s.Series.Key == "sel-161.timebetalingMaks").Series;
        // 2014 is known, 2027 is the year needed; 2015-2026 stay without a value.
        var id = satser.CreateDraft(erik, RegulationCalculator.WithYearValue(series, 2027, 200m, "bek.", "test"), "test", submit: true);
        var result = satser.Approve(frida, id);
        Assert.True(result.Published, string.Join(" ", result.Reasons));
        Assert.Contains(result.Warnings, w => w.StartsWith("sel-161", StringComparison.Ordinal) && w.Contains("ingen værdi 1. januar 2015 - 31. december 2026"));
        Assert.Equal(200m, factory.Get<PublishedRules>().Catalogs().Satser.ValueOn("sel-161.timebetalingMaks", new DateOnly(2027, 3, 1))!.Value);

        // An evaluation in a year without a value fails with the sats and the date named (the API's 422).
        var outcome = await factory.Get<EvaluationService>().EvaluateAsync(new EvaluationRequest
        {
            Ruleset = "sel-161", DecisionDate = new DateOnly(2020, 8, 1),
            Facts = new() { ["hjaelpType"] = Json("\"p83Midlertidig\""), ["kommunenOpkraeverBetaling"] = Json("true"), ["indkomstgrundlag"] = Json("2701"), ["timer"] = Json("10") },
        }, CancellationToken.None);
        Assert.Equal(EvaluationFailureKind.EvaluationError, outcome.Failure?.Kind);
        Assert.Matches("Satsen 'sel-161\\.[A-Za-z0-9]+' har ingen værdi den 1\\. august 2020", outcome.Failure!.Detail);
    }

    private static JsonElement Json(string raw) => JsonDocument.Parse(raw).RootElement.Clone();

    [Fact]
    public void A_sent_back_sats_draft_is_edited_in_place_and_approved_only_by_someone_who_did_not_touch_it()
    {
        var erik = factory.User("erik", Roles.Editor, Roles.Approver);
        var frida = factory.User("frida", Roles.Approver);
        var gerda = factory.User("gerda", Roles.Editor, Roles.Approver);
        var satser = factory.Get<SatsService>();
        const string key = "sel-madservice.fuldForplejningMaks";
        var series = factory.Get<PublishedRules>().Catalogs().SatsRevisions.Single(s => s.Series.Key == key).Series;
        var id = satser.CreateDraft(erik, RegulationCalculator.WithYearValue(series, 2032, 4000m, "bek.", "første bud"), "test", submit: true);

        // A second draft of the same series is refused: the open one is edited instead.
        var second = Assert.Throws<Serviceloven.Store.Refusals.RefusedException>(() => satser.CreateDraft(erik, series, "test", submit: false));
        Assert.Contains($"nr. {id}", second.Message);

        satser.Reject(frida, id, "Beløbet skal være 4.100 kr.");
        var sentBack = satser.Open(key)!;
        Assert.Equal(id, sentBack.Row.Id);
        Assert.Equal(Serviceloven.Store.Versions.Status.Draft, sentBack.Row.Status);
        Assert.Equal("Beløbet skal være 4.100 kr.", sentBack.Row.ReviewComment);

        // Gerda corrects the amount in the same draft; a save from the older revision is a conflict, not a silent overwrite.
        var corrected = RegulationCalculator.WithYearValue(series, 2032, 4100m, "bek.", "rettet");
        var saved = satser.SaveDraft(gerda, id, sentBack.Row.Revision, corrected, submit: false);
        Assert.Equal(id, saved.Id);
        Assert.Equal("gerda", saved.UpdatedBy);
        Assert.Throws<Serviceloven.Store.Versions.ConcurrencyConflictException>(() => satser.SaveDraft(erik, id, sentBack.Row.Revision, series, submit: false));
        satser.Submit(erik, id);

        // Gerda changed it, so she may not approve it; Frida, who only sent it back, may.
        var own = satser.Approve(gerda, id);
        Assert.False(own.Published);
        Assert.Contains("ændret", own.Reasons[0]);
        var approved = satser.Approve(frida, id);
        Assert.True(approved.Published, string.Join(" ", approved.Reasons));
        Assert.Equal(4100m, factory.Get<PublishedRules>().Catalogs().Satser.ValueOn(key, new DateOnly(2032, 6, 1))!.Value);
        Assert.Null(satser.Open(key));
        Assert.Contains(factory.Get<AuditLog>().Query(new AuditFilter(Entity: "sats:" + key)), e => e.Action == "sats.save" && e.Actor == "gerda");
    }

    [Fact]
    public void A_sent_back_sats_draft_can_be_deleted_and_a_new_one_made()
    {
        var erik = factory.User("erik", Roles.Editor, Roles.Approver);
        var frida = factory.User("frida", Roles.Approver);
        var satser = factory.Get<SatsService>();
        const string key = "sel-161.indkomsttrin";
        var series = factory.Get<PublishedRules>().Catalogs().SatsRevisions.Single(s => s.Series.Key == key).Series;
        var id = satser.CreateDraft(erik, RegulationCalculator.WithYearValue(series, 2033, 9999m, "bek.", "fejl"), "test", submit: true);

        // One in review cannot be deleted; sent back, it can.
        Assert.Throws<Serviceloven.Store.Versions.ConcurrencyConflictException>(() => satser.DeleteDraft(erik, id, satser.Open(key)!.Row.Revision));
        satser.Reject(frida, id, "Forkert år.");
        satser.DeleteDraft(erik, id, satser.Open(key)!.Row.Revision);
        Assert.Null(satser.Open(key));
        Assert.Null(factory.Get<Serviceloven.Store.Satser.RevisionRepository>().GetSats(id));
        Assert.Contains(factory.Get<AuditLog>().Query(new AuditFilter(Entity: "sats:" + key)), e => e.Action == "sats.delete" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var again = satser.CreateDraft(erik, series, "ny", submit: false);
        Assert.NotEqual(id, again);
        satser.DeleteDraft(erik, again, satser.Open(key)!.Row.Revision);
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
