namespace Vozex.Web.Platform.Data;

/// <summary>The resolved data directory: SQLite files, tenant databases, the mailbox and release files live under it.</summary>
public sealed class DataPaths(string root)
{
    public string Root { get; } = root;

    public string Combine(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
