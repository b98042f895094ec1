using System.Text.Encodings.Web;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Tenancy.Sites;

/// <summary>Marks endpoints served on tenant hosts; everything else is the marketplace's and answers 404 there.</summary>
internal sealed class TenantSiteEndpointMetadata;

/// <summary>
/// Resolves tenant hosts (SPEC §7.1): an unknown tenant host is 404, a suspended tenant 403, and on a tenant host only
/// tenant-site endpoints (and static assets) are served, so the storefront, the marketplace API and its sessions never
/// answer under a tenant's name. Tenant-site endpoints on the marketplace's own host are 404 too.
/// </summary>
internal sealed class TenantSiteMiddleware(RequestDelegate next, TenantSites sites)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var isTenantEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<TenantSiteEndpointMetadata>() is not null;
        var slug = sites.SlugOf(context.Request.Host);
        if (slug is null)
        {
            if (isTenantEndpoint) await RefuseAsync(context, StatusCodes.Status404NotFound, "Not found", "This address is not a tenant site.");
            else await next(context);
            return;
        }

        var site = await sites.FindAsync(slug, context.RequestAborted);
        if (site is null || site.Status is TenantStatus.Cancelled or TenantStatus.Deleted)
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound, "Site not found", "No site exists at this address.");
            return;
        }
        if (site.Status == TenantStatus.Suspended)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Site suspended", "This site is suspended. Its owner can contact VOZEX support.");
            return;
        }
        if (!isTenantEndpoint && !IsStaticAsset(context))
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound, "Not found", "This page does not exist on this site.");
            return;
        }
        context.Features.Set(site);
        await next(context);
    }

    private static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint() is { } endpoint && endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true
        || context.Request.Path.StartsWithSegments("/_framework") || context.Request.Path.StartsWithSegments("/app.css");

    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (context.Request.IsApiRequest())
        {
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(TenantPageHtml.Document(title,
            $"<section class=\"empty-state\"><h1>{HtmlEncoder.Default.Encode(title)}</h1><p>{HtmlEncoder.Default.Encode(detail)}</p></section>"));
    }
}

/// <summary>The shell of tenant site pages: small, self-contained HTML (a tenant site is not the storefront).</summary>
internal static class TenantPageHtml
{
    public static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{HtmlEncoder.Default.Encode(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}main{max-width:860px;margin:2rem auto;padding:0 1rem}"
        + "section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:1.25rem;margin-bottom:1rem}label{display:block;margin:.5rem 0}"
        + "input{padding:.4rem;width:100%;max-width:320px}button{padding:.5rem 1rem;margin-top:.5rem}table{border-collapse:collapse}"
        + "td,th{padding:.25rem .75rem;border-bottom:1px solid #eee;text-align:left}.error{color:#b00020}</style></head>"
        + $"<body><main>{body}</main></body></html>";
}
