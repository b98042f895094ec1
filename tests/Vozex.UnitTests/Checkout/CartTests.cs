using System.Text.Json;
using Vozex.Web.Modules.Checkout.Cart;
using Vozex.Web.Modules.Checkout.Pages;
using Vozex.Web.Modules.Checkout.Pricing;

namespace Vozex.UnitTests.Checkout;

public sealed class CartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static string Config(string license) => CartJson.Serialize(new SelfHostedConfiguration(license, "basic", "1_year"));

    [Fact]
    public void Merging_moves_the_visitors_items_after_the_customers_keeping_their_ids_and_skipping_identical_ones()
    {
        var customer = ShoppingCart.ForCustomer(Guid.NewGuid(), Now);
        var mine = customer.Add("vaultkeep-backup", "VaultKeep Backup", Config("standard"), Now);
        var visitor = ShoppingCart.ForVisitor(ShoppingCart.HashToken(ShoppingCart.NewToken()), Now);
        var same = visitor.Add("vaultkeep-backup", "VaultKeep Backup", Config("standard"), Now);
        var other = visitor.Add("vaultkeep-backup", "VaultKeep Backup", Config("professional"), Now);
        var service = visitor.Add("brandcraft-logo-identity", "BrandCraft", Config("standard"), Now);

        var left = customer.MergeFrom(visitor, Now.AddMinutes(1));

        Assert.Equal([mine.Id, other.Id, service.Id], customer.Items.Select(i => i.Id));
        Assert.Equal([0, 1, 2], customer.Items.Select(i => i.Position));
        Assert.All(customer.Items, i => Assert.Equal(customer.Id, i.CartId));
        Assert.Equal([same.Id], left.Select(i => i.Id));
        Assert.Equal(Now.AddMinutes(1), customer.UpdatedAt);
    }

    [Fact]
    public void Merging_stops_at_the_item_limit()
    {
        var customer = ShoppingCart.ForCustomer(Guid.NewGuid(), Now);
        for (var i = 0; i < ShoppingCart.MaxItems - 1; i++) customer.Add("vaultkeep-backup", "VaultKeep Backup", Config("standard"), Now);
        var visitor = ShoppingCart.ForVisitor("x", Now);
        visitor.Add("vaultkeep-backup", "VaultKeep Backup", Config("professional"), Now);
        var extra = visitor.Add("vaultkeep-backup", "VaultKeep Backup", Config("enterprise"), Now);

        var left = customer.MergeFrom(visitor, Now);

        Assert.Equal(ShoppingCart.MaxItems, customer.Items.Count);
        Assert.Equal([extra.Id], left.Select(i => i.Id));
        Assert.Throws<InvalidOperationException>(() => customer.Add("vaultkeep-backup", "VaultKeep Backup", Config("standard"), Now));
    }

    [Fact]
    public void Every_change_moves_the_concurrency_version()
    {
        var cart = ShoppingCart.ForVisitor("x", Now);
        var before = cart.Version;
        var item = cart.Add("vaultkeep-backup", "VaultKeep Backup", Config("standard"), Now);
        var added = cart.Version;
        cart.Remove(item, Now);
        Assert.NotEqual(before, added);
        Assert.NotEqual(added, cart.Version);
    }

    [Fact]
    public void Checking_out_removes_only_the_placed_items_and_remembers_the_request()
    {
        var cart = ShoppingCart.ForCustomer(Guid.NewGuid(), Now);
        var placed = cart.Add("vaultkeep-backup", "VaultKeep Backup", Config("standard"), Now);
        var later = cart.Add("vaultkeep-backup", "VaultKeep Backup", Config("professional"), Now);
        var checkout = new PlacedCheckout("key-1", "sandbox", [new PlacedCheckoutItem(placed.ProductSlug, placed.Configuration)]);

        cart.RecordCheckout(checkout, [placed.Id], Now);

        Assert.Equal([later.Id], cart.Items.Select(i => i.Id));
        Assert.Equal("key-1", cart.LastCheckout?.IdempotencyKey);
    }

    [Fact]
    public void Tokens_are_43_base64url_characters_and_only_their_sha256_is_kept()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => ShoppingCart.NewToken()).ToList();
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        var hash = ShoppingCart.HashToken(tokens[0]);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, ShoppingCart.HashToken(tokens[0]));
        Assert.NotEqual(hash, ShoppingCart.HashToken(tokens[1]));
    }

    [Theory]
    [InlineData("items[3].configuration.plan", 3, "configuration.plan")]
    [InlineData("items[0].product_slug", 0, "product_slug")]
    [InlineData("items[12].configuration.features[1]", 12, "configuration.features[1]")]
    [InlineData("items[2]", 2, "item")]
    public void Quote_error_paths_are_split_into_the_item_and_its_field(string key, int index, string field) =>
        Assert.Equal((index, field), CartPricer.ItemKey(key));

    [Theory]
    [InlineData("items")]
    [InlineData("payment_gateway")]
    [InlineData("items[x].plan")]
    public void Errors_about_the_whole_request_belong_to_no_item(string key) => Assert.Null(CartPricer.ItemKey(key));

    [Fact]
    public void A_stored_configuration_reads_back_as_the_same_typed_configuration()
    {
        var saas = new SaasConfiguration("professional", ["kitchen_display"], "annual", "rosies", null);
        var json = CartJson.Serialize(saas);
        Assert.StartsWith("{\"delivery_model\":\"saas\"", json);
        var back = Assert.IsType<SaasConfiguration>(CartJson.Deserialize(json));
        Assert.Equal(saas.Plan, back.Plan);
        Assert.Equal(saas.Features, back.Features);
        Assert.Equal("saas", CartJson.DeliveryModel(CartJson.Element(json)));
        Assert.Null(CartJson.Deserialize("{\"delivery_model\":\"teleport\"}"));
    }

    [Fact]
    public void The_configurator_form_becomes_the_configuration_of_the_products_model()
    {
        var form = new ConfiguratorState
        {
            Plan = "basic", Features = ["tip_pooling"], BillingCycle = "annual", Subdomain = " Rosies-Diner ", CustomDomain = "  ",
            LicenseType = "standard", Package = "starter", Requirements = "", Timeline = "rush",
        };

        var saas = form.ToConfiguration("saas");
        Assert.Equal("basic", saas.GetProperty("plan").GetString());
        Assert.Equal(["tip_pooling"], saas.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("rosies-diner", saas.GetProperty("subdomain").GetString());
        Assert.False(saas.TryGetProperty("custom_domain", out _));
        Assert.False(saas.TryGetProperty("license_type", out _));

        var service = form.ToConfiguration("service");
        Assert.False(service.TryGetProperty("requirements", out _));
        Assert.Equal("Stand-in", form.ToConfiguration("service", "Stand-in").GetProperty("requirements").GetString());
        Assert.Equal(JsonValueKind.Object, form.ToConfiguration("self_hosted").ValueKind);
    }
}
