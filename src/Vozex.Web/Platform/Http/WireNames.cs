namespace Vozex.Web.Platform.Http;

/// <summary>Enum values as the API and the database write them (snake_case), and back from a query string.</summary>
public static class WireNames
{
    public static string WireName<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        HttpPlatform.NamingPolicy.ConvertName(value.ToString());

    /// <summary>The value whose wire name is <paramref name="name"/>, or null.</summary>
    public static TEnum? FromWireName<TEnum>(string name) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(v => v!.Value.WireName() == name);

    /// <summary>"a, b, c": the accepted names, for a validation message.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => v.WireName()));
}
