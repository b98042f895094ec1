using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vozex.Web.Modules.Checkout.Placement;
using Vozex.Web.Modules.Checkout.Subdomains;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Checkout.Cart;

internal static class CartRegistration
{
    public static IServiceCollection AddCart(this IServiceCollection services)
    {
        services.AddScoped<CartService>();
        services.AddScoped<CartPricer>();
        services.AddScoped<SubdomainAvailability>();
        services.TryAddScoped<CheckoutService>();
        services.AddSingleton<VisitorCartSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitorCartSweeper>());
        return services;
    }
}

/// <summary>
/// Deletes visitor carts nobody has touched for as long as their cookie lives: past that no browser can reach them.
/// A plain conditional delete, so any number of nodes may sweep at once.
/// </summary>
internal sealed class VisitorCartSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<VisitorCartSweeper> logger)
    : PeriodicSweeper(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var cutoff = Time.GetUtcNow() - CartCookie.Lifetime;
        var stale = db.Set<ShoppingCart>().Where(c => c.CustomerId == null && c.UpdatedAt < cutoff);
        // Items first: the foreign key's cascade is not relied on, so the sweep behaves the same on both engines.
        await db.Set<CartItem>().Where(i => stale.Any(c => c.Id == i.CartId)).ExecuteDeleteAsync(cancellationToken);
        return await stale.ExecuteDeleteAsync(cancellationToken);
    }
}
