using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Npgsql;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Xunit.Abstractions;

namespace Vozex.IntegrationTests.Fulfillment;

/// <summary>
/// The app as a real child process on PostgreSQL, killed with SIGKILL at random moments while 50 paid orders are
/// being fulfilled, and restarted each time. Nothing may be lost and nothing done twice.
/// </summary>
[Collection("postgres")]
public sealed class CrashTests(PostgresCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Orders = 50;
    private const int Kills = 6;
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"vozex-crash-{Guid.NewGuid():N}.log");
    private Process? _host;
    private string _connectionString = "";
    private int _port;
    private int _starts;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_paid_order_is_fulfilled_and_confirmed_by_mail_exactly_once_across_repeated_SIGKILLs()
    {
        _connectionString = cluster.ConnectionString(await cluster.NewMigratedDatabaseAsync());
        await ExecuteAsync("""
            CREATE TABLE crash_runs (id bigserial PRIMARY KEY, fulfillment_id bigint NOT NULL, pid int NOT NULL, at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE crash_effects (id bigserial PRIMARY KEY, fulfillment_id bigint NOT NULL, order_item_id bigint NOT NULL);
            """);
        _port = FreePort();
        await StartHostAsync();
        var shop = new SandboxPurchases(new Uri($"http://127.0.0.1:{_port}"));

        // Place the orders (two items each) while the host is up, then pay them all as fast as a crowd would.
        var customer = await shop.CustomerAsync();
        var placed = new List<JsonElement>();
        for (var i = 0; i < Orders; i++)
            placed.Add(await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem()));
        foreach (var order in placed) await shop.SubmitAsync(order, "pay");

        // Kill at random moments while webhooks are processed and records are run; restart each time.
        var kills = 0;
        while (kills < Kills)
        {
            await Task.Delay(Random.Shared.Next(150, 900));
            var processed = await ScalarAsync("SELECT count(*) FROM crash_runs");
            var unfinished = await ScalarAsync("SELECT count(*) FROM fulfillment_records WHERE status IN ('pending', 'processing', 'retrying')")
                + Orders - await ScalarAsync("SELECT count(DISTINCT order_id) FROM fulfillment_records");
            Kill();
            kills++;
            output.WriteLine($"kill {kills} after {processed} driver runs, {unfinished} records or unpaid orders unfinished");
            Assert.True(unfinished > 0, $"Kill {kills} came after all the work was done; the test proves nothing.");
            await StartHostAsync();
        }

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await ScalarAsync("SELECT count(*) FROM checkout_orders WHERE status = 'fulfilled'") < Orders)
        {
            Assert.True(DateTime.UtcNow < deadline, "Not every order was fulfilled: " + await StatusSummaryAsync());
            await Task.Delay(250);
        }

        Assert.Equal(Orders * 2, await ScalarAsync("SELECT count(*) FROM fulfillment_records WHERE status = 'active'"));
        Assert.Equal(Orders * 2, await ScalarAsync("SELECT count(*) FROM fulfillment_records"));
        // Exactly one effect per item, and it belongs to the item's record.
        Assert.Equal(Orders * 2, await ScalarAsync("SELECT count(*) FROM crash_effects"));
        Assert.Equal(Orders * 2, await ScalarAsync("SELECT count(DISTINCT order_item_id) FROM crash_effects"));
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM fulfillment_records r
            LEFT JOIN crash_effects e ON e.fulfillment_id = r.id AND e.order_item_id = r.order_item_id
            WHERE e.id IS NULL OR r.external_reference_id <> 'effect-' || r.id
            """));
        Assert.Equal(Orders, await ScalarAsync("SELECT count(*) FROM payments_payments"));

        // Exactly one confirmation mail per order: queued with the payment, delivered to the local mailbox in the
        // commit that marks it sent, whatever the kills interrupted.
        var mailDeadline = DateTime.UtcNow.AddMinutes(1);
        while (await ScalarAsync("SELECT count(*) FROM notifications_outbox WHERE status NOT IN ('done', 'failed')") > 0)
        {
            Assert.True(DateTime.UtcNow < mailDeadline, "The mail outbox never settled.");
            await Task.Delay(250);
        }
        Assert.Equal(Orders, await ScalarAsync("SELECT count(*) FROM notifications_outbox WHERE kind = 'order_confirmation' AND status = 'done'"));
        Assert.Equal(Orders, await ScalarAsync("SELECT count(*) FROM notifications_mailbox WHERE kind = 'order_confirmation'"));
        Assert.Equal(Orders, await ScalarAsync("""
            SELECT count(DISTINCT o.id) FROM checkout_orders o
            JOIN notifications_mailbox m ON m.kind = 'order_confirmation' AND m.subject LIKE '%' || o.number || '%'
            """));
        var runs = await ScalarAsync("SELECT count(*) FROM crash_runs");
        output.WriteLine($"{Kills} kills, {_starts} starts, {runs} driver runs for {Orders * 2} records");
        Assert.True(kills >= 5);
    }

    private async Task StartHostAsync()
    {
        var settings = string.Join('\n', new Dictionary<string, string>
        {
            ["ConnectionStrings:Marketplace"] = _connectionString,
            ["Vozex:Payments:Sandbox:WebhookSecret"] = "whsec_" + Convert.ToBase64String("crash-test-sandbox-secret-32byte"u8),
            ["Vozex:Fulfillment:Lease"] = "00:00:03",
            ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.200",
            // Two at a time with a driver of 100-400 ms: the 100 records need ~12 s of uptime, far more than the ~4 s the
            // kills leave between them, so every kill lands while work is in flight however fast the machine is.
            ["Vozex:Fulfillment:Parallelism"] = "2",
            ["Vozex:Mail:Sender:Lease"] = "00:00:03",
        }.Select(kv => $"{kv.Key}={kv.Value}"));
        var start = new ProcessStartInfo("dotnet", [CrashHostPath(), _port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["VOZEX_CRASH_SETTINGS"] = settings;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        _host = Process.Start(start)!;
        _starts++;
        var log = _log;
        _host.OutputDataReceived += (_, e) => { if (e.Data is not null) File.AppendAllText(log, e.Data + "\n"); };
        _host.ErrorDataReceived += (_, e) => { if (e.Data is not null) File.AppendAllText(log, e.Data + "\n"); };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_host.HasExited, "The crash host exited on its own: " + Tail());
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{_port}/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Assert.True(DateTime.UtcNow < deadline, "The crash host did not become ready: " + Tail());
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release, open transactions cut off.</summary>
    private void Kill()
    {
        if (_host is null || _host.HasExited) return;
        _host.Kill(entireProcessTree: true);
        _host.WaitForExit();
        _host.Dispose();
        _host = null;
    }

    private static string CrashHostPath()
    {
        var configuration = typeof(CrashTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vozex.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "tests", "Vozex.CrashHost", "bin", configuration, "net10.0", "Vozex.CrashHost.dll");
        Assert.True(File.Exists(path), $"Build the crash host first: {path}");
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string Tail() => File.Exists(_log) ? string.Join('\n', File.ReadLines(_log).TakeLast(30)) : "(no output)";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> StatusSummaryAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT 'order ' || status || ': ' || count(*) FROM checkout_orders GROUP BY status UNION ALL SELECT 'record ' || status || ': ' || count(*) FROM fulfillment_records GROUP BY status",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync()) parts.Add(reader.GetString(0));
        return string.Join(", ", parts) + "\n" + Tail();
    }
}
