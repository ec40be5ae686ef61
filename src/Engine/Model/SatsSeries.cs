using System.Text.Json.Serialization;

namespace Serviceloven.Engine.Model;

/// <summary>A named, dated amount or limit (sel-118.maanedsloen). One file in rules/satser/.</summary>
public sealed record SatsSeries
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public required string Unit { get; init; }
    /// <summary>Price level as written in the source, e.g. "2017-niveau".</summary>
    public string? PriceLevel { get; init; }
    public Regulation Regulation { get; init; } = Regulation.None;
    public RoundingRule? Rounding { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<SatsValue> Values { get; init; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<Regulation>))]
public enum Regulation
{
    /// <summary>Fixed in law; never regulated.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>Regulated each 1 January by the satsreguleringsprocent (lov om en satsreguleringsprocent).</summary>
    [JsonStringEnumMemberName("satsregulering")] Satsregulering,
    /// <summary>Set by bekendtgørelse each year.</summary>
    [JsonStringEnumMemberName("bekendtgoerelse")] Bekendtgoerelse,
}

[JsonConverter(typeof(JsonStringEnumConverter<RoundingMode>))]
public enum RoundingMode
{
    [JsonStringEnumMemberName("nearest")] Nearest,
    [JsonStringEnumMemberName("up")] Up,
    [JsonStringEnumMemberName("down")] Down,
}

/// <summary>How a regulated amount is rounded: to the nearest (or next) multiple of Step.</summary>
public sealed record RoundingRule
{
    public RoundingMode Mode { get; init; } = RoundingMode.Nearest;
    public decimal Step { get; init; } = 1m;

    public decimal Apply(decimal value)
    {
        if (Step <= 0) return value;
        var units = value / Step;
        var rounded = Mode switch
        {
            RoundingMode.Up => Math.Ceiling(units),
            RoundingMode.Down => Math.Floor(units),
            _ => Math.Round(units, MidpointRounding.AwayFromZero),
        };
        return rounded * Step;
    }
}

public sealed record SatsValue
{
    public required DateOnly ValidFrom { get; init; }
    /// <summary>Inclusive end. Without it the value holds until the next value's ValidFrom.</summary>
    public DateOnly? ValidTo { get; init; }
    public required decimal Value { get; init; }
    /// <summary>Legal source of this value ("003_e9312490f6af4059.txt l.397").</summary>
    public required string Source { get; init; }
    public string? Note { get; init; }
}
