using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Snapshots;
using Serviceloven.Server.Evaluations;

namespace Serviceloven.Server.Rulesets;

public sealed record RulesetSummary(string Id, string Title, string? LegalBasis, DateOnly? ValidFrom, int Versions);

public sealed record VersionSummary(long Id, DateOnly ValidFrom, DateOnly? ValidTo, DateTimeOffset PublishedAt, string Hash, bool Current, string? ChangeNote);

public sealed record FactSchema(string Name, string Type, string Label, string? Description, bool Discretionary, bool Required, string? Unit, IReadOnlyList<EnumValue>? Values,
    string? RequiredWhen);

public sealed record OutputSchema(string Name, string Type, string? Label, string? Unit, IReadOnlyList<EnumValue>? Values);

public sealed record RulesetSchema(
    string Id, string Title, string? LegalBasis, VersionSummary Version, IReadOnlyList<string>? LegalTexts,
    IReadOnlyList<FactSchema> Facts, string Outcome, IReadOnlyList<OutputSchema> Outputs);

public static class RulesetsApi
{
    public static RouteGroupBuilder MapRulesets(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rulesets").WithTags("Regelsæt");

        group.MapGet("/", (SnapshotHolder snapshots) => TypedResults.Ok(snapshots.Current.Rulesets.Values
                .OrderBy(r => r.Definition.Id, StringComparer.Ordinal)
                .Select(r => new RulesetSummary(r.Definition.Id, r.Definition.Title, r.Definition.LegalBasis,
                    r.Versions.Count > 0 ? r.Versions.Min(v => v.ValidFrom) : null, r.Versions.Count))
                .ToList()))
            .WithName("ListRulesets")
            .WithSummary("Alle regelsæt");

        group.MapGet("/{id}", GetSchema)
            .WithName("GetRuleset")
            .WithSummary("Faktaskemaet for regelsættet gældende på en dato")
            .WithDescription("Returnerer de fakta (navn, type, dansk betegnelse, om det er et skøn, om det er påkrævet) og resultater, der gælder på ?date=ÅÅÅÅ-MM-DD (standard: i dag), så et fagsystem kan bygge sin formular.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{id}/versions", GetVersions)
            .WithName("ListVersions")
            .WithSummary("Regelsættets offentliggjorte versioner")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    internal static Results<Ok<RulesetSchema>, ProblemHttpResult> GetSchema(
        [Description("Regelsættets id, fx sel-97.")] string id,
        [Description("Den dato, skemaet skal gælde på, som ÅÅÅÅ-MM-DD; standard: dagens dato (UTC).")] string? date,
        SnapshotHolder snapshots, TimeProvider time)
    {
        var snapshot = snapshots.Current;
        if (!DateQuery.TryRead(date, time, out var on, out var badDate))
            return TypedResults.Problem(badDate!);
        if (!snapshot.Rulesets.TryGetValue(id, out var entry))
            return TypedResults.Problem(Problems.MissingRuleset(snapshot, id));
        var resolution = VersionResolver.ResolveIn(id, entry.LatestTimeline, on);
        if (!resolution.Found)
            return TypedResults.Problem(Problems.NoValidVersion(resolution.Problem!));
        var v = resolution.Item!;
        var content = v.Compiled.Content;
        var outputs = content.Tables.SelectMany(t => t.Outputs)
            .Where(o => content.Outputs is not { Count: > 0 } names || names.Contains(o.Name))
            .Select(o => new OutputSchema(o.Name, Kind(o.Type), o.Label, o.Unit, o.Values)).ToList();
        return TypedResults.Ok(new RulesetSchema(id, entry.Definition.Title, entry.Definition.LegalBasis,
            Summary(entry, v), content.LegalBasis,
            content.Facts.Select(f => new FactSchema(f.Name, Kind(f.Type), f.Label, f.Description, f.Discretionary, f.Required, f.Unit, f.Values, f.RequiredWhen)).ToList(),
            content.Outcome, outputs));
    }

    internal static Results<Ok<List<VersionSummary>>, ProblemHttpResult> GetVersions([Description("Regelsættets id, fx sel-97.")] string id, SnapshotHolder snapshots)
    {
        if (!snapshots.Current.Rulesets.TryGetValue(id, out var entry))
            return TypedResults.Problem(Problems.MissingRuleset(snapshots.Current, id));
        return TypedResults.Ok(entry.Versions.OrderBy(v => v.ValidFrom).ThenBy(v => v.PublishedAt).Select(v => Summary(entry, v)).ToList());
    }

    private static VersionSummary Summary(RulesetEntry entry, PublishedVersion v)
    {
        var timeline = entry.LatestTimeline;
        var current = timeline.Any(c => ReferenceEquals(c.Item, v));
        return new VersionSummary(v.Id, v.ValidFrom, VersionResolver.EndBeside(timeline, v.ValidFrom, v.ValidTo), v.PublishedAt, v.Hash, current, v.Compiled.Content.ChangeNote);
    }

    public static string Kind(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "bool",
        ValueKind.Int => "int",
        ValueKind.Decimal => "decimal",
        ValueKind.Date => "date",
        ValueKind.Enum => "enum",
        _ => "text",
    };
}
