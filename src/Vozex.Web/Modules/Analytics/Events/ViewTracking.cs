using Vozex.Web.Modules.Analytics.Contracts;

namespace Vozex.Web.Modules.Analytics.Events;

/// <summary>
/// Counts successful GETs of endpoints marked <see cref="TrackViewAttribute"/>. It runs before the output cache, so a
/// cached catalog answer still counts as a view, and after the response, so only 2xx answers count.
/// </summary>
internal sealed class ViewTracking(RequestDelegate next, AnalyticsQueue queue, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (!HttpMethods.IsGet(context.Request.Method) || context.Response.StatusCode is < 200 or > 299) return;
        if (context.GetEndpoint()?.Metadata.GetMetadata<TrackViewAttribute>() is not { } track) return;
        var slug = track.Kind == AnalyticsEventKinds.ProductView ? context.GetRouteValue("slug") as string : null;
        queue.Enqueue(AnalyticsEvent.From(new AnalyticsEventData(track.Kind, time.GetUtcNow(), ProductSlug: slug)));
    }
}
