namespace Vozex.Web.Modules.Checkout.Cart;

/// <summary>
/// The visitor's cart cookie: a random 256-bit token (the database keeps only its SHA-256). HttpOnly so scripts
/// cannot read it; SameSite=Lax so other sites' forms and scripts cannot send it with a POST, PUT or DELETE.
/// </summary>
internal static class CartCookie
{
    public const string Name = ".vozex.cart";

    /// <summary>Renewed on every change; visitor carts untouched this long are swept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>The token if the request carries a well-formed one (43 base64url characters), else null.</summary>
    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var token) && token is { Length: 43 } && token.All(IsBase64Url) ? token : null;

    public static void Write(HttpResponse response, string token, DateTimeOffset now) =>
        response.Cookies.Append(Name, token, Options(response.HttpContext.Request, now + Lifetime));

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, expires: null));

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };

    private static bool IsBase64Url(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_';
}
