using Dapper;
using Serviceloven.Store.Database;

namespace Serviceloven.Store.Keys;

/// <summary>
/// The admin's Data Protection key ring as rows (table data_protection_keys), shared by every node of one database.
/// Data Protection writes each key and revocation once under a unique name and never changes it.
/// </summary>
public sealed class DataProtectionKeyRepository(StoreDatabase database, TimeProvider time)
{
    public IReadOnlyList<string> All()
    {
        using var c = database.Open();
        return c.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").ToList();
    }

    /// <summary>Stores an element; one already stored under the name (written by another node) is kept as it is.</summary>
    public void Store(string friendlyName, string xml)
    {
        using var c = database.Open();
        c.Execute("""
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @at)
            ON CONFLICT (friendly_name) DO NOTHING
            """, new { friendlyName, xml, at = TypeHandlers.Instant(time.GetUtcNow()) });
    }
}
