using System.Text.Json.Serialization;

namespace Serviceloven.Engine.Model;

/// <summary>The types a fact, derived value or table output can have.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValueKind>))]
public enum ValueKind
{
    [JsonStringEnumMemberName("bool")] Bool,
    [JsonStringEnumMemberName("int")] Int,
    [JsonStringEnumMemberName("decimal")] Decimal,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("enum")] Enum,
    [JsonStringEnumMemberName("text")] Text,
}

public static class ValueKindExtensions
{
    public static bool IsNumeric(this ValueKind kind) => kind is ValueKind.Int or ValueKind.Decimal;
    public static bool IsString(this ValueKind kind) => kind is ValueKind.Enum or ValueKind.Text;

    /// <summary>The CLR type a value of this kind has inside the engine. Numbers are always decimal.</summary>
    public static Type ClrType(this ValueKind kind) => kind switch
    {
        ValueKind.Bool => typeof(bool),
        ValueKind.Int or ValueKind.Decimal => typeof(decimal),
        ValueKind.Date => typeof(DateOnly),
        _ => typeof(string),
    };

    public static string Danish(this ValueKind kind) => kind switch
    {
        ValueKind.Bool => "ja/nej",
        ValueKind.Int => "heltal",
        ValueKind.Decimal => "tal",
        ValueKind.Date => "dato",
        ValueKind.Enum => "valgmulighed",
        _ => "tekst",
    };
}
