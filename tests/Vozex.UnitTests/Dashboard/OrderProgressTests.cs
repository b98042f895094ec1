using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Dashboard.Live;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.ServiceOrders.Contracts;

namespace Vozex.UnitTests.Dashboard;

public sealed class OrderProgressTests
{
    private static OrderProgressItem Item(string model, bool refunded = false) => new(7, 0, "Product", model, null, refunded);

    private static ItemFulfillment Record(FulfillmentStatus status, string? workspace = null) =>
        new(1, 7, "driver", status, 1, "ref", workspace, null, DateTimeOffset.UnixEpoch, null);

    [Theory]
    [InlineData("saas", "Provisioning your tenant… done")]
    [InlineData("self_hosted", "Issuing your license… done")]
    public void A_done_tenant_or_license_says_done(string model, string text)
    {
        var (state, said, _) = OrderProgressReader.Describe(Item(model), paid: true, Record(FulfillmentStatus.Active), null);
        Assert.Equal(("done", text), (state, said));
    }

    [Fact]
    public void A_service_is_done_only_once_a_provider_is_assigned()
    {
        var record = Record(FulfillmentStatus.Active, "/service-orders/abc");
        var waiting = OrderProgressReader.Describe(Item("service"), true, record, new ServiceOrderProgress(7, Guid.NewGuid(), "pending_assignment", null));
        var assigned = OrderProgressReader.Describe(Item("service"), true, record, new ServiceOrderProgress(7, Guid.NewGuid(), "assigned", "Dana"));
        Assert.Equal(("working", "Finding a provider…"), (waiting.State, waiting.Text));
        Assert.Equal(("done", "Finding a provider… assigned to Dana", "/service-orders/abc"), assigned);
    }

    [Fact]
    public void Nothing_starts_before_the_payment_and_a_refunded_item_stops()
    {
        Assert.Equal("waiting", OrderProgressReader.Describe(Item("saas"), paid: false, null, null).State);
        Assert.Equal("stopped", OrderProgressReader.Describe(Item("saas", refunded: true), paid: true, Record(FulfillmentStatus.Active), null).State);
    }

    [Theory]
    [InlineData(FulfillmentStatus.Pending, "working")]
    [InlineData(FulfillmentStatus.Processing, "working")]
    [InlineData(FulfillmentStatus.Retrying, "working")]
    [InlineData(FulfillmentStatus.Failed, "failed")]
    [InlineData(FulfillmentStatus.Revoked, "stopped")]
    public void Each_fulfilment_state_has_its_progress_state(FulfillmentStatus status, string expected) =>
        Assert.Equal(expected, OrderProgressReader.Describe(Item("self_hosted"), true, Record(status), null).State);

    [Fact]
    public void A_tenant_links_to_the_saas_tab_not_to_its_admin_on_another_host()
    {
        var (_, _, href) = OrderProgressReader.Describe(Item("saas"), true, Record(FulfillmentStatus.Active, "http://crumb.localhost:5000/admin"), null);
        Assert.Equal("/account/tenants", href);
    }

    [Fact]
    public void An_order_is_settled_when_nothing_is_still_being_set_up()
    {
        var order = new OrderProgress(Guid.NewGuid(), "VZX-1", "fulfilled", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);
        var working = new ItemProgressView(1, "A", "service", "working", "Finding a provider…", null);
        var done = working with { State = "done" };
        Assert.False(new OrderProgressView(order, [working]).Settled);
        Assert.True(new OrderProgressView(order, [done]).Settled);
        Assert.False(new OrderProgressView(order with { Status = "pending_payment" }, []).Settled);
        Assert.True(new OrderProgressView(order with { Status = "payment_failed" }, []).Settled);
    }
}
