using System.Diagnostics;
using System.Threading.Channels;

namespace Serviceloven.Adversarial.Tests.Crash;

/// <summary>A child process whose stdout lines the test waits for, killed with SIGKILL (Process.Kill on Linux).</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<(TimeSpan At, string Line)> _lines = Channel.CreateUnbounded<(TimeSpan, string)>();
    private readonly System.Text.StringBuilder _all = new();
    private readonly long _started = Stopwatch.GetTimestamp();

    public ChildProcess(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);
    public string Output { get { lock (_all) return _all.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;

    private void Received(string? line)
    {
        if (line is null) return;
        lock (_all) _all.AppendLine(line);
        _lines.Writer.TryWrite((Elapsed, line));
    }

    /// <summary>The first line from now on that contains <paramref name="marker"/>, with the time since start it came.</summary>
    public async Task<(TimeSpan At, string Line)> WaitForAsync(string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var (at, line) = await _lines.Reader.ReadAsync(cts.Token);
                if (line.Contains(marker, StringComparison.Ordinal)) return (at, line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"'{marker}' kom ikke inden for {timeout} (proces {(HasExited ? "stoppet med kode " + _process.ExitCode : "kører")}).\n{Output}");
        }
    }

    /// <summary>SIGKILL: no finally block, no flush, no shutdown hook runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
