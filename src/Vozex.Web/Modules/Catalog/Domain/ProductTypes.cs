namespace Vozex.Web.Modules.Catalog.Domain;

public enum DeliveryModel
{
    Saas,
    SelfHosted,
    Service,
}

public static class DeliveryModels
{
    public static string Name(DeliveryModel model) => model switch
    {
        DeliveryModel.Saas => "saas",
        DeliveryModel.SelfHosted => "self_hosted",
        DeliveryModel.Service => "service",
    };

    public static string FulfillmentDriver(DeliveryModel model) => model switch
    {
        DeliveryModel.Saas => "saas_tenant_provisioning",
        DeliveryModel.SelfHosted => "self_hosted_license",
        DeliveryModel.Service => "service_fulfillment",
    };
}

public sealed record ProductCategory(string Id, string Name, string Icon, string Description, DeliveryModel Model);

public sealed record ProductType(
    string Id,
    string Name,
    string Icon,
    DeliveryModel Model,
    string CategoryId,
    string Description,
    IReadOnlyList<string> Features)
{
    public string DeliveryModelName => DeliveryModels.Name(Model);
}

/// <summary>The 16 product types and 3 categories of SPEC §2. Code, not data: fulfilment and pricing branch on them.</summary>
public static class ProductTypeRegistry
{
    public static IReadOnlyList<ProductCategory> Categories { get; } =
    [
        new("saas_products", "SaaS Products", "☁️", "Cloud-based software", DeliveryModel.Saas),
        new("self_hosted", "Self-Hosted", "💻", "Download and host yourself", DeliveryModel.SelfHosted),
        new("services", "Services", "🎨", "Professional services and consulting", DeliveryModel.Service),
    ];

    public static IReadOnlyList<ProductType> All { get; } =
    [
        Saas("pos_restaurant", "Restaurant POS", "🍽️", "Complete restaurant management system: orders, tables, kitchen and payments.",
            "Table management", "Kitchen display", "Split bills", "Menu management", "Offline mode"),
        Saas("pos_retail", "Retail POS", "🏪", "Retail point of sale with inventory, barcodes and multi-store stock.",
            "Inventory tracking", "Barcode scanning", "Multi-store", "Customer loyalty", "Sales reports"),
        Saas("pos_service", "Service POS", "🔧", "Point of sale and job management for service businesses.",
            "Job tickets", "Appointments", "Technician tracking", "Invoicing", "Customer history"),
        Saas("hotel_management", "Hotel Management", "🏨", "Hotel booking, front desk and housekeeping in one system.",
            "Room booking", "Front desk", "Housekeeping", "Channel manager", "Guest folios"),
        Saas("salon_spa", "Salon & Spa", "💇", "Appointment scheduling for salons and spas, with staff rosters.",
            "Online booking", "Staff calendar", "Service menu", "SMS reminders", "Gift cards"),
        Saas("gym_management", "Gym Management", "🏋️", "Membership and facility management for gyms and studios.",
            "Memberships", "Class scheduling", "Check-in", "Trainer sessions", "Recurring billing"),
        Saas("clinic_management", "Clinic Management", "🏥", "Medical clinic system: patients, appointments and practitioners.",
            "Patient records", "Appointments", "Practitioner schedules", "Prescriptions", "Billing"),
        Saas("restaurant_management", "Restaurant Management", "🍴", "Restaurant back office without POS hardware: reservations, menus, staff.",
            "Reservations", "Menu engineering", "Staff scheduling", "Supplier orders", "Food cost reports"),
        SelfHosted("software_download", "Software Downloads", "💾", "One-time software licenses you install on your own machines.",
            "Perpetual license", "Offline activation", "Signed license file", "Release downloads"),
        SelfHosted("development_tools", "Development Tools", "🛠️", "Developer tools and libraries for your own build and runtime.",
            "Per-developer seats", "CI friendly", "Source updates", "Release downloads"),
        SelfHosted("analytics_platform", "Analytics Platform", "📊", "Self-hosted analytics: your data never leaves your servers.",
            "On-premise data", "Dashboards", "Event tracking", "Data export"),
        SelfHosted("security_tools", "Security Tools", "🔒", "Security and monitoring software for your infrastructure.",
            "Vulnerability scanning", "Intrusion detection", "Audit reports", "Air-gapped install"),
        Service("design_services", "Design Services", "🎨", "Graphic design and branding by vetted designers.",
            "Dedicated designer", "Revisions included", "Source files", "Brand guidelines"),
        Service("mobile_development", "Mobile Development", "📱", "Custom iOS and Android app development.",
            "Native or cross-platform", "App store submission", "Source code", "Milestone tracking"),
        Service("web_development", "Web Development", "🌐", "Website and web application development.",
            "Responsive design", "CMS setup", "Source code", "Milestone tracking"),
        Service("technical_support", "Technical Support", "🧰", "IT support and maintenance by certified engineers.",
            "Remote support", "Response-time targets", "Monthly reports", "Named engineer"),
    ];

    private static readonly Dictionary<string, ProductType> ById = All.ToDictionary(t => t.Id, StringComparer.Ordinal);
    private static readonly Dictionary<string, ProductCategory> CategoryById = Categories.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static ProductType? Find(string? id) => id is not null && ById.TryGetValue(id, out var type) ? type : null;

    public static ProductCategory? FindCategory(string? id) => id is not null && CategoryById.TryGetValue(id, out var category) ? category : null;

    public static ProductCategory CategoryOf(ProductType type) => CategoryById[type.CategoryId];

    public static IEnumerable<ProductType> InCategory(string categoryId) => All.Where(t => t.CategoryId == categoryId);

    private static ProductType Saas(string id, string name, string icon, string description, params string[] features) =>
        new(id, name, icon, DeliveryModel.Saas, "saas_products", description, features);

    private static ProductType SelfHosted(string id, string name, string icon, string description, params string[] features) =>
        new(id, name, icon, DeliveryModel.SelfHosted, "self_hosted", description, features);

    private static ProductType Service(string id, string name, string icon, string description, params string[] features) =>
        new(id, name, icon, DeliveryModel.Service, "services", description, features);
}
