using BenchmarkDotNet.Running;
using Serviceloven.Engine.Bench;

// "--verify" cross-checks the three implementations on one input per row; "--cputime" times them by thread CPU time;
// "--peer" serves bench/peers/compare.mjs (our engine beside GoRules ZEN);
// anything else goes to BenchmarkDotNet.
if (args is ["--verify"]) return await Verification.RunAllAsync();
if (args is ["--cputime"]) return await CpuTime.RunAsync();
if (args is ["--peer"]) return await PeerHost.RunAsync();
BenchmarkSwitcher.FromAssembly(typeof(EligibilityBenchmarks).Assembly).Run(args);
return 0;
