namespace Serviceloven.Store.Database;

/// <summary>Bound from the "Store" configuration section (and ConnectionStrings:Serviceloven for PostgreSQL).</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";
    public const string ConnectionStringName = "Serviceloven";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>"sqlite" (the default: one file, one machine) or "postgres" (one database shared by several nodes).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Path of the SQLite database file; the default lies in a local data/ folder that git ignores.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "serviceloven.db");

    /// <summary>The PostgreSQL connection string (Npgsql's form), from ConnectionStrings:Serviceloven.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for another writer before giving up, in milliseconds.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>How long a starting process waits for another one's migrations and first import, in seconds.</summary>
    public int StartupLockTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// How often each node compares the latest publication id in the database with its snapshot's, in milliseconds:
    /// the fallback when a notification is lost, and the only way other processes learn of a publication on SQLite.
    /// </summary>
    public int PublicationCheckMs { get; set; } = 1000;

    public bool IsPostgres => Normalize(Provider) == Postgres;

    /// <summary>"PostgreSQL", "postgresql", " sqlite " and the like, as the two names the store knows.</summary>
    public static string Normalize(string? provider) => (provider ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "sqlite" => Sqlite,
        "postgres" or "postgresql" or "npgsql" => Postgres,
        var other => other,
    };
}
