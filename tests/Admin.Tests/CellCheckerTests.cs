using Serviceloven.Admin.Drafts;

namespace Serviceloven.Admin.Tests;

public sealed class CellCheckerTests
{
    private static (EditableVersion Version, CellChecker Checker) Sel97()
    {
        var version = EditableVersion.From(DiffTests.Sel97());
        return (version, new CellChecker(version, ["sel-97.aarligtBeloeb"], ["folkepensionsalder"]));
    }

    [Fact]
    public void The_published_version_has_no_cell_problems() => Assert.Empty(Sel97().Checker.AllProblems());

    [Theory]
    [InlineData("tru", "tru")]
    [InlineData("< ", "slutter")]
    [InlineData("x.GetType()", "")]
    public void An_invalid_input_cell_gets_the_engines_message_and_position(string cell, string expected)
    {
        var (version, checker) = Sel97();
        var eligibility = version.Tables.Single(t => t.Id == "eligibility");
        var problem = checker.CheckInput(eligibility, 0, cell);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem.Message);
        Assert.InRange(problem.Position, 0, cell.Length);
    }

    [Fact]
    public void Output_cells_are_checked_against_the_output_type_and_values()
    {
        var (version, checker) = Sel97();
        var eligibility = version.Tables.Single(t => t.Id == "eligibility");
        Assert.Null(checker.CheckOutput(eligibility, 0, "\"bevilget\""));
        Assert.Contains("tilladte", checker.CheckOutput(eligibility, 0, "\"maaske\"")!.Message);
        Assert.NotNull(checker.CheckOutput(eligibility, 1, "\"femten\""));
        Assert.Null(checker.CheckOutput(eligibility, 1, "15"));
    }

    [Fact]
    public void A_table_may_read_another_tables_output_but_not_one_that_reads_its_own()
    {
        var (version, checker) = Sel97();
        var start = version.Tables.Single(t => t.Id == "start");
        Assert.Null(checker.CheckInput(start, 0, "\"bevilget\""));
        // retention gives what eligibility reads; retention reading eligibility's outcome makes a ring.
        var retention = version.Tables.Single(t => t.Id == "retention");
        retention.Rows[0].Then[0] = "outcome = \"bevilget\"";
        var ring = checker.CheckOutput(retention, 0, retention.Rows[0].Then[0]);
        Assert.NotNull(ring);
        Assert.Contains("bruger hinanden i ring", ring.Message);
        Assert.Contains("retention", ring.Message);
        Assert.Contains("eligibility", ring.Message);
    }

    [Fact]
    public void A_list_function_in_a_cell_is_checked_as_it_is_typed_with_the_error_at_the_place()
    {
        var (version, checker) = Sel97();
        var ledger = version.Tables.Single(t => t.Id == "ledger");
        Assert.Null(checker.CheckOutput(ledger, 0, "sum(opsparing.timer hvor alderIMaaneder >= 1)"));
        var typo = checker.CheckOutput(ledger, 0, "sum(opsparing.timre hvor alderIMaaneder >= 1)");
        Assert.NotNull(typo);
        Assert.Equal(14, typo.Position);
        Assert.Contains("'opsparing' har intet felt 'timre'", typo.Message);
        var noCondition = checker.CheckOutput(ledger, 0, "sum(opsparing.timer hvor)");
        Assert.Contains("'hvor' skal følges af en betingelse", noCondition!.Message);
        Assert.Equal(20, noCondition.Position);
    }

    [Fact]
    public void Rows_are_added_with_catalogue_ids_moved_and_deleted()
    {
        var (version, _) = Sel97();
        var activity = version.Tables.Single(t => t.Id == "activity");
        var first = activity.Rows[0].Id;
        var row = activity.AddRow(0);
        Assert.Equal(row, activity.Rows[1]);
        Assert.StartsWith("R97-", row.Id);
        Assert.All(row.When, c => Assert.Equal("-", c));
        activity.MoveRow(1, -1);
        Assert.Equal(row, activity.Rows[0]);
        activity.MoveRow(0, -1);
        Assert.Equal(row, activity.Rows[0]);
        activity.DeleteRow(0);
        Assert.Equal(first, activity.Rows[0].Id);
    }
}
