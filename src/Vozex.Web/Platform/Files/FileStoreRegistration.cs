using Microsoft.Extensions.Options;

namespace Vozex.Web.Platform.Files;

internal static class FileStoreRegistration
{
    /// <summary>The one <see cref="IFileStore"/> of the app, chosen by <c>Vozex:Files:Store</c>; a bad S3 setup stops the start.</summary>
    public static IServiceCollection AddFileStore(this IServiceCollection services)
    {
        services.AddOptions<FileStoreOptions>().BindConfiguration(FileStoreOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.UsesS3 || !o.S3.Missing().Any(), "Vozex:Files:Store is 's3' but Vozex:Files:S3 lacks ServiceUrl, Bucket, AccessKey or SecretKey.")
            .ValidateOnStart();
        services.AddSingleton<LocalFileStore>();
        services.AddSingleton(sp => new S3FileStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.S3));
        services.AddSingleton<IFileStore>(sp => sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.UsesS3
            ? sp.GetRequiredService<S3FileStore>()
            : sp.GetRequiredService<LocalFileStore>());
        return services;
    }
}
