using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Admin.Audit;

internal sealed class AuditLog(MarketplaceDbContext db, TimeProvider time, IOptions<JsonOptions> json) : IAuditLog
{
    public void Record(ClaimsPrincipal actor, string action, string targetType, string targetId, object? details = null)
    {
        db.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actor.UserId(),
            ActorEmail = actor.FindFirstValue(ClaimTypes.Email) ?? actor.Identity?.Name ?? "system",
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is null ? null : JsonSerializer.Serialize(details, json.Value.SerializerOptions),
        });
    }
}
