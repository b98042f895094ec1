using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Licensing.Activate;
using Vozex.Web.Modules.Licensing.Admin;
using Vozex.Web.Modules.Licensing.Contracts;
using Vozex.Web.Modules.Licensing.Dashboard;
using Vozex.Web.Modules.Licensing.Deactivate;
using Vozex.Web.Modules.Licensing.Downloads;
using Vozex.Web.Modules.Licensing.Files;
using Vozex.Web.Modules.Licensing.Issue;
using Vozex.Web.Modules.Licensing.Validate;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Licensing;

public static class LicensingModule
{
    /// <summary>Per client IP on the public license API (activate, deactivate, validate).</summary>
    internal const string LicenseApiPolicy = "license-api";

    /// <summary>Per client IP on <c>/download/{token}</c>.</summary>
    internal const string DownloadPolicy = "downloads";

    public static IHostApplicationBuilder AddLicensing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LicensingOptions>().BindConfiguration(LicensingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<LicenseKeyProtector>();
        services.AddSingleton<LicenseApiLimiter>();
        services.AddSingleton<IReleaseFileStore, ReleaseFileStore>();
        services.AddScoped<ReleaseFiles>();
        services.AddScoped<DownloadLinks>();
        services.AddScoped<Seats>();
        services.AddScoped<SeatChurn>();
        services.AddScoped<CustomerLicenses>();
        services.AddScoped<ILicenseRevocation, LicenseRevocation>();
        services.AddScoped<ILicenseOverview, LicenseOverviewQuery>();
        services.AddScoped<Checkout.Contracts.IRefundObserver, LicenseRefunds>();
        services.AddScoped<IFulfillmentDriver, LicenseFulfillmentDriver>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LicenseApiPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<LicensingOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(RateLimiting.ClientPartition(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.ApiPermitsPerIp, Window = options.ApiWindow, QueueLimit = 0,
                });
            });
            o.AddPolicy(DownloadPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<LicensingOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(RateLimiting.ClientPartition(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.DownloadsPerIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    public static RouteGroupBuilder MapLicensing(this RouteGroupBuilder api)
    {
        var licenses = api.MapGroup("/licenses").WithTags("License API").AllowAnonymous();
        licenses.MapPost("/activate", ActivateEndpoint.Handle).RequireRateLimiting(LicenseApiPolicy).WithName("ActivateLicense")
            .WithSummary("Activates a machine (fingerprint) on a license key: 201, or 200 for a machine already activated; 409 when every seat is taken.");
        licenses.MapPost("/deactivate", DeactivateEndpoint.Handle).RequireRateLimiting(LicenseApiPolicy).WithName("DeactivateLicense")
            .WithSummary("Frees the seat of a machine: 204.");
        licenses.MapPost("/validate", ValidateEndpoint.Handle).RequireRateLimiting(LicenseApiPolicy).WithName("ValidateLicense")
            .WithSummary("Says whether a key (and, if given, a machine) is valid, with a code from VALID, EXPIRED, REVOKED, SUSPENDED, NOT_ACTIVATED, TOO_MANY_ACTIVATIONS, NOT_FOUND.");
        licenses.MapGet("/public-key", ValidateEndpoint.PublicKey).WithName("LicensePublicKey")
            .WithSummary("The Ed25519 public key (raw 32 bytes, base64 and hex) that signs license files.");
        api.MapCustomerLicenses();
        api.MapLicenseAdminApi();
        return api;
    }

    /// <summary>Outside /api/v1: download links are URLs people paste into browsers and download managers.</summary>
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadLinks.PathPrefix + "{token}", DownloadEndpoint.Handle).AllowAnonymous().RequireRateLimiting(DownloadPolicy)
            .WithTags("Downloads").WithName("Download")
            .WithSummary("Streams a release file (Range supported). 404 unknown link; 410 expired, used up or withdrawn.");
        return app;
    }
}
