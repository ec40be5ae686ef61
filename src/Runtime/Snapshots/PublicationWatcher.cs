using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serviceloven.Store.Database;

namespace Serviceloven.Runtime.Snapshots;

/// <summary>
/// Keeps this node's snapshot as current as the database: a publication on any node is live here within moments.
/// On PostgreSQL it listens for the NOTIFY each publication sends; on every provider it also compares the latest
/// publication id every Store:PublicationCheckMs, which finds a lost notification, one sent while the listening
/// connection was down, and on SQLite a publication by another process. The evaluation path never waits for this.
/// </summary>
public sealed class PublicationWatcher(StoreDatabase database, SnapshotBuilder builder, Letters.LetterheadCatalog letterheads,
    IOptions<StoreOptions> options, ILogger<PublicationWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(100, options.Value.PublicationCheckMs));
        var listening = Task.Run(() => database.ListenForPublicationsAsync(_ => _signal.Release(),
            ex => logger.LogWarning("Forbindelsen, der lytter efter offentliggørelser, er afbrudt ({Error}); den genåbnes, og imens kontrolleres hvert {Ms}. ms.",
                ex.Message, (int)interval.TotalMilliseconds), stoppingToken), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            while (_signal.CurrentCount > 0) _signal.Wait(0, CancellationToken.None);
            try
            {
                if (builder.RefreshIfBehind() is { } snapshot)
                    logger.LogInformation("Ny offentliggørelse i databasen: noden bruger nu offentliggørelse {PublicationId}.", snapshot.PublicationId);
                // A letterhead saved on another node: its letters carry it from here on too.
                if (letterheads.RefreshIfBehind())
                    logger.LogInformation("Et brevhoved er gemt i databasen; noden bruger nu den nye udgave.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the node keeps serving the snapshot it has and tries again.
                logger.LogWarning("Kunne ikke kontrollere offentliggørelser i databasen {Location}: {Error}", database.Location, ex.Message);
            }
        }
        try
        {
            await listening;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
