using Vozex.Web.Modules.Catalog.Seed;
using Vozex.Web.Modules.ServiceOrders.Seed;

namespace Vozex.UnitTests.ServiceOrders;

public sealed class DemoProvidersTests
{
    private static readonly HashSet<string> ProviderSkills = [.. DemoProviders.Providers.SelectMany(p => p.Skills)];

    private static IEnumerable<DemoProduct> ServiceProducts =>
        DemoCatalog.Products.Where(p => p.Options.RequiredSkills is { Count: > 0 });

    [Fact]
    public void Every_demo_service_product_but_one_has_a_demo_provider_with_all_its_skills()
    {
        var staffed = ServiceProducts.Where(p => DemoProviders.Providers.Any(provider => p.Options.RequiredSkills!.All(provider.Skills.Contains))).ToList();
        var unstaffed = ServiceProducts.Except(staffed).Select(p => p.Slug).ToList();

        Assert.Equal(["ledgerproof-contract-audit"], unstaffed);
        Assert.True(staffed.Count >= 8, $"only {staffed.Count} service products can be assigned");
    }

    [Fact]
    public void Exactly_one_required_skill_is_one_nobody_has()
    {
        var uncovered = ServiceProducts.SelectMany(p => p.Options.RequiredSkills!).Distinct().Where(s => !ProviderSkills.Contains(s)).ToList();

        Assert.Equal([DemoCatalog.UnstaffedDemoSkill], uncovered);
    }
}
