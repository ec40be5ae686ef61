using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Satser;

public sealed class LookupMissingException(string message) : Exception(message);

/// <summary>Lookup tables keyed by date intervals (folkepensionsalder by birth date), by edition.</summary>
public sealed class LookupCatalog(IEnumerable<LookupTable> tables)
{
    private readonly Dictionary<string, LookupTable> _tables = tables.ToDictionary(t => t.Key, StringComparer.Ordinal);

    public static LookupCatalog Empty { get; } = new([]);
    public IEnumerable<LookupTable> Tables => _tables.Values;
    public IEnumerable<string> Keys => _tables.Keys;
    public LookupTable? Get(string key) => _tables.GetValueOrDefault(key);

    public LookupEdition? EditionOn(string key, DateOnly on) =>
        _tables.TryGetValue(key, out var t)
            ? t.Editions.Where(e => e.ValidFrom <= on).MaxBy(e => e.ValidFrom)
            : null;

    /// <summary>The value for <paramref name="key"/> in the edition in force on <paramref name="on"/>.</summary>
    public (decimal Value, LookupEdition Edition) Find(string table, DateOnly key, DateOnly on)
    {
        var edition = EditionOn(table, on)
            ?? throw new LookupMissingException($"Opslagstabellen '{table}' har ingen udgave gældende den {DanishFormat.Date(on)}.");
        foreach (var row in edition.Rows)
        {
            if ((row.From is null || row.From <= key) && (row.To is null || key <= row.To))
                return (row.Value, edition);
        }
        throw new LookupMissingException($"Opslagstabellen '{table}' har ingen række for {DanishFormat.Date(key)}.");
    }
}
