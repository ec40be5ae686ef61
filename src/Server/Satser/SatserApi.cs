using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serviceloven.Engine.Model;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Evaluations;

namespace Serviceloven.Server.Satser;

public sealed record SatsOnDate(string Key, string Label, string Unit, string? PriceLevel, decimal? Value, DateOnly? ValidFrom, DateOnly? ValidTo, string? Source);

public static class SatserApi
{
    public static RouteGroupBuilder MapSatser(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/satser").WithTags("Satser");

        group.MapGet("/", Results<Ok<List<SatsOnDate>>, ProblemHttpResult> (
                [Description("Den dato, værdierne skal gælde på, som ÅÅÅÅ-MM-DD; standard: dagens dato (UTC).")] string? date,
                SnapshotHolder snapshots, TimeProvider time) =>
            {
                if (!DateQuery.TryRead(date, time, out var on, out var badDate)) return TypedResults.Problem(badDate!);
                var catalog = snapshots.Current.LatestSatser;
                return TypedResults.Ok(catalog.Series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
                {
                    var v = catalog.ValueOn(s.Key, on);
                    return new SatsOnDate(s.Key, s.Label, s.Unit, s.PriceLevel, v?.Value, v?.ValidFrom, v?.ValidTo, v?.Source);
                }).ToList());
            })
            .WithName("ListSatser")
            .WithSummary("Alle satser med værdien gældende på en dato")
            .WithDescription("?date=ÅÅÅÅ-MM-DD (standard: i dag). En sats uden værdi på datoen har value null: kilderne angiver ikke beløbet, og juridisk personale skal indtaste det.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{key}", Results<Ok<SatsSeries>, ProblemHttpResult> ([Description("Satsens nøgle, fx sel-97.aarligtBeloeb.")] string key, SnapshotHolder snapshots) =>
                snapshots.Current.LatestSatser.Get(key) is { } series
                    ? TypedResults.Ok(series)
                    : TypedResults.Problem(UnknownSats(key)))
            .WithName("GetSats")
            .WithSummary("En satsserie med alle dens daterede værdier og kilder")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static ProblemDetails UnknownSats(string key) => Problems.Naming(Problems.Create(404, "Ukendt sats", $"Satsen '{key}' findes ikke.", "unknown-sats"), "key");
}
