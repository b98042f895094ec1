using BenchmarkDotNet.Attributes;
using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.Bench;

/// <summary>The from-price each product write computes, once per delivery model.</summary>
[MemoryDiagnoser]
public class FromPriceBenchmarks
{
    private long _saasBase, _selfHostedBase, _serviceBase;
    private ProductOptions _saas = new(), _selfHosted = new(), _service = new();

    [GlobalSetup]
    public void Setup()
    {
        var saas = BenchData.FirstOf(DeliveryModel.Saas);
        var selfHosted = BenchData.FirstOf(DeliveryModel.SelfHosted);
        var service = BenchData.FirstOf(DeliveryModel.Service);
        (_saasBase, _saas) = (saas.BasePrice, saas.Options);
        (_selfHostedBase, _selfHosted) = (selfHosted.BasePrice, selfHosted.Options);
        (_serviceBase, _service) = (service.BasePrice, service.Options);
    }

    [Benchmark]
    public long Saas() => FromPrice.Compute(DeliveryModel.Saas, _saasBase, _saas);

    [Benchmark]
    public long SelfHosted() => FromPrice.Compute(DeliveryModel.SelfHosted, _selfHostedBase, _selfHosted);

    [Benchmark]
    public long Service() => FromPrice.Compute(DeliveryModel.Service, _serviceBase, _service);
}

/// <summary>Option-set validation of a valid product (the common case), once per delivery model.</summary>
[MemoryDiagnoser]
public class ProductOptionsValidatorBenchmarks
{
    private ProductType _saasType = null!, _selfHostedType = null!, _serviceType = null!;
    private long _saasBase, _selfHostedBase, _serviceBase;
    private ProductOptions _saas = new(), _selfHosted = new(), _service = new();

    [GlobalSetup]
    public void Setup()
    {
        var saas = BenchData.FirstOf(DeliveryModel.Saas);
        var selfHosted = BenchData.FirstOf(DeliveryModel.SelfHosted);
        var service = BenchData.FirstOf(DeliveryModel.Service);
        (_saasType, _saasBase, _saas) = (BenchData.TypeOf(saas), saas.BasePrice, saas.Options);
        (_selfHostedType, _selfHostedBase, _selfHosted) = (BenchData.TypeOf(selfHosted), selfHosted.BasePrice, selfHosted.Options);
        (_serviceType, _serviceBase, _service) = (BenchData.TypeOf(service), service.BasePrice, service.Options);
        foreach (var (type, price, options) in new[] { (_saasType, _saasBase, _saas), (_selfHostedType, _selfHostedBase, _selfHosted), (_serviceType, _serviceBase, _service) })
            if (ProductOptionsValidator.Validate(type, price, options).Count > 0)
                throw new InvalidOperationException($"The demo options of type {type.Id} are expected to be valid.");
    }

    [Benchmark]
    public int Saas() => ProductOptionsValidator.Validate(_saasType, _saasBase, _saas).Count;

    [Benchmark]
    public int SelfHosted() => ProductOptionsValidator.Validate(_selfHostedType, _selfHostedBase, _selfHosted).Count;

    [Benchmark]
    public int Service() => ProductOptionsValidator.Validate(_serviceType, _serviceBase, _service).Count;
}
