using Serviceloven.Admin.Publishing;

namespace Serviceloven.Admin.Satser;

/// <summary>
/// What "Godkend alle" reports: a success line only for what was approved (with their warnings), and each refusal by
/// its sats. A run that approved nothing has no success line, so a refusal never stands under a green "0 godkendt".
/// </summary>
public static class BulkApproval
{
    public static (string? Success, IReadOnlyList<string> Refusals) Summarize(IEnumerable<(string Key, ApprovalResult Result)> results)
    {
        var refused = new List<string>();
        var warnings = new List<string>();
        var count = 0;
        foreach (var (key, result) in results)
        {
            if (result.Published) { count++; warnings.AddRange(result.Warnings); }
            else refused.AddRange(result.Reasons.Select(r => $"{key}: {r}"));
        }
        if (count == 0) return (null, refused);
        var success = $"{count} sats(er) godkendt og offentliggjort."
            + (refused.Count > 0 ? " De øvrige blev afvist; se nedenfor." : "")
            + (warnings.Count > 0 ? " Advarsler: " + string.Join(" ", warnings.Distinct()) : "");
        return (success, refused);
    }
}
