using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vozex.Web.Modules.Accounts.Auth;

/// <summary>Declares the bearer scheme in the OpenAPI document and marks the operations that need it, with their 401/403 outcomes.</summary>
internal static class OpenApiSecurity
{
    public const string SchemeName = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The access_token from POST /api/v1/auth/login or /api/v1/auth/refresh. Browsers may use the session cookie instead.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in, or the token expired (problem document)." });
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null && a.Policy != Platform.Security.Policies.Customer))
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Signed in without the required role (problem document)." });
            return Task.CompletedTask;
        });
    }
}
