using System.Security.Claims;

namespace Vozex.Web.Modules.Admin.Contracts;

/// <summary>
/// Records who did what to which record. <see cref="Record"/> only adds the entry to the caller's unit of
/// work, so the action and its audit entry commit (or fail) together in the caller's <c>SaveChangesAsync</c>.
/// </summary>
public interface IAuditLog
{
    /// <param name="actor">The signed-in administrator (or provider) acting.</param>
    /// <param name="action">A stable dotted name such as <c>fulfillment.retry</c>.</param>
    /// <param name="targetType">The kind of record acted on, such as <c>fulfillment</c>.</param>
    /// <param name="targetId">The record's id as text.</param>
    /// <param name="details">Optional facts worth keeping (serialized as JSON); never secrets.</param>
    void Record(ClaimsPrincipal actor, string action, string targetType, string targetId, object? details = null);
}
