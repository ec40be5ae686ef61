using Xunit.Abstractions;
using Xunit.Sdk;

namespace Serviceloven.Adversarial.Tests.Common;

/// <summary>
/// Prints a figure the issue asks for where every run shows it: as an xUnit diagnostic message (xunit.runner.json turns
/// them on, so `dotnet test` prints them whether the test passes or fails) and in the test's own output.
/// </summary>
public sealed class Figures(IMessageSink sink)
{
    public void Print(ITestOutputHelper output, string figure)
    {
        sink.OnMessage(new DiagnosticMessage(figure));
        output.WriteLine(figure);
    }
}
