using BenchmarkDotNet.Running;

namespace Vozex.Bench;

/// <summary>
/// Micro-benchmarks of pure code on the catalog's hot path. Pick benchmarks and a job on the command line:
/// <c>dotnet run -c Release --project bench/Vozex.Bench -- --filter '*' --job short</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
