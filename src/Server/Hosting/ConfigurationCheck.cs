using Microsoft.Extensions.Options;
using Serviceloven.Server.Cli;

namespace Serviceloven.Server.Hosting;

/// <summary>
/// Validates every options class registered with ValidateOnStart before anything uses one, so a wrong setting ends
/// the start with one message per setting and exit code 8 instead of a stack trace at the first request.
/// </summary>
public static class ConfigurationCheck
{
    /// <returns>null when the configuration holds; otherwise the exit code, after the problems were written to <paramref name="error"/>.</returns>
    public static int? ValidateConfigurationOrExit(this WebApplication app, TextWriter error)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception ex) when (ExitCodes.ForStartup(ex, () => "") is { } failure)
        {
            error.WriteLine(failure.Message);
            return failure.Code;
        }
    }

    /// <summary>The failures of an options validation (one or several options classes), one line each.</summary>
    public static IReadOnlyList<string>? Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
            many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList(),
        _ => null,
    };
}
