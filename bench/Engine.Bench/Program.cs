using BenchmarkDotNet.Running;
using Serviceloven.Engine.Bench;

// "--verify" cross-checks the three implementations on one input per row; "--cputime" times them by thread CPU time;
// anything else goes to BenchmarkDotNet.
if (args is ["--verify"]) return await Verification.RunAllAsync();
if (args is ["--cputime"]) return await CpuTime.RunAsync();
BenchmarkSwitcher.FromAssembly(typeof(EligibilityBenchmarks).Assembly).Run(args);
return 0;
