using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Modules.Checkout.Quotes;
using Vozex.Web.Modules.Checkout.Subdomains;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Placement;

public sealed record CheckoutCommand(IReadOnlyList<QuoteItemRequest?>? Items, string? PaymentGateway, string? ReturnUrl);

public abstract record CheckoutOutcome
{
    public sealed record Created(Guid OrderId, string OrderNumber, string CheckoutUrl, bool Replayed) : CheckoutOutcome;
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : CheckoutOutcome;
    public sealed record IdempotencyConflict : CheckoutOutcome;
}

/// <summary>
/// Places an order: re-prices every item on the server (anything the client says a price is, is ignored),
/// snapshots configurations and price lines, reserves SaaS subdomains, and opens the gateway's checkout.
/// An Idempotency-Key makes a retry return the first order instead of a second one.
/// </summary>
public sealed class CheckoutService(
    MarketplaceDbContext db,
    QuoteService quotes,
    IPaymentGateways gateways,
    IRecurringCharges recurring,
    IAccountDirectory accounts,
    ITenantSlugs tenantSlugs,
    IAnalytics analytics,
    TimeProvider time)
{
    public const int MaxIdempotencyKeyLength = 100;
    private static readonly JsonSerializerOptions Json = CreateJson();

    public async Task<CheckoutOutcome> PlaceOrderAsync(Guid customerId, CheckoutCommand command, string? idempotencyKey, Uri origin, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength })
            errors["Idempotency-Key"] = [$"Use 1 to {MaxIdempotencyKeyLength} characters."];
        var gateway = command.PaymentGateway?.Trim();
        if (string.IsNullOrEmpty(gateway))
            errors["payment_gateway"] = [$"Required. Choose one of: {string.Join(", ", gateways.Enabled)}."];
        else if (!gateways.IsEnabled(gateway))
            errors["payment_gateway"] = [$"'{gateway}' is not offered. Choose one of: {string.Join(", ", gateways.Enabled)}."];
        var returnUrl = ResolveReturnUrl(command.ReturnUrl, origin, errors);
        if (errors.Count > 0) return new CheckoutOutcome.Invalid(errors);

        var requestHash = Hash(command);
        if (idempotencyKey is not null)
        {
            var existing = await db.Set<Order>().FirstOrDefaultAsync(o => o.CustomerId == customerId && o.IdempotencyKey == idempotencyKey, cancellationToken);
            if (existing is not null)
                return existing.RequestHash == requestHash
                    ? await ResumeAsync(existing, returnUrl, replayed: true, cancellationToken)
                    : new CheckoutOutcome.IdempotencyConflict();
        }

        var quoted = await quotes.QuoteAsync(command.Items, cancellationToken);
        if (!quoted.Succeeded) return new CheckoutOutcome.Invalid(quoted.Errors);
        // A gateway that keeps the subscription itself bills one per order (ADR 0015); a second SaaS item would never renew.
        var subscriptions = quoted.Quote.Items.Count(i => i.Recurring);
        if (subscriptions > 1 && !recurring.ChargesOnSchedule(gateway!))
            return new CheckoutOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["payment_gateway"] = [$"{GatewayNames.Title(gateway!)} bills one subscription per order and this order has {subscriptions} SaaS products: "
                    + "check them out one at a time, or choose another payment method."],
            });
        var customer = await accounts.FindAsync(customerId, cancellationToken)
            ?? throw new InvalidOperationException("A signed-in customer has no account.");

        var subdomains = await AssignSubdomainsAsync(quoted.Quote, customer, errors, cancellationToken);
        if (errors.Count > 0) return new CheckoutOutcome.Invalid(errors);

        var now = time.GetUtcNow();
        var quote = quoted.Quote;
        var order = new Order
        {
            Number = Order.NewNumber(),
            CustomerId = customerId,
            CustomerEmail = customer.Email,
            Currency = quote.Currency,
            Subtotal = quote.Subtotal.Amount,
            Discount = quote.Discount.Amount,
            Total = quote.Total.Amount,
            Gateway = gateway!,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            CreatedAt = now,
            ExpiresAt = now + Order.PaymentWindow,
            Items = quote.Items.Select((item, i) => Snapshot(item, i, subdomains.GetValueOrDefault(i))).ToList(),
        };
        db.Set<Order>().Add(order);
        foreach (var subdomain in subdomains.Values)
            db.Set<SubdomainReservation>().Add(new SubdomainReservation { Subdomain = subdomain, OrderId = order.Id, CreatedAt = now });
        // In the order's unit of work: a replayed Idempotency-Key or a lost race records no second start.
        analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CheckoutStarted, now, OrderId: order.Id, Gateway: order.Gateway,
            Amount: order.Total, Currency: order.Currency));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Lost a race: either the same Idempotency-Key (return that order) or a subdomain taken meanwhile.
            if (idempotencyKey is not null
                && await db.Set<Order>().FirstOrDefaultAsync(o => o.CustomerId == customerId && o.IdempotencyKey == idempotencyKey, cancellationToken) is { } winner)
                return winner.RequestHash == requestHash ? await ResumeAsync(winner, returnUrl, replayed: true, cancellationToken) : new CheckoutOutcome.IdempotencyConflict();
            foreach (var (index, subdomain) in subdomains)
                if (await db.Set<SubdomainReservation>().AnyAsync(r => r.Subdomain == subdomain, cancellationToken))
                    errors[$"items[{index}].configuration.subdomain"] = [$"'{subdomain}' was just taken. Choose another."];
            if (errors.Count > 0) return new CheckoutOutcome.Invalid(errors);
            throw;
        }
        return await ResumeAsync(order, returnUrl, replayed: false, cancellationToken);
    }

    /// <summary>Opens the gateway checkout if the order has none yet (a crash between the two steps heals on retry).</summary>
    private async Task<CheckoutOutcome> ResumeAsync(Order order, Uri returnUrl, bool replayed, CancellationToken cancellationToken)
    {
        if (order.CheckoutUrl is null)
        {
            var target = returnUrl.AbsolutePath == "/" ? new Uri(returnUrl, $"/orders/{order.Id}") : returnUrl;
            var session = await gateways.CreateCheckoutAsync(order.Gateway, new CheckoutRequest(
                order.Id, order.Number, order.TotalMoney, order.CustomerEmail, null,
                order.Items.OrderBy(i => i.Position).Select(i => new CheckoutLine(
                    $"{i.ProductName}{(i.BillingCycle is null ? "" : $" ({i.BillingCycle})")}", new(i.Total, order.Currency),
                    i.Id, ProductKey(i.ProductId), i.Recurring ? i.BillingCycle : null)).ToList(),
                target), cancellationToken);
            order.AttachCheckout(session, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A concurrent retry of the same order attached its session first; the customer is sent to that one.
                db.ChangeTracker.Clear();
                order = await db.Set<Order>().SingleAsync(o => o.Id == order.Id, cancellationToken);
                if (order.CheckoutUrl is null) throw;
            }
        }
        return new CheckoutOutcome.Created(order.Id, order.Number, order.CheckoutUrl!, replayed);
    }

    /// <summary>How a catalog product is named to gateways that keep products of their own.</summary>
    public static string ProductKey(long productId) => $"product-{productId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Each SaaS item gets a free subdomain: the chosen one if nobody holds it, else one derived from the customer's name.</summary>
    private async Task<Dictionary<int, string>> AssignSubdomainsAsync(Quote quote, AccountInfo customer, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var assigned = new Dictionary<int, string>();
        var chosen = quote.Items.Select((item, i) => (item.Configuration as SaasConfiguration, i)).Where(x => x.Item1 is not null).ToList();
        if (chosen.Count == 0) return assigned;
        var requested = chosen.Select(x => x.Item1!.Subdomain).OfType<string>().ToList();
        var taken = (await db.Set<SubdomainReservation>().Where(r => requested.Contains(r.Subdomain)).Select(r => r.Subdomain).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        // A tenant keeps its slug even where no reservation holds it any more.
        taken.UnionWith(await tenantSlugs.TakenAsync(requested, cancellationToken));
        foreach (var (saas, index) in chosen)
        {
            if (saas!.Subdomain is { } wanted)
            {
                if (taken.Contains(wanted)) errors[$"items[{index}].configuration.subdomain"] = [$"'{wanted}' is already taken. Choose another."];
                else assigned[index] = wanted;
            }
        }
        foreach (var (saas, index) in chosen.Where(x => x.Item1!.Subdomain is null))
            assigned[index] = await FreeDerivedAsync(SubdomainRules.Derive(customer.Name), assigned.Values, cancellationToken);
        return assigned;
    }

    private async Task<string> FreeDerivedAsync(string baseLabel, IEnumerable<string> alsoTaken, CancellationToken cancellationToken)
    {
        var candidates = Enumerable.Range(1, 50).Select(n => n == 1 ? baseLabel : SubdomainRules.WithSuffix(baseLabel, n)).ToList();
        var held = (await db.Set<SubdomainReservation>().Where(r => candidates.Contains(r.Subdomain)).Select(r => r.Subdomain).ToListAsync(cancellationToken))
            .Concat(alsoTaken).Concat(await tenantSlugs.TakenAsync(candidates, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return candidates.FirstOrDefault(c => !held.Contains(c))
            ?? SubdomainRules.WithSuffix(baseLabel, RandomNumberGenerator.GetInt32(1000, 100_000));
    }

    private static OrderItem Snapshot(ItemQuote item, int position, string? subdomain)
    {
        var configuration = item.Configuration is SaasConfiguration saas && subdomain is not null ? saas with { Subdomain = subdomain } : item.Configuration;
        return new OrderItem
        {
            Position = position,
            ProductId = item.ProductId,
            ProductSlug = item.ProductSlug,
            ProductName = item.ProductName,
            ProductType = item.ProductType,
            DeliveryModel = item.DeliveryModel,
            Configuration = JsonSerializer.Serialize(configuration, Json),
            Lines = item.Lines.Select(l => new OrderLine(l.Label, l.Amount.Amount)).ToList(),
            Subtotal = item.Subtotal.Amount,
            Discount = item.Discount.Amount,
            Total = item.Total.Amount,
            BillingCycle = item.BillingCycle,
            Recurring = item.Recurring,
            NextRenewalAmount = item.NextRenewalAmount?.Amount,
            Subdomain = subdomain,
            Terms = item.Terms.ToJson(),
        };
    }

    /// <summary>Return URLs only to our own origin (SPEC §11): a relative path, or an absolute URL on this host.</summary>
    private static Uri ResolveReturnUrl(string? raw, Uri origin, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return new Uri(origin, "/");
        if (raw.StartsWith('/') && !raw.StartsWith("//", StringComparison.Ordinal) && !raw.Contains('\\', StringComparison.Ordinal)
            && Uri.TryCreate(origin, raw, out var relative))
            return relative;
        if (Uri.TryCreate(raw, UriKind.Absolute, out var absolute)
            && string.Equals(absolute.GetLeftPart(UriPartial.Authority), origin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            return absolute;
        errors["return_url"] = ["Must be a path on this site (e.g. /orders) or a URL of this site's origin."];
        return origin;
    }

    /// <summary>Same key and same body → same order; the hash is over the body as parsed, so formatting does not matter.</summary>
    private static string Hash(CheckoutCommand command) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command, Json))));

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        HttpPlatform.ConfigureJson(options);
        return options;
    }
}
