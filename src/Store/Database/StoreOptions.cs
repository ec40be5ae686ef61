namespace Serviceloven.Store.Database;

/// <summary>Bound from the "Store" configuration section.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Path of the SQLite database file; the default lies in a local data/ folder that git ignores.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "serviceloven.db");

    /// <summary>How long a writer waits for another writer before giving up, in milliseconds.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>How long a starting process waits for another one's migrations and first import, in seconds.</summary>
    public int StartupLockTimeoutSeconds { get; set; } = 120;
}
