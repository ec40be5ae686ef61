using System.Globalization;
using ScottPlot;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// The pictures of a simulation, drawn on the server as SVG (ScottPlot): the change matrix as a heat map (A's outcome
/// across, B's down, the count in each cell, darker for more cases) and the distribution of per-case differences of an
/// amount as a histogram. No script, no CDN: the SVG is embedded in the page and in the downloadable report.
/// </summary>
public static class SimulationCharts
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string ChangeMatrix(SimulationReport report, int width = 640, int height = 480)
    {
        var keys = report.OutcomeKeys().Take(12).ToList();
        var plot = NewPlot();
        var max = Math.Max(1, report.Transitions.Max(t => (long?)t.Count) ?? 1);
        var colormap = new ScottPlot.Colormaps.Blues();
        for (var i = 0; i < keys.Count; i++)
            for (var j = 0; j < keys.Count; j++)
            {
                var count = report.TransitionCount(keys[i], keys[j]);
                // Log scale: the unchanged diagonal holds most cases and would wash out the changes.
                var share = count == 0 ? 0 : 0.15 + 0.85 * Math.Log(1 + count) / Math.Log(1 + max);
                var y = keys.Count - 1 - j;
                var cell = plot.Add.Rectangle(i, i + 1, y, y + 1);
                // Blues runs from dark to light: no cases white, the most the darkest blue.
                cell.FillColor = count == 0 ? Colors.White : colormap.GetColor(1 - share);
                cell.LineColor = Colors.White;
                var text = plot.Add.Text(count.ToString("N0", Danish), i + 0.5, y + 0.5);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = share > 0.55 ? Colors.White : Colors.Black;
                text.LabelFontSize = 13;
            }
        var positions = Enumerable.Range(0, keys.Count).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, keys.Select(Short).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, keys.Select(Short).Reverse().ToArray());
        plot.Axes.SetLimits(0, keys.Count, 0, keys.Count);
        plot.XLabel($"{report.A.Name}: udfald");
        plot.YLabel($"{report.B.Name}: udfald");
        plot.Title("Udfald før og efter");
        return plot.GetSvgXml(width, height);
    }

    public static string Histogram(AmountSummary amount, int width = 640, int height = 360)
    {
        var plot = NewPlot();
        var bins = amount.Histogram;
        if (bins.Count > 0)
        {
            // The x axis always shows 0, so a single bar reads as "this much less" rather than filling the picture.
            var low = (double)Math.Min(0, bins[0].From);
            var high = (double)Math.Max(0, bins[^1].To);
            var pad = Math.Max((high - low) * 0.08, 1);
            var minWidth = (high - low + 2 * pad) / 60;
            plot.Add.Bars(bins.Select(b => new Bar
            {
                Position = (double)((b.From + b.To) / 2),
                Value = b.Count,
                Size = Math.Max((double)(b.To - b.From) * 0.95, minWidth),
                FillColor = b.To <= 0 ? Colors.IndianRed : Colors.SteelBlue,
                LineWidth = 0,
            }).ToList());
            // Fixed limits (no autoscale after this), the count axis from 0.
            plot.Axes.SetLimits(low - pad, high + pad, 0, bins.Max(b => b.Count) * 1.1);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("N0", Danish) };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("N0", Danish), IntegerTicksOnly = true };
        plot.XLabel("Ændring pr. sag (B − A)");
        plot.YLabel("Antal sager");
        plot.Title($"{amount.Output}: {amount.Increased.ToString("N0", Danish)} op, {amount.Decreased.ToString("N0", Danish)} ned");
        return plot.GetSvgXml(width, height);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans"); // Debian's default sans; the SVG names it and a browser without it falls back
        return plot;
    }

    private static string Short(string key) => key.Length <= 18 ? key : key[..17] + "…";
}
