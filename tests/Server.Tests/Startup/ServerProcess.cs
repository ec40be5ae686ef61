using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Serviceloven.Server.Tests.Startup;

/// <summary>
/// The server as a real process (`dotnet Serviceloven.Server.dll` from this test's output), Production profile, on a
/// free local port, with its output collected; optionally as another user (setpriv), to test what a process without
/// root may not do.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string Output { get { lock (_stdout) return _stdout.ToString(); } }
    public string Errors { get { lock (_stderr) return _stderr.ToString(); } }

    public ServerProcess(string databasePath, string? runAs = null, string? home = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        Port = Serviceloven.Tests.Common.LocalPorts.Free();
        var dll = Path.Combine(AppContext.BaseDirectory, "Serviceloven.Server.dll");
        var start = runAs is null
            ? new ProcessStartInfo("dotnet") { ArgumentList = { dll } }
            : new ProcessStartInfo("setpriv") { ArgumentList = { "--reuid=" + runAs, "--regid=" + PrimaryGroup(runAs), "--clear-groups", "--", "dotnet", dll } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = AppContext.BaseDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["Store__DatabasePath"] = databasePath;
        start.Environment["Rules__Path"] = RulesServerFactory.RulesFolder;
        start.Environment["Admin__InitialAdmin__Password"] = "Proces-test-kode-1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        if (runAs is not null)
        {
            // The build output's static web assets manifest points into root's NuGet cache, which another user cannot
            // read (a published server has the files beside it); no start-up scenario here serves them.
            start.Environment["ASPNETCORE_STATICWEBASSETS"] = Path.Combine(Path.GetTempPath(), "ingen-static-web-assets.json");
        }
        if (home is not null)
        {
            start.Environment["HOME"] = home;
            start.Environment["DOTNET_CLI_HOME"] = home;
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The numeric primary group of a user, from /etc/passwd (setpriv wants a group, and 'nobody' has 'nogroup').</summary>
    public static string PrimaryGroup(string user) =>
        File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f[0] == user) is { Length: > 3 } fields
            ? fields[3] : throw new InvalidOperationException($"Brugeren {user} findes ikke i /etc/passwd.");

    /// <summary>Waits until /health/ready answers 200; fails with the process's output if it ends or takes too long.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"Serveren stoppede med kode {_process.ExitCode}.\nstdout:\n{Output}\nstderr:\n{Errors}");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy starting */ }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"Serveren blev ikke klar på {timeout}.\nstdout:\n{Output}\nstderr:\n{Errors}");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's process id (the dotnet host runs the server in its own process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether /health/live answers now.</summary>
    public async Task<bool> IsListeningAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        try { using var live = await http.GetAsync("/health/live"); return live.IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"Serveren stoppede ikke inden for {timeout}.\nstdout:\n{Output}\nstderr:\n{Errors}"); }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }


    private bool _disposed;

    // Twice is once: a test that kills a node mid-way still disposes it at the end.
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
