using Serviceloven.Engine.Letters;

namespace Serviceloven.Admin.Letters;

/// <summary>A letterhead as the admin's form edits it: the multi-line fields as text, one line each.</summary>
public sealed class LetterheadForm
{
    /// <summary>The letter the preview lays out with a letterhead: headings, a paragraph and a list, like a real begrundelse.</summary>
    public const string SampleLetter = """
        Afgørelse om merudgifter

        Du har søgt om dækning af merudgifter efter servicelovens § 100. Vi har truffet afgørelse om, at du får dækket 14.467 kr. om året.

        Begrundelse

        Vi har lagt vægt på:
        - at du har en varigt nedsat funktionsevne,
        - at dine merudgifter er nødvendige og følger af funktionsnedsættelsen.

        Du kan klage

        Du kan klage over afgørelsen inden 4 uger efter, at du har modtaget den.
        """;

    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Contact { get; set; } = "";
    public string SigningUnit { get; set; } = "";
    public string ComplaintAddress { get; set; } = "";
    public string ReplyDeadline { get; set; } = "";
    public LetterLogo? Logo { get; set; }
    public bool IsDefault { get; set; }

    public static LetterheadForm From(Letterhead l) => new()
    {
        Key = l.Key,
        Name = l.Name,
        Address = string.Join('\n', l.Address),
        Contact = string.Join('\n', l.Contact),
        SigningUnit = l.SigningUnit,
        ComplaintAddress = string.Join('\n', l.ComplaintAddress),
        ReplyDeadline = l.ReplyDeadline ?? "",
        Logo = l.Logo,
        IsDefault = l.IsDefault,
    };

    public Letterhead ToLetterhead() => new()
    {
        Key = Key.Trim(),
        Name = Name.Trim(),
        Address = LetterheadService.Lines([Address]),
        Contact = LetterheadService.Lines([Contact]),
        SigningUnit = SigningUnit.Trim(),
        ComplaintAddress = LetterheadService.Lines([ComplaintAddress]),
        ReplyDeadline = string.IsNullOrWhiteSpace(ReplyDeadline) ? null : ReplyDeadline.Trim(),
        Logo = Logo,
        IsDefault = IsDefault,
    };
}
