using BenchmarkDotNet.Running;
using OpenChat.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(RelayHotPathBenchmarks).Assembly).Run(args);
