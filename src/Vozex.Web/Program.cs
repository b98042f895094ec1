using Vozex.Web.Modules.Accounts;
using Vozex.Web.Modules.Admin;
using Vozex.Web.Modules.Analytics;
using Vozex.Web.Modules.Catalog;
using Vozex.Web.Modules.Checkout;
using Vozex.Web.Modules.Dashboard;
using Vozex.Web.Modules.Fulfillment;
using Vozex.Web.Modules.Licensing;
using Vozex.Web.Modules.Notifications;
using Vozex.Web.Modules.Payments;
using Vozex.Web.Modules.Tenancy;
using Vozex.Web.Modules.ServiceOrders;
using Vozex.Web.Modules.Subscriptions;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddAccounts();
builder.AddNotifications();
builder.AddAdmin();
builder.AddAnalytics();
builder.AddCatalog();
builder.AddPayments();
builder.AddCheckout();
builder.AddFulfillment();
builder.AddTenancy();
builder.AddLicensing();
builder.AddServiceOrders();
builder.AddDashboard();
builder.AddSubscriptions();

var app = builder.Build();

app.UseAnalytics();
app.UsePlatform();
app.UseTenantSites();

var api = app.MapGroup("/api/v1");
api.MapAccounts();
api.MapCatalog();
api.MapCheckout();
api.MapPaymentsApi();
api.MapFulfillment();
api.MapTenancy();
api.MapLicensing();
api.MapServiceOrders();
api.MapDashboard();
api.MapSubscriptions();
api.MapAdmin();
api.MapAnalytics();
api.MapNotifications();
app.MapPayments();
app.MapDownloads();

app.MapAccountPages();
app.MapCatalogPages();

app.MapPlatform();

await app.InitializeDatabaseAsync();
await app.RunAsync();
