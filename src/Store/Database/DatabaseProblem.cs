using Microsoft.Data.Sqlite;
using Npgsql;

namespace Serviceloven.Store.Database;

public enum DatabaseProblemKind
{
    /// <summary>The file is not a SQLite database, or is cut short or overwritten.</summary>
    Damaged,
    /// <summary>The process may not create or write the database file or its folder.</summary>
    NotWritable,
    /// <summary>Another process kept the start-up lock longer than allowed.</summary>
    Busy,
    /// <summary>The PostgreSQL server does not answer, refuses the login, lacks the database, or is too old.</summary>
    Unavailable,
}

/// <summary>A database the server cannot start on, with a message for the operator: which file, what is wrong, what to do.</summary>
public sealed class DatabaseProblemException(DatabaseProblemKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public DatabaseProblemKind Kind { get; } = kind;

    /// <summary>
    /// What SQLite or the file system threw, as an operator's message; null when the exception is not about the
    /// database file (then it is a bug and keeps its stack trace).
    /// </summary>
    public static DatabaseProblemException? Explain(Exception exception, string databasePath)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case DatabaseProblemException problem:
                    return problem;
                case SqliteException sqlite:
                    return (sqlite.SqliteErrorCode & 0xFF) switch
                    {
                        26 => Damaged(databasePath, "er ikke en SQLite-database (eller er beskadiget, så den ikke kan genkendes)", sqlite.Message, sqlite),
                        11 => Damaged(databasePath, "er beskadiget (afkortet eller delvist overskrevet)", sqlite.Message, sqlite),
                        3 or 8 or 14 or 23 => NotWritable(databasePath, sqlite.Message, sqlite),
                        10 or 13 => NotWritable(databasePath, "diskfejl eller fuld disk: " + sqlite.Message, sqlite),
                        _ => null,
                    };
                // Connection-level refusals only; any other PostgreSQL error is a bug and keeps its stack trace.
                case PostgresException postgres when postgres.SqlState is "28P01" or "28000" or "3D000" or "57P03" or "53300":
                    return Unavailable(databasePath, postgres.MessageText, postgres);
                case NpgsqlException npgsql when npgsql is not PostgresException:
                    return Unavailable(databasePath, npgsql.Message, npgsql);
                case UnauthorizedAccessException denied:
                    return NotWritable(databasePath, denied.Message, denied);
                // Read-only file system (EROFS) and no space left (ENOSPC), as .NET reports them on Linux.
                case IOException io when io.HResult is 30 or 28:
                    return NotWritable(databasePath, io.Message, io);
            }
        }
        return null;
    }

    public static DatabaseProblemException Damaged(string databasePath, string what, string detail, Exception? inner = null) =>
        new(DatabaseProblemKind.Damaged,
            $"Databasefilen {databasePath} {what}; serveren starter ikke på den. " +
            "Gør sådan: stop alle processer, der bruger filen, og gendan den fra en sikkerhedskopi; eller flyt den " +
            $"(og {Path.GetFileName(databasePath)}-wal og -shm, hvis de findes) væk, så opretter serveren en ny database ved næste start " +
            "og importerer rules/ (kladder, brugere, API-nøgler og revisionsspor i den gamle fil kommer ikke med). " +
            $"SQLite siger: {detail}",
            inner);

    public static DatabaseProblemException Unavailable(string location, string detail, Exception? inner = null) =>
        new(DatabaseProblemKind.Unavailable,
            $"Serveren kan ikke bruge PostgreSQL-databasen {location} ({detail.TrimEnd('.')}); den starter ikke. " +
            "Gør sådan: se, at PostgreSQL kører og kan nås fra denne maskine, at databasen findes, og at brugernavn og adgangskode " +
            $"i ConnectionStrings:{StoreOptions.ConnectionStringName} (miljøvariablen ConnectionStrings__{StoreOptions.ConnectionStringName}) er rigtige.",
            inner);

    public static DatabaseProblemException NotWritable(string databasePath, string detail, Exception? inner = null)
    {
        var folder = Path.GetDirectoryName(databasePath);
        return new(DatabaseProblemKind.NotWritable,
            $"Serveren kan ikke skrive databasen {databasePath} i mappen {folder} som brugeren '{Environment.UserName}' ({detail.TrimEnd('.')}). " +
            $"Gør sådan: giv brugeren '{Environment.UserName}' skriveadgang til mappen og filerne i den (fx chown eller chmod), " +
            "eller sæt Store:DatabasePath (miljøvariablen Store__DatabasePath) til en fil i en mappe, brugeren kan skrive i.",
            inner);
    }
}
