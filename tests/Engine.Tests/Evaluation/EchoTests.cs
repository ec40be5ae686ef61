using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Tests.Evaluation;

/// <summary>What an error message repeats of a caller's input (issue 18): the start and the length.</summary>
public class EchoTests
{
    [Fact]
    public void Short_values_are_repeated_whole_and_long_ones_in_part_with_their_length()
    {
        Assert.Equal("physicl", Echo.Of("physicl"));
        Assert.Equal(new string('x', Echo.MaxLength) + "… (1000000 tegn)", Echo.Of(new string('x', 1_000_000)));
    }

    [Fact]
    public void A_surrogate_pair_is_never_cut_in_half()
    {
        var value = new string('x', Echo.MaxLength - 1) + "\U0001F600" + new string('x', 100);
        var echoed = Echo.Of(value);
        Assert.StartsWith(new string('x', Echo.MaxLength - 1) + "…", echoed);
    }
}
