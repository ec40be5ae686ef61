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
    /// <summary>Any number of items, each a record of the fact's fields (the months of a savings ledger, the periods of a leave).</summary>
    [JsonStringEnumMemberName("list")] List,
    /// <summary>One record of the fact's fields (a loan with amount, rate and term).</summary>
    [JsonStringEnumMemberName("record")] Record,
}

public static class ValueKindExtensions
{
    public static bool IsNumeric(this ValueKind kind) => kind is ValueKind.Int or ValueKind.Decimal;
    public static bool IsString(this ValueKind kind) => kind is ValueKind.Enum or ValueKind.Text;

    /// <summary>A list or a record: a value made of fields rather than one value.</summary>
    public static bool IsStructured(this ValueKind kind) => kind is ValueKind.List or ValueKind.Record;

    /// <summary>The CLR type a value of this kind has inside the engine. Numbers are always decimal.</summary>
    public static Type ClrType(this ValueKind kind) => kind switch
    {
        ValueKind.Bool => typeof(bool),
        ValueKind.Int or ValueKind.Decimal => typeof(decimal),
        ValueKind.Date => typeof(DateOnly),
        ValueKind.Enum or ValueKind.Text => typeof(string),
        // A list or record is never one property of the context: its fields are (see ContextType).
        _ => throw new InvalidOperationException($"En {kind.Danish()} har ingen enkelt værdi i motoren."),
    };

    public static string Danish(this ValueKind kind) => kind switch
    {
        ValueKind.Bool => "ja/nej",
        ValueKind.Int => "heltal",
        ValueKind.Decimal => "tal",
        ValueKind.Date => "dato",
        ValueKind.Enum => "valgmulighed",
        ValueKind.List => "liste",
        ValueKind.Record => "post",
        _ => "tekst",
    };
}
