namespace Serviceloven.Server.Cli;

/// <summary>The process's exit codes, for the server and the command-line verbs alike (README, "Security and operations").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>test or validate found failures.</summary>
    public const int Failures = 1;
    /// <summary>A rules file, folder or argument is wrong.</summary>
    public const int BadInput = 2;
    /// <summary>An applied migration file has changed.</summary>
    public const int MigrationChanged = 3;
    /// <summary>The database file is not a SQLite database, or is cut short or overwritten.</summary>
    public const int DatabaseDamaged = 4;
    /// <summary>The process may not create or write the database file or its folder (or the disk is full).</summary>
    public const int DatabaseNotWritable = 5;
    /// <summary>Another process held the start-up lock longer than Store:StartupLockTimeoutSeconds.</summary>
    public const int DatabaseBusy = 6;
    /// <summary>The PostgreSQL server does not answer, refuses the login, lacks the database, or is too old.</summary>
    public const int DatabaseUnavailable = 7;
    /// <summary>A setting in the configuration (appsettings, environment) is not valid.</summary>
    public const int ConfigurationInvalid = 8;

    /// <summary>
    /// The operator's message and exit code for a failed start; null for anything else (a bug: it keeps its stack trace).
    /// <paramref name="databasePath"/> is asked only for a database problem (it reads the store's options).
    /// </summary>
    public static (int Code, string Message)? ForStartup(Exception exception, Func<string> databasePath)
    {
        if (Hosting.ConfigurationCheck.Failures(exception) is { } failures)
            return (ConfigurationInvalid, "Konfigurationen er ikke gyldig, og serveren starter ikke:" + string.Concat(failures.Select(f => Environment.NewLine + "  " + f)));
        if (exception is Store.Migrations.MigrationChangedException changed)
            return (MigrationChanged, changed.Message);
        if (Store.Database.DatabaseProblemException.Explain(exception, databasePath()) is not { } problem)
            return null;
        return (problem.Kind switch
        {
            Store.Database.DatabaseProblemKind.Damaged => DatabaseDamaged,
            Store.Database.DatabaseProblemKind.NotWritable => DatabaseNotWritable,
            Store.Database.DatabaseProblemKind.Unavailable => DatabaseUnavailable,
            _ => DatabaseBusy,
        }, problem.Message);
    }
}
