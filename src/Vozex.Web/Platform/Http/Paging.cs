namespace Vozex.Web.Platform.Http;

/// <summary>The list envelope of API.md: <c>{items, page, page_size, total}</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Validates raw paging parameters, adding per-parameter errors; returns usable values either way.</summary>
    public static (int Page, int PageSize) Read(string? page, string? pageSize, IDictionary<string, string[]> errors)
    {
        var p = 1;
        var size = DefaultPageSize;
        if (page is not null && (!int.TryParse(page, out p) || p < 1 || p > 100_000))
            errors["page"] = ["Must be a whole number from 1."];
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size < 1 || size > MaxPageSize))
            errors["page_size"] = [$"Must be a whole number from 1 to {MaxPageSize}."];
        return (Math.Max(p, 1), Math.Clamp(size, 1, MaxPageSize));
    }
}
