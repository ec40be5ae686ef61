using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// In-process (no child build, so it works with --artifacts-path and shares nothing with parallel builds) and short:
/// one launch, 3 warm-ups, 30 measured iterations of 200 ms, run twice: timed by the wall clock (the usual
/// BenchmarkDotNet measure) and by the benchmark thread's CPU time. On this shared 2-core machine other engineers'
/// builds take the cores away in bursts; the wall clock counts that waiting, the thread CPU clock does not.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(30)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200));
        AddJob(job.WithId("WallClock"));
        AddJob(job.WithClock(ThreadCpuClock.Instance).WithId("ThreadCpuClock"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.P95);
    }
}
