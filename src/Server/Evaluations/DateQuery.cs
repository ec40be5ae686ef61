using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Serviceloven.Engine.Formatting;

namespace Serviceloven.Server.Evaluations;

/// <summary>A ?date=ÅÅÅÅ-MM-DD query parameter: today when absent, a 400 naming the parameter when it is no date.</summary>
public static class DateQuery
{
    public const string Description = "Datoen som ÅÅÅÅ-MM-DD; standard: dagens dato (UTC).";

    public static bool TryRead(string? text, TimeProvider time, out DateOnly date, out ProblemDetails? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        problem = Problems.Validation(400, $"'{Echo.Of(text)}' er ikke en dato.", new Dictionary<string, string[]> { ["date"] = ["Angiv datoen som \"ÅÅÅÅ-MM-DD\", fx 2024-03-01."] });
        return false;
    }
}
