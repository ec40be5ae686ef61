using System.Text.Json;
using Serviceloven.Engine.Evaluation;
using Serviceloven.Engine.Model;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>
/// A JSON string with a lone surrogate ("\ud800") is valid JSON but not valid text; JsonElement.GetString throws on it.
/// The binder makes it a fact error naming the fact, for every string-typed fact (issue 18: it was a 500).
/// </summary>
public class LoneSurrogateTests
{
    [Theory]
    [InlineData(ValueKind.Date, "\"\\ud800\"")]
    [InlineData(ValueKind.Enum, "\"\\udfff\"")]
    [InlineData(ValueKind.Text, "\"abc\\ud800\"")]
    [InlineData(ValueKind.Text, "\"\\udc00\\ud800\"")]
    public void A_lone_surrogate_is_a_fact_error_naming_the_fact(ValueKind kind, string json)
    {
        var def = Fact("x", kind, true, kind == ValueKind.Enum ? ["a", "b"] : []);
        var facts = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>($"{{\"x\":{json}}}")!;
        var bound = FactBinder.Bind(new Dictionary<string, FactDefinition> { ["x"] = def }, facts);
        var error = Assert.Single(bound.Errors);
        Assert.Equal("x", error.Fact);
        Assert.Contains("ugyldig tekst", error.Message);
        Assert.Empty(bound.Missing);
    }

    [Fact]
    public void A_valid_surrogate_pair_is_text_like_any_other()
    {
        var facts = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("{\"x\":\"\\ud83d\\ude00\"}")!;
        var bound = FactBinder.Bind(new Dictionary<string, FactDefinition> { ["x"] = Fact("x", ValueKind.Text) }, facts);
        Assert.True(bound.IsValid);
        Assert.Equal("\U0001F600", bound.Values["x"]);
    }
}
