namespace Vozex.Web.Platform.Data;

public static class DataDirectory
{
    /// <summary>The absolute data directory (Vozex:DataDirectory, relative paths from the content root), created if missing.</summary>
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{VozexOptions.Section}:DataDirectory"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, environment.ContentRootPath);
        Directory.CreateDirectory(path);
        return path;
    }
}
