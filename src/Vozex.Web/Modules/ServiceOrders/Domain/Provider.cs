namespace Vozex.Web.Modules.ServiceOrders.Domain;

/// <summary>
/// A service provider: an account with role provider plus what assignment needs. <see cref="OpenOrders"/> is kept in
/// the row (not counted) so that taking capacity is one conditional UPDATE that can never overfill.
/// </summary>
public sealed class Provider
{
    public const int MaxSkills = 30;

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public List<string> Skills { get; set; } = [];
    public bool Available { get; set; } = true;
    public int Capacity { get; set; } = 3;
    public int OpenOrders { get; set; }
    public int RatingSum { get; set; }
    public int RatingCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Changes on every write, including the atomic capacity updates, so a tracked change (an edit, a release inside
    /// someone else's unit of work) fails rather than overwrite a concurrent one.
    /// </summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    /// <summary>Gives one unit of capacity back as a tracked change (for callers that must not commit on their own).</summary>
    public void ReleaseOne(DateTimeOffset now)
    {
        if (OpenOrders > 0) OpenOrders--;
        Touch(now);
    }

    /// <summary>Unrated providers rank at the midpoint, so a newcomer is neither starved nor preferred over proven 4s and 5s.</summary>
    public const double UnratedScore = 3.0;

    public double Rating => RatingCount == 0 ? UnratedScore : (double)RatingSum / RatingCount;

    public double? AverageRating => RatingCount == 0 ? null : Math.Round((double)RatingSum / RatingCount, 2);
}

/// <summary>A provider as the matching rule sees it.</summary>
public sealed record ProviderCandidate(Guid Id, IReadOnlyCollection<string> Skills, bool Available, int Capacity, int OpenOrders, double Rating);

/// <summary>
/// SPEC §7.3: every required skill, available, below capacity; highest rating first, then least loaded (fewest open
/// orders), then the lowest id so that equal candidates are always chosen the same way.
/// </summary>
public static class ProviderMatcher
{
    public static IReadOnlyList<ProviderCandidate> Rank(IEnumerable<ProviderCandidate> providers, IReadOnlyCollection<string> requiredSkills,
        IReadOnlyCollection<Guid>? excluded = null) =>
        providers
            .Where(p => p.Available && p.OpenOrders < p.Capacity)
            .Where(p => excluded is null || !excluded.Contains(p.Id))
            .Where(p => requiredSkills.All(skill => p.Skills.Contains(skill, StringComparer.Ordinal)))
            .OrderByDescending(p => p.Rating)
            .ThenBy(p => p.OpenOrders)
            .ThenBy(p => p.Id)
            .ToList();
}
