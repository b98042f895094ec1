using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Vozex.Web.Platform.Web.Components;

/// <summary>Reading the select-many forms of the admin lists and showing a validation problem as one sentence.</summary>
public static class AdminForms
{
    /// <summary>The values that are ids; anything else a browser (or a tamperer) sent is ignored, and the API reports the rest.</summary>
    public static List<Guid> Guids(StringValues values) =>
        values.Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();

    public static string Describe(ValidationProblem problem) =>
        string.Join(" ", problem.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
