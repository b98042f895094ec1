using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Recurring;

/// <summary>Prices and orders for subscriptions, through the same pricing engine and order model as checkout.</summary>
internal sealed class RecurringBilling(MarketplaceDbContext db, TimeProvider time) : IRecurringBilling
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public async Task<IReadOnlyList<long>> RecurringItemIdsAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<Order>().AsNoTracking().IgnoreAutoIncludes().Where(o => o.Id == orderId)
            .SelectMany(o => o.Items.Where(i => i.Recurring).Select(i => i.Id)).ToListAsync(cancellationToken);

    public async Task<SaasItemSnapshot?> SaasItemAsync(long orderItemId, CancellationToken cancellationToken)
    {
        var row = await db.Set<Order>().AsNoTracking().IgnoreAutoIncludes()
            .SelectMany(o => o.Items.Where(i => i.Id == orderItemId), (o, i) => new { Order = o, Item = i })
            .OrderBy(x => x.Item.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || !row.Item.Recurring || row.Item.BillingCycle is null) return null;
        if (JsonSerializer.Deserialize<ItemConfiguration>(row.Item.Configuration, Json) is not SaasConfiguration saas) return null;
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == row.Item.ProductId, cancellationToken);
        var months = product is null ? MonthsOf(row.Item.BillingCycle) : PricingEngine.SaasCycles(product).FirstOrDefault(c => c.Id == row.Item.BillingCycle)?.Months ?? MonthsOf(row.Item.BillingCycle);
        return new SaasItemSnapshot(row.Order.Id, row.Order.Number, row.Item.Id, row.Order.CustomerId, row.Order.CustomerEmail, row.Order.Gateway,
            row.Item.ProductId, row.Item.ProductSlug, row.Item.ProductName, row.Item.ProductType, saas.Plan, saas.Features, row.Item.BillingCycle, months,
            row.Order.Currency, row.Item.Lines.Select(l => new BillingLine(l.Label, l.Amount)).ToList(), row.Item.Discount, row.Item.Total,
            row.Order.PaidAt ?? row.Order.CreatedAt);
    }

    public async Task<SaasPriceResult> PriceSaasAsync(string productSlug, string plan, IReadOnlyList<string> features, string billingCycle, CancellationToken cancellationToken)
    {
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == productSlug, cancellationToken);
        if (product is null || product.Type.Model != DeliveryModel.Saas)
            return new SaasPriceResult.Invalid(new Dictionary<string, string[]> { ["plan"] = ["The product is no longer offered."] });
        var errors = new ValidationErrors();
        var element = JsonSerializer.SerializeToElement(new { plan, features, billing_cycle = billingCycle });
        if (ConfigurationParser.Parse(product, element, "", errors) is not SaasConfiguration configuration)
            return new SaasPriceResult.Invalid(errors.ToDictionary().ToDictionary(e => e.Key.TrimStart('.'), e => e.Value, StringComparer.Ordinal));
        var quote = PricingEngine.Price(product, configuration);
        var planName = product.Options.PricingPlans!.First(p => p.Id == configuration.Plan).Name;
        return new SaasPriceResult.Priced(new SaasPrice(configuration.Plan, planName, configuration.Features, configuration.BillingCycle,
            quote.BillingCycleMonths ?? 1, quote.Currency, quote.Lines.Select(l => new BillingLine(l.Label, l.Amount.Amount)).ToList(),
            quote.Discount.Amount, quote.Total.Amount));
    }

    public BillingOrder AddPaidOrder(BillingOrderRequest request)
    {
        var now = time.GetUtcNow();
        var configuration = JsonSerializer.Serialize<ItemConfiguration>(
            new SaasConfiguration(request.Plan, request.Features, request.BillingCycle, request.Subdomain, null), Json);
        var subtotal = request.Lines.Sum(l => l.Amount);
        var order = new Order
        {
            Id = request.OrderId,
            Number = Order.NewNumber(),
            CustomerId = request.CustomerId,
            CustomerEmail = request.CustomerEmail,
            Currency = request.Currency,
            Subtotal = subtotal,
            Discount = request.Discount,
            Total = request.Total,
            Gateway = request.Gateway,
            CreatedAt = now,
            ExpiresAt = now,
            Items =
            [
                new OrderItem
                {
                    Position = 0,
                    ProductId = request.ProductId,
                    ProductSlug = request.ProductSlug,
                    ProductName = request.ProductName,
                    ProductType = request.ProductType,
                    DeliveryModel = "saas",
                    Configuration = configuration,
                    Lines = request.Lines.Select(l => new OrderLine(l.Label, l.Amount)).ToList(),
                    Subtotal = subtotal,
                    Discount = request.Discount,
                    Total = request.Total,
                    BillingCycle = request.BillingCycle,
                    Recurring = request.NextRenewalAmount is not null,
                    NextRenewalAmount = request.NextRenewalAmount,
                    Subdomain = request.Subdomain,
                },
            ],
        };
        var applied = order.ApplyPayment(new PaymentConfirmed(request.Gateway, request.GatewayPaymentId, order.Id, new Money(request.Total, request.Currency), request.PaidAt));
        if (applied != PaymentApplication.Applied)
            throw new InvalidOperationException($"A billing order could not be marked paid ({applied.WireName()}).");
        order.FollowFulfillment([FulfillmentStatus.Active], request.PaidAt);
        db.Set<Order>().Add(order);
        return new BillingOrder(order.Id, order.Number);
    }

    private static int MonthsOf(string cycle) => cycle switch { "annual" => 12, "quarterly" => 3, _ => 1 };

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        HttpPlatform.ConfigureJson(options);
        return options;
    }
}
