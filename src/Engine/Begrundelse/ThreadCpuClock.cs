using System.Runtime.InteropServices;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// The processor time the calling thread has used so far: what a render limit should count, since a loaded machine
/// keeps a thread waiting for a core without it doing any work. Linux and macOS (clock_gettime with the thread's
/// CPU clock) and Windows (GetThreadTimes); elsewhere <see cref="Now"/> returns null and callers fall back to the wall clock.
/// </summary>
public static class ThreadCpuClock
{
    private static readonly bool Linux = OperatingSystem.IsLinux();
    private static readonly bool Mac = OperatingSystem.IsMacOS();
    private static readonly bool Windows = OperatingSystem.IsWindows();

    /// <summary>True when this platform can read a thread's processor time.</summary>
    public static bool Available { get; } = Now() is not null;

    /// <summary>The calling thread's processor time (user and system), or null where it cannot be read.</summary>
    public static TimeSpan? Now()
    {
        try
        {
            if (Linux || Mac)
            {
                // CLOCK_THREAD_CPUTIME_ID is 3 on Linux, 16 on macOS.
                return NativeMethods.clock_gettime(Linux ? 3 : 16, out var ts) == 0
                    ? TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100)
                    : null;
            }
            if (Windows)
            {
                return NativeMethods.GetThreadTimes(NativeMethods.GetCurrentThread(), out _, out _, out var kernel, out var user)
                    ? TimeSpan.FromTicks(kernel + user)
                    : null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not this platform's library after all: the wall clock it is.
        }
        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out TimeSpec time);

        [DllImport("kernel32")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        public static extern IntPtr GetCurrentThread();

        [DllImport("kernel32")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
    }
}
