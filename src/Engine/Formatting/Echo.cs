namespace Serviceloven.Engine.Formatting;

/// <summary>
/// What a message may repeat of a caller's input: the start of it and its length, never all of it, so an error
/// answer stays small whatever was sent (a 1 MB enum value, a 200 KB fact name).
/// </summary>
public static class Echo
{
    public const int MaxLength = 80;

    public static string Of(string value)
    {
        if (value.Length <= MaxLength) return value;
        // Never cut between the two halves of a surrogate pair: a lone half is not text.
        var cut = char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return $"{value[..cut]}… ({value.Length} tegn)";
    }
}
