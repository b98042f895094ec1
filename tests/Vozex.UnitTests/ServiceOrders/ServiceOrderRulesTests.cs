using Vozex.Web.Modules.ServiceOrders.Domain;
using static Vozex.Web.Modules.ServiceOrders.Domain.ServiceOrderStatus;

namespace Vozex.UnitTests.ServiceOrders;

public sealed class ProviderMatcherTests
{
    private static readonly string[] Logo = ["branding", "graphic_design"];

    private static ProviderCandidate P(int n, string[] skills, double rating = 3.0, int open = 0, int capacity = 3, bool available = true) =>
        new(new Guid(n, 0, 0, new byte[8]), skills, available, capacity, open, rating);

    [Fact]
    public void Only_providers_with_every_required_skill_qualify()
    {
        var ranked = ProviderMatcher.Rank([P(1, ["graphic_design"]), P(2, ["branding", "graphic_design", "illustration"])], Logo);
        Assert.Equal([P(2, []).Id], ranked.Select(p => p.Id));
    }

    [Fact]
    public void Unavailable_and_full_providers_do_not_qualify_and_declined_ones_are_skipped()
    {
        var ranked = ProviderMatcher.Rank(
            [P(1, Logo, available: false), P(2, Logo, open: 3, capacity: 3), P(3, Logo), P(4, Logo)], Logo, excluded: [P(3, []).Id]);
        Assert.Equal([P(4, []).Id], ranked.Select(p => p.Id));
    }

    [Fact]
    public void Highest_rating_wins_then_the_least_loaded_then_the_lowest_id()
    {
        var ranked = ProviderMatcher.Rank([P(5, Logo, rating: 4.0, open: 1), P(4, Logo, rating: 4.0, open: 0), P(3, Logo, rating: 4.0, open: 0), P(2, Logo, rating: 4.5, open: 2)], Logo);
        Assert.Equal([2, 3, 4, 5], ranked.Select(p => BitConverter.ToInt32(p.Id.ToByteArray(), 0)));
    }

    [Fact]
    public void An_unrated_provider_ranks_at_the_midpoint()
    {
        var unrated = new Provider { Id = Guid.NewGuid(), Name = "New", Email = "new@example.com" };
        Assert.Equal(Provider.UnratedScore, unrated.Rating);
        Assert.Null(unrated.AverageRating);
        unrated.RatingSum = 9;
        unrated.RatingCount = 2;
        Assert.Equal(4.5, unrated.Rating);
    }
}

public sealed class ServiceOrderLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ServiceOrder NewOrder() => new()
    {
        OrderNumber = "VZX-AAAAA-BBBBB", CustomerEmail = "ada@example.com", ProductSlug = "brandcraft", ProductName = "BrandCraft",
        ProductType = "design_services", PackageId = "standard", PackageName = "Brand Identity", Timeline = "standard", Requirements = "A logo",
        CreatedAt = Now, EstimatedCompletion = Now.AddDays(10),
    };

    [Theory]
    [InlineData(PendingAssignment, Assigned, true)]
    [InlineData(PendingAssignment, InProgress, false)]
    [InlineData(Assigned, PendingAssignment, true)]
    [InlineData(Assigned, Delivered, false)]
    [InlineData(InProgress, Delivered, true)]
    [InlineData(Delivered, InProgress, true)]
    [InlineData(Delivered, Completed, true)]
    [InlineData(Completed, Cancelled, false)]
    [InlineData(Cancelled, Assigned, false)]
    public void Transitions_follow_the_spec(ServiceOrderStatus from, ServiceOrderStatus to, bool allowed) =>
        Assert.Equal(allowed, ServiceOrderStateMachine.CanTransition(from, to));

    [Fact]
    public void Declining_returns_the_order_to_the_queue_and_remembers_who_declined()
    {
        var order = NewOrder();
        var provider = Guid.NewGuid();
        order.Assign(provider, Now);
        Assert.Equal(provider, order.Decline(Now));
        Assert.Equal((PendingAssignment, (Guid?)null), (order.Status, order.ProviderId));
        Assert.Equal([provider], order.DeclinedBy);
    }

    [Fact]
    public void An_accepted_order_cannot_be_declined()
    {
        var order = NewOrder();
        order.Assign(Guid.NewGuid(), Now);
        order.Accept(Now);
        Assert.Throws<ServiceOrderException>(() => order.Decline(Now));
    }

    [Fact]
    public void A_delivery_completes_by_itself_only_after_three_days_and_a_revision_resets_the_wait()
    {
        var order = NewOrder();
        order.Assign(Guid.NewGuid(), Now);
        order.Start(Now);
        order.Deliver(Now);
        Assert.False(order.IsDueForAutoCompletion(Now.AddDays(3).AddSeconds(-1)));
        Assert.True(order.IsDueForAutoCompletion(Now.AddDays(3)));
        order.RequestRevision(Now.AddDays(1));
        Assert.False(order.IsDueForAutoCompletion(Now.AddDays(5)));
        Assert.Equal(1, order.Revisions);
    }

    [Fact]
    public void Only_a_completed_order_is_rated_once_from_1_to_5()
    {
        var order = NewOrder();
        Assert.Throws<ServiceOrderException>(() => order.Rate(5, Now));
        order.Assign(Guid.NewGuid(), Now);
        order.Start(Now);
        order.Deliver(Now);
        order.Complete(Now);
        Assert.Throws<ServiceOrderException>(() => order.Rate(6, Now));
        order.Rate(4, Now);
        Assert.Throws<ServiceOrderException>(() => order.Rate(5, Now));
        Assert.Equal(4, order.Rating);
    }

    [Fact]
    public void Cancelling_frees_capacity_only_when_the_order_held_it()
    {
        var waiting = NewOrder();
        Assert.Null(waiting.Cancel(Now));
        var working = NewOrder();
        var provider = Guid.NewGuid();
        working.Assign(provider, Now);
        working.Start(Now);
        Assert.Equal(provider, working.Cancel(Now));
        Assert.Equal(Cancelled, working.Status);
    }
}
