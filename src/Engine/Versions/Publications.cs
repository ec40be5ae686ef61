namespace Serviceloven.Engine.Versions;

/// <summary>
/// Which publication counts when several share a key: the latest published, and of two published in the same instant
/// the later row (the higher id). One rule for a ruleset's versions per validFrom (a correction replaces the version
/// of its date) and for revisions per key (a sats series, a lookup table, a shared template).
/// </summary>
public static class Publications
{
    /// <summary>
    /// The latest publication of each key among those published at <paramref name="asOf"/> (null: all), in the order
    /// the keys first occur. An item without a publication time (a draft under test) counts as published before any other.
    /// </summary>
    public static List<T> LatestPerKey<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, Func<T, DateTimeOffset?> publishedAt,
        Func<T, long> id, DateTimeOffset? asOf = null) where TKey : notnull =>
        items.Where(i => asOf is null || publishedAt(i) is not { } at || at <= asOf)
            .GroupBy(key)
            .Select(g => Latest(g, publishedAt, id))
            .ToList();

    /// <summary>The latest publication of all: by publication time, then id; of two alike, the later in the sequence.</summary>
    public static T Latest<T>(IEnumerable<T> items, Func<T, DateTimeOffset?> publishedAt, Func<T, long> id) =>
        items.Aggregate((latest, next) => Order(next, publishedAt, id).CompareTo(Order(latest, publishedAt, id)) >= 0 ? next : latest);

    private static (DateTimeOffset, long) Order<T>(T item, Func<T, DateTimeOffset?> publishedAt, Func<T, long> id) =>
        (publishedAt(item) ?? DateTimeOffset.MinValue, id(item));
}
