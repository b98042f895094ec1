using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Platform.Data;

public static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>
    /// Stores a document as JSON text (jsonb on PostgreSQL), the same snake_case shape the API uses.
    /// A plain converter works identically on both providers, which EF's JSON mapping does not yet for every shape.
    /// </summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        return property;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        HttpPlatform.ConfigureJson(options);
        return options;
    }
}

public static class EnumColumn
{
    /// <summary>Stores an enum as its snake_case name ("active"), readable in SQL and stable across reordering.</summary>
    public static PropertyBuilder<TEnum> HasSnakeCaseConversion<TEnum>(this PropertyBuilder<TEnum> property) where TEnum : struct, Enum
    {
        var byName = Enum.GetValues<TEnum>().ToDictionary(v => v.WireName(), StringComparer.Ordinal);
        property.HasConversion(v => v.WireName(), v => byName[v]).HasMaxLength(40);
        return property;
    }
}
