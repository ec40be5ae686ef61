using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// A BenchmarkDotNet clock that reads the calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID), in nanoseconds.
/// The machine is shared with other engineers' builds: a wall clock also counts the time the benchmark thread waits
/// for a core, this clock does not. In-process, the measured loop runs on the thread that reads the clock.
/// </summary>
public sealed class ThreadCpuClock : IClock
{
    public static readonly ThreadCpuClock Instance = new();

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public string Title => "Thread CPU time";
    public bool IsAvailable => OperatingSystem.IsLinux();
    public Frequency Frequency { get; } = new(1_000_000_000);

    public long GetTimestamp()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    /// <summary>Nanoseconds of CPU time the calling thread has used.</summary>
    public static long Nanoseconds() => Instance.GetTimestamp();
}
