namespace Vozex.Web.Platform.Web.Components;

/// <summary>One record's result in a bulk action: its id, how it is shown, the outcome's wire name and whether it counts as done.</summary>
public sealed record BulkOutcome(string Id, string Label, string Outcome, bool Succeeded);
