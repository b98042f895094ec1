using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Catalog.Admin;

/// <summary>Page endpoints of the product editor that are not components: the release-file upload (multipart, then back to the editor).</summary>
internal static class ProductAdminPages
{
    public static IEndpointRouteBuilder MapCatalogAdminPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/products/{id:long}/release-files", UploadAsync)
            .RequireAuthorization(Policies.Admin)
            .DisableAntiforgery() // checked by hand below: the form is read as a whole, not bound parameter by parameter
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> UploadAsync(long id, HttpContext http, IAntiforgery antiforgery, ProductAdmin admin, CancellationToken cancellationToken)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.BadRequest();
        }
        var back = $"/admin/products/{id.ToString(CultureInfo.InvariantCulture)}";
        if (!http.Request.HasFormContentType) return TypedResults.LocalRedirect(back + "?upload_error=" + Uri.EscapeDataString("Choose a file to upload."));
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (file, errors, notFound) = await AdminProductEndpoints.UploadFromFormAsync(id, form, admin, http.User, cancellationToken);
        if (notFound) return TypedResults.NotFound();
        if (file is null)
            return TypedResults.LocalRedirect(back + "?upload_error=" + Uri.EscapeDataString(string.Join(" ", errors.SelectMany(e => e.Value))));
        return TypedResults.LocalRedirect(back + "?saved=1");
    }
}
