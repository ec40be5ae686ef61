namespace Serviceloven.Adversarial.Tests;

/// <summary>
/// The test assembly's entry point: the test runner never calls it; the crash tests start this assembly as a child
/// process ("crash-host ...") that runs the real server and is killed with SIGKILL.
/// </summary>
public static class EntryPoint
{
    public static Task<int> Main(string[] args) => args is ["crash-host", .. var rest]
        ? Crash.CrashHost.RunAsync(rest)
        : Task.FromResult(2);
}
