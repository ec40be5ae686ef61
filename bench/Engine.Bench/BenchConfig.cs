using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Serviceloven.Engine.Bench;

/// <summary>
/// In-process (no child build, so it works with --artifacts-path and shares nothing with parallel builds) and short:
/// one launch, 3 warm-ups, 30 measured iterations of 200 ms. On a shared 2-core machine other builds come in bursts;
/// many short iterations keep the median stable, and Min shows the cost without interference.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(30)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200))
            .WithId("InProcess-30x200ms"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.P95);
    }
}
