using System.Globalization;
using System.Net;
using System.Text;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// A simulation report as files to take away: one HTML page with the charts embedded as SVG (no script, no external
/// resource, opens offline) and the same numbers as CSV (semicolons and decimal commas, as Danish spreadsheets read them).
/// </summary>
public static class SimulationDocuments
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Csv(SimulationReport r)
    {
        var s = new StringBuilder();
        s.AppendLine("afsnit;a;b;antal;beløb a;beløb b;forskel");
        s.AppendLine(CultureInfo.InvariantCulture, $"sager;;;{r.Cases};;;");
        s.AppendLine(CultureInfo.InvariantCulture, $"rækker der ikke kunne læses;;;{r.UnboundRows};;;");
        foreach (var t in r.Transitions) s.AppendLine(CultureInfo.InvariantCulture, $"udfald;{Cell(t.From)};{Cell(t.To)};{t.Count};;;");
        foreach (var a in r.Amounts)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"beløb {Cell(a.Output)} i alt;;;;{a.TotalA.ToString(Danish)};{a.TotalB.ToString(Danish)};{a.TotalDifference.ToString(Danish)}");
            s.AppendLine(CultureInfo.InvariantCulture, $"beløb {Cell(a.Output)} gennemsnit;;;;{Math.Round(a.MeanA, 2).ToString(Danish)};{Math.Round(a.MeanB, 2).ToString(Danish)};");
            foreach (var bin in a.Histogram)
                s.AppendLine(CultureInfo.InvariantCulture, $"fordeling {Cell(a.Output)};{bin.From.ToString(Danish)};{bin.To.ToString(Danish)};{bin.Count};;;");
        }
        foreach (var t in r.RowChanges) s.AppendLine(CultureInfo.InvariantCulture, $"afgørende rækker;{Cell(t.From)};{Cell(t.To)};{t.Count};;;");
        foreach (var e in r.RowErrors) s.AppendLine(CultureInfo.InvariantCulture, $"rækkefejl;{e.Row};{Cell(e.Field)};;{Cell(e.Message)};;");
        return s.ToString();
    }

    public static string Html(SimulationReport r)
    {
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Simulering af ").Append(E(r.RulesetId)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>");
        s.Append("<h1>Simulering af ").Append(E(r.RulesetId)).Append(" på sagsbestanden</h1>");
        s.Append("<p>A: ").Append(E(r.A.Name)).Append(" – ").Append(E(r.A.Description)).Append("<br>B: ").Append(E(r.B.Name)).Append(" – ").Append(E(r.B.Description)).Append("</p>");
        s.Append("<p>").Append(N(r.Cases)).Append(" sager kørt på begge sider; ").Append(N(r.UnboundRows)).Append(" rækker kunne ikke læses; ")
            .Append(N(r.OutcomeChanged)).Append(" fik et andet udfald og ").Append(N(r.AmountChanged)).Append(" et andet beløb.</p>");
        if (r.Transitions.Count > 0) s.Append(SimulationCharts.ChangeMatrix(r));
        s.Append("<table><tr><th>Udfald A</th><th>Udfald B</th><th>Sager</th></tr>");
        foreach (var t in r.Transitions) s.Append("<tr><td>").Append(E(t.From)).Append("</td><td>").Append(E(t.To)).Append("</td><td>").Append(N(t.Count)).Append("</td></tr>");
        s.Append("</table>");
        s.Append("<table><tr><th>Beløb</th><th>I alt A</th><th>I alt B</th><th>Forskel</th><th>Gns. A</th><th>Gns. B</th><th>Op</th><th>Ned</th></tr>");
        foreach (var a in r.Amounts)
            s.Append("<tr><td>").Append(E(a.Output)).Append("</td><td>").Append(Kr(a.TotalA)).Append("</td><td>").Append(Kr(a.TotalB)).Append("</td><td>")
                .Append(Kr(a.TotalDifference)).Append("</td><td>").Append(Kr(a.MeanA)).Append("</td><td>").Append(Kr(a.MeanB)).Append("</td><td>")
                .Append(N(a.Increased)).Append("</td><td>").Append(N(a.Decreased)).Append("</td></tr>");
        s.Append("</table>");
        foreach (var a in r.Amounts.Where(a => a.Histogram.Count > 0)) s.Append(SimulationCharts.Histogram(a));
        if (r.ChangedCases.Count > 0)
        {
            s.Append("<h2>Ændrede sager (de første ").Append(r.ChangedCases.Count).Append(")</h2><table><tr><th>Række</th><th>A</th><th>B</th></tr>");
            foreach (var c in r.ChangedCases)
                s.Append("<tr><td>").Append(c.Row).Append("</td><td>").Append(E(Answer(c.A))).Append("</td><td>").Append(E(Answer(c.B))).Append("</td></tr>");
            s.Append("</table>");
        }
        if (r.RowErrors.Count > 0)
        {
            s.Append("<h2>Rækker der ikke kunne læses</h2><table><tr><th>Række</th><th>Felt</th><th>Fejl</th></tr>");
            foreach (var e in r.RowErrors) s.Append("<tr><td>").Append(e.Row).Append("</td><td>").Append(E(e.Field)).Append("</td><td>").Append(E(e.Message)).Append("</td></tr>");
            s.Append("</table>");
        }
        return s.Append("</body></html>").ToString();
    }

    /// <summary>An answer in one line: the outcome and its amounts.</summary>
    public static string Answer(CaseAnswer a) =>
        a.Amounts.Count == 0 ? a.Outcome : a.Outcome + " (" + string.Join(", ", a.Amounts.Select(x => $"{x.Key} {x.Value.ToString("N2", Danish)}")) + ")";

    public static string Kr(decimal value) => value.ToString("N2", Danish);
    private static string N(long value) => value.ToString("N0", Danish);
    private static string E(string text) => WebUtility.HtmlEncode(text);
    private static string Cell(string text) => text.Contains(';') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
