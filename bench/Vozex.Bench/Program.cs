using BenchmarkDotNet.Running;

namespace Vozex.Bench;

/// <summary>
/// Micro-benchmarks of pure code on the catalog's hot path. Pick benchmarks and a job on the command line:
/// <c>dotnet run -c Release --project bench/Vozex.Bench -- --filter '*' --job short</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `queue <connection string> [records]`: the fulfilment queue measurement (bench/queue.sh), not a micro-benchmark.
        if (args is ["queue", var connectionString, ..])
            return await Queue.QueueBenchmark.RunAsync(connectionString, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5000);
        // `assignment <connection string>`: paid → assigned for service orders (bench/queue.sh runs it too).
        if (args is ["assignment", var assignmentConnection, ..])
            return await Queue.AssignmentBenchmark.RunAsync(assignmentConnection, perSecond: 20, seconds: 15);
        // `tenancy <connection string> [per second] [seconds] [back to back] [concurrent] [upgrade] [compare]`: issue 5 (bench/tenancy.sh).
        if (args is ["tenancy", var tenancyConnection, ..])
        {
            int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            return await Tenancy.TenancyBenchmark.RunAsync(tenancyConnection, Arg(2, 20), Arg(3, 10), Arg(4, 100), Arg(5, 20), Arg(6, 200), Arg(7, 20));
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
