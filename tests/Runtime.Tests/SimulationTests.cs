using System.Text;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime.Comparison;
using Serviceloven.Runtime.Simulation;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Runtime.Tests;

/// <summary>A caseload on two sides: the reader (CSV and JSON Lines, Danish values, CPR refusal, row errors) and the aggregate report, hand-counted.</summary>
public sealed class SimulationTests(PublishedRulesFixture rules) : IClassFixture<PublishedRulesFixture>
{
    // Headers mix fact names and Danish labels, as a municipality's export would; semicolons and Danish values.
    private const string Header = "afgørelsesdato;Fødselsdato;hasBpaOrHelpSchemeSection96;hasDeafblindContactPersonSection98;Årsag til den nedsatte funktionsevne;"
        + "cannotGetAroundAloneOutsideHome;impairmentSignificantAndPermanent;canRequestIndividualEscortWithoutSocialPedagogicalContent;"
        + "canExpressWishToParticipate;awareOfActivityContent;canTakePartInActivityWithoutEscortHelp;needsSocialPedagogicalSupport;"
        + "existingEquivalentIndividualEscortHoursPerMonth;sagsnr";

    private static string Row(string decisionDate, string birthDate, string cause = "physical", string hours = "0", string caseNo = "x") =>
        $"{decisionDate};{birthDate};nej;nej;{cause};ja;ja;ja;ja;ja;ja;none;{hours};{caseNo}";

    /// <summary>sel-97 with R97-04's age limit raised from 18 to 19, in place of the published version of its date.</summary>
    private SimulationSide RaisedAgeLimit()
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
        var side = SimulationSides.WithDraft(snapshot, new CompiledVersions(), "sel-97", content, asOf: null);
        return new SimulationSide(side, null, "Kladde: aldersgrænse 19");
    }

    private SimulationSide Published() => new(SimulationSides.Published(rules.Holder.Current, "sel-97", asOf: null), null, "Offentliggjort");

    /// <summary>A synthetic caseload drawn from the ruleset's published facts and its shipped test cases.</summary>
    internal string Generated(string rulesetId, int count, DateOnly decisionDate, int seed = 7) =>
        CaseloadGenerator.Csv(rules.Holder.Current.Timeline(rulesetId)[^1].Item.Compiled.Content.Facts, Examples(rulesetId), count, seed, decisionDate);

    internal static List<TestCase> Examples(string rulesetId) =>
        Directory.GetFiles(Path.Combine(PublishedRulesFixture.RepositoryRoot, "rules", rulesetId, "tests"), "*.json")
            .SelectMany(f => Serviceloven.Engine.Serialization.RulesJson.Deserialize<TestSuite>(File.ReadAllText(f)).Cases).ToList();

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    [Fact]
    public async Task A_small_caseload_gives_the_hand_counted_change_matrix_totals_and_row_errors()
    {
        var file = Csv(Header,
            Row("10-05-2018", "10.05.2000"),                 // row 2: 18 on the day: granted, refused with the limit at 19
            Row("2018-06-01", "1988-01-01"),                 // row 3: 30: granted on both
            Row("2018-06-01", "1988-01-01", cause: "ukendt"), // row 4: unknown enum value
            Row("31-02-2018", "1988-01-01"),                 // row 5: no such day
            Row("2018-06-01", "1990-03-03", hours: "15,5"),  // row 6: already has more hours than 15: refused on both
            Row("15-08-2018", "2000-03-01"));                // row 7: 18: granted, refused with the limit at 19

        var report = await CaseloadSimulator.RunAsync(file, CaseloadFormat.Csv, "sel-97", Published(), RaisedAgeLimit(), new SimulationOptions { Workers = 2, BatchSize = 2 });

        Assert.Equal(4, report.Cases);
        Assert.Equal(2, report.UnboundRows);
        Assert.Collection(report.RowErrors,
            e => { Assert.Equal(4, e.Row); Assert.Equal("Årsag til den nedsatte funktionsevne", e.Field); Assert.Contains("ukendt", e.Message); },
            e => { Assert.Equal(5, e.Row); Assert.Equal("afgørelsesdato", e.Field); });
        Assert.Equal(["sagsnr"], report.IgnoredColumns);
        Assert.Equal(2, report.TransitionCount("bevilget", "afslag"));
        Assert.Equal(1, report.TransitionCount("bevilget", "bevilget"));
        Assert.Equal(1, report.TransitionCount("afslag", "afslag"));
        Assert.Equal(3, report.A.Outcomes["bevilget"]);
        Assert.Equal(3, report.B.Outcomes["afslag"]);
        Assert.Equal(2, report.OutcomeChanged);
        var hours = report.Amounts.Single(a => a.Output == "hoursPerMonth");
        Assert.Equal(45m, hours.TotalA);
        Assert.Equal(15m, hours.TotalB);
        Assert.Equal(-30m, hours.TotalDifference);
        Assert.Equal(2, hours.Decreased);
        Assert.Equal(0, hours.Increased);
        Assert.Equal(2, hours.Histogram.Sum(b => b.Count));
        Assert.Equal([2L, 7L], report.ChangedCases.Select(c => c.Row));
        Assert.Equal(15m, report.ChangedCases[0].A.Amounts["hoursPerMonth"]);
        Assert.Equal("afslag", report.ChangedCases[0].B.Outcome);
        Assert.Contains(report.RowChanges, r => r.From == "R97-11" && r.To.Contains("R97-04") && r.Count == 2);
    }

    [Fact]
    public async Task Json_lines_take_the_facts_of_an_evaluation_request_and_the_same_report_comes_out()
    {
        var lines = string.Join("\n",
            """{"decisionDate":"2018-05-10","facts":{"birthDate":"2000-05-10","hasBpaOrHelpSchemeSection96":false,"hasDeafblindContactPersonSection98":false,"impairmentCause":"physical","cannotGetAroundAloneOutsideHome":true,"impairmentSignificantAndPermanent":true,"canRequestIndividualEscortWithoutSocialPedagogicalContent":true,"canExpressWishToParticipate":true,"awareOfActivityContent":true,"canTakePartInActivityWithoutEscortHelp":true,"needsSocialPedagogicalSupport":"none","existingEquivalentIndividualEscortHoursPerMonth":0},"notes":{"x":"y"}}""",
            """{"decisionDate":"2018-05-10","facts":{"birthDate":"10-05-2000","impairmentCause":"fysisk?"}}""",
            """not json""");
        var report = await CaseloadSimulator.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines)), CaseloadFormat.JsonLines, "sel-97", Published(), RaisedAgeLimit());

        Assert.Equal(1, report.Cases);
        Assert.Equal(1, report.TransitionCount("bevilget", "afslag"));
        Assert.Equal(2, report.UnboundRows);
        Assert.Equal((2L, "facts.impairmentCause"), (report.RowErrors[0].Row, report.RowErrors[0].Field));
        Assert.Equal(3, report.RowErrors[1].Row);
    }

    [Theory]
    [InlineData("010190-1234")]
    [InlineData("0101901234")]
    public async Task A_column_of_cpr_numbers_is_refused_with_the_column_named(string cpr)
    {
        var file = Csv(Header.Replace("sagsnr", "id", StringComparison.Ordinal), Row("2018-06-01", "1988-01-01", caseNo: "17"), Row("2018-06-01", "1988-01-01", caseNo: cpr));
        var ex = await Assert.ThrowsAsync<CaseloadRefusedException>(() =>
            CaseloadSimulator.RunAsync(file, CaseloadFormat.Csv, "sel-97", Published(), RaisedAgeLimit()));
        Assert.Equal("id", ex.Field);
        Assert.Contains("CPR", ex.Message);
    }

    [Fact]
    public async Task A_file_without_any_fact_column_is_refused_and_a_cpr_header_too()
    {
        var none = await Assert.ThrowsAsync<CaseloadRefusedException>(() =>
            CaseloadSimulator.RunAsync(Csv("a;b", "1;2"), CaseloadFormat.Csv, "sel-97", Published(), RaisedAgeLimit()));
        Assert.Equal("header", none.Field);
        var header = await Assert.ThrowsAsync<CaseloadRefusedException>(() =>
            CaseloadSimulator.RunAsync(Csv("CPR;birthDate", ";2000-01-01"), CaseloadFormat.Csv, "sel-97", Published(), RaisedAgeLimit()));
        Assert.Equal("CPR", header.Field);
    }

    [Fact]
    public async Task Cancel_stops_the_simulation_with_what_was_counted_so_far()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SimulationProgress();
        var file = new MemoryStream(Encoding.UTF8.GetBytes(Generated("sel-97", 60_000, new DateOnly(2018, 6, 1))));
        var run = CaseloadSimulator.RunAsync(file, CaseloadFormat.Csv, "sel-97", Published(), RaisedAgeLimit(), progress: progress, cancellationToken: cts.Token);
        while (progress.Done < 1000) await Task.Delay(5);
        await cts.CancelAsync();
        var report = await run;
        Assert.True(report.Cancelled);
        Assert.InRange(report.Cases, 1000, 59_999);
    }

    [Theory]
    [InlineData("1.234,50", 1234.50)]
    [InlineData("1234,5", 1234.5)]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1 234,50", 1234.50)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("-12,75", -12.75)]
    public void Numbers_take_decimal_commas_and_points(string text, double expected)
    {
        Assert.True(CaseloadValues.TryDecimal(text, out var d));
        Assert.Equal((decimal)expected, d);
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("12kr")]
    public void What_is_no_number_is_refused(string text) => Assert.False(CaseloadValues.TryDecimal(text, out _));

    [Theory]
    [InlineData("2027-01-01")]
    [InlineData("01-01-2027")]
    [InlineData("1.1.2027")]
    [InlineData("01/01/2027")]
    public void Danish_and_iso_dates_are_read(string text)
    {
        Assert.True(CaseloadValues.TryDate(text, out var d));
        Assert.Equal(new DateOnly(2027, 1, 1), d);
    }

    [Theory]
    [InlineData("010190-1234", true)]
    [InlineData("3112991234", true)]
    [InlineData("1234567890", false)] // no day 12 of month 34
    [InlineData("010190-12345", false)]
    [InlineData("15000", false)]
    public void Cpr_numbers_are_recognised(string text, bool cpr) => Assert.Equal(cpr, CaseloadValues.LooksLikeCpr(text));

    [Fact]
    public void The_histogram_stays_bounded_and_counts_every_case()
    {
        var h = new DifferenceHistogram();
        for (var i = 1; i <= 100_000; i++) h.Add(i * 0.37m - 18_000m);
        h.Add(0);
        Assert.Equal(1, h.Zero);
        Assert.Equal(100_000, h.NonZero);
        Assert.Equal(100_000, h.Bins().Sum(b => b.Count));
        Assert.True(h.Width >= 10m);
        var other = new DifferenceHistogram();
        other.Add(5m);
        h.Merge(other);
        Assert.Equal(100_001, h.Bins().Sum(b => b.Count));
    }

    [Fact]
    public async Task The_charts_are_svg_with_the_outcomes_and_the_amount_named()
    {
        var file = Csv(Header, Row("10-05-2018", "10.05.2000"), Row("2018-06-01", "1988-01-01"));
        var report = await CaseloadSimulator.RunAsync(file, CaseloadFormat.Csv, "sel-97", Published(), RaisedAgeLimit());
        var matrix = SimulationCharts.ChangeMatrix(report);
        Assert.Contains("<svg", matrix);
        Assert.Contains("bevilget", matrix);
        Assert.Contains("afslag", matrix);
        var histogram = SimulationCharts.Histogram(report.Amounts.Single(a => a.Output == "hoursPerMonth"));
        Assert.Contains("hoursPerMonth", histogram);
    }
}
