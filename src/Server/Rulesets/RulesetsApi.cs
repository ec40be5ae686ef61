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

/// <summary>A fact as a client's form needs it; a list or record fact has its fields, each a fact of a single value.</summary>
public sealed record FactSchema(string Name, string Type, string Label, string? Description, bool Discretionary, bool Required, string? Unit, IReadOnlyList<EnumValue>? Values,
    string? RequiredWhen,
    [property: Description("For type list (en JSON-array af objekter) og record (ét objekt): felterne i hver post.")] IReadOnlyList<FactSchema>? Fields);

/// <summary>An old fact name the version still accepts, and where its value goes.</summary>
public sealed record DeprecatedFact(
    string Name,
    [property: Description("Listen, som værdien lægges ind i.")] string List,
    [property: Description("Postens nummer (1 = første post) blandt de forældede navne.")] int Item,
    [property: Description("Feltet i posten.")] string Field,
    [property: Description("Faste værdier, som det forældede navn giver andre felter i samme post (fx grundlag = sygedagpenge).")] IReadOnlyDictionary<string, string>? Set);

public sealed record OutputSchema(string Name, string Type, string? Label, string? Unit, IReadOnlyList<EnumValue>? Values);

public sealed record RulesetSchema(
    string Id, string Title, string? LegalBasis, VersionSummary Version, IReadOnlyList<string>? LegalTexts,
    IReadOnlyList<FactSchema> Facts, string Outcome, IReadOnlyList<OutputSchema> Outputs,
    [property: Description("Forældede faktanavne, som versionen stadig modtager og lægger ind i en liste; den næste version modtager dem ikke.")]
    IReadOnlyList<DeprecatedFact> DeprecatedFacts);

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
            .WithDescription("Returnerer de fakta (navn, type, dansk betegnelse, om det er et skøn, om det er påkrævet) og resultater, der gælder på ?date=ÅÅÅÅ-MM-DD (standard: i dag), så et fagsystem kan bygge sin formular. " +
                "En liste (type list) sendes som en JSON-array af objekter med listens felter (fields), fx \"opsparing\": [{\"maaned\": \"2019-01-01\", \"timer\": 8}]; en fejl i en post nævnes som facts.opsparing[2].timer. " +
                "deprecatedFacts er forældede navne, versionen stadig modtager for én versionsperiode.")
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
            content.Facts.Select(Schema).ToList(),
            content.Outcome, outputs,
            (content.LegacyFacts ?? []).Select(l => new DeprecatedFact(l.Name, l.List, l.Item, l.Field, l.Set)).ToList()));
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

    private static FactSchema Schema(FactDefinition f) =>
        new(f.Name, Kind(f.Type), f.Label, f.Description, f.Discretionary, f.Required, f.Unit, f.Values, f.RequiredWhen,
            f.Fields?.Select(Schema).ToList());

    public static string Kind(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "bool",
        ValueKind.Int => "int",
        ValueKind.Decimal => "decimal",
        ValueKind.Date => "date",
        ValueKind.Enum => "enum",
        ValueKind.List => "list",
        ValueKind.Record => "record",
        _ => "text",
    };
}
