namespace Vozex.Web.Modules.Licensing.Dashboard;

/// <summary>Beside the page because the logging generator cannot see the class the Razor generator writes.</summary>
internal static partial class LicensesPageLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The licenses tab could not load the customer's licenses")]
    public static partial void LoadFailed(ILogger logger, Exception exception);
}
