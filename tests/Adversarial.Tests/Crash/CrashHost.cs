namespace Serviceloven.Adversarial.Tests.Crash;

public static class CrashHost
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(2);
}
