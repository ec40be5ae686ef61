using Serviceloven.Engine.Versions;

namespace Serviceloven.Engine.Tests.Versions;

/// <summary>
/// The one rule for which publication counts (versions per validFrom, revisions per key): the latest published, and of
/// two published in the same instant the higher id.
/// </summary>
public class PublicationsTests
{
    private sealed record Row(long Id, string Key, DateTimeOffset? PublishedAt);

    private static readonly DateTimeOffset January = new(2024, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2024, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static List<Row> Latest(IEnumerable<Row> rows, DateTimeOffset? asOf = null) =>
        Publications.LatestPerKey(rows, r => r.Key, r => r.PublishedAt, r => r.Id, asOf);

    [Fact]
    public void The_latest_publication_of_each_key_counts_whatever_order_the_rows_come_in()
    {
        Row[] rows = [new(7, "a", March), new(3, "a", January), new(4, "b", January)];
        Assert.Equal([7L, 4L], Latest(rows).Select(r => r.Id));
        // The keys come in the order they first occur.
        Assert.Equal([4L, 7L], Latest(rows.Reverse()).Select(r => r.Id));
    }

    [Fact]
    public void Of_two_published_in_the_same_instant_the_higher_id_counts()
    {
        Row[] rows = [new(9, "a", March), new(8, "a", March)];
        Assert.Equal(9, Assert.Single(Latest(rows)).Id);
        Assert.Equal(9, Assert.Single(Latest(rows.Reverse())).Id);
        Assert.Equal(9, Publications.Latest(rows.Reverse(), r => r.PublishedAt, r => r.Id).Id);
    }

    [Fact]
    public void AsOf_leaves_out_what_was_published_later_but_keeps_what_has_no_publication_time()
    {
        Row[] rows = [new(1, "a", January), new(2, "a", March), new(3, "draft", null)];
        Assert.Equal([1L, 3L], Latest(rows, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero)).Select(r => r.Id));
        Assert.Equal([2L, 3L], Latest(rows, March).Select(r => r.Id));
    }

    [Fact]
    public void A_version_timeline_follows_the_same_rule_per_validFrom()
    {
        var from = new DateOnly(2023, 10, 1);
        VersionCandidate<string>[] candidates =
        [
            new(from, null, March, "rettelse", Id: 12),
            new(from, null, March, "original", Id: 11),
        ];
        Assert.Equal("rettelse", Assert.Single(VersionResolver.Timeline(candidates, null)).Item);
    }
}
