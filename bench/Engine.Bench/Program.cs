using BenchmarkDotNet.Running;
using Serviceloven.Engine.Bench;

// "--verify" cross-checks the three implementations on one input per row; anything else goes to BenchmarkDotNet.
if (args is ["--verify"]) return await Verification.RunAllAsync();
BenchmarkSwitcher.FromAssembly(typeof(EligibilityBenchmarks).Assembly).Run(args);
return 0;
