using Vozex.Web.Modules.Tenancy.Data;

namespace Vozex.Web.Modules.Tenancy.Provisioning;

/// <summary>
/// What a new tenant of each SaaS product type starts with (SPEC §7.1): real rows a new owner recognises and edits,
/// not placeholders. They are seeded once into the product type's template database, so every clone has them.
/// </summary>
internal static class StarterData
{
    public static IReadOnlyList<TenantItem> For(string productType) => productType switch
    {
        "pos_restaurant" =>
        [
            Menu("Margherita Pizza", "Mains", 1_250), Menu("Caesar Salad", "Starters", 850), Menu("Grilled Salmon", "Mains", 1_890),
            Menu("Tiramisu", "Desserts", 690), Menu("Espresso", "Drinks", 280), Menu("House Lemonade", "Drinks", 390),
            .. Tables(12),
        ],
        "restaurant_management" =>
        [
            Menu("Seasonal Soup", "Starters", 750), Menu("Braised Short Rib", "Mains", 2_450), Menu("Mushroom Risotto", "Mains", 1_750),
            Menu("Chocolate Fondant", "Desserts", 850),
            .. Tables(20),
            Item("supplier", "Green Valley Produce", "Vegetables"), Item("supplier", "Harbor Fish Co.", "Seafood"),
            Item("staff_shift", "Lunch service", "Front of house", duration: 300), Item("staff_shift", "Dinner service", "Front of house", duration: 360),
        ],
        "pos_retail" =>
        [
            Product("Classic Cotton T-Shirt", "Apparel", 1_999, 40), Product("Slim Fit Jeans", "Apparel", 4_999, 25),
            Product("Canvas Tote Bag", "Accessories", 1_499, 30), Product("Stainless Water Bottle", "Home", 2_299, 18),
            Product("Scented Candle", "Home", 1_799, 22), Product("Wool Beanie", "Accessories", 1_599, 15),
            Item("store", "Main Street Store", "Store"),
        ],
        "pos_service" =>
        [
            Item("service", "Screen replacement", "Repairs", price: 8_900, duration: 60), Item("service", "Battery replacement", "Repairs", price: 4_900, duration: 30),
            Item("service", "Diagnostic check", "Diagnostics", price: 2_500, duration: 20), Item("service", "Data recovery", "Recovery", price: 12_000, duration: 180),
            Item("technician", "Alex Rivera", "Senior technician"), Item("technician", "Sam Chen", "Technician"),
            Product("USB-C Cable", "Parts", 1_299, 50),
        ],
        "hotel_management" =>
        [
            .. Rooms("Standard Double", 101, 6, 11_900), .. Rooms("Deluxe King", 201, 4, 16_900), .. Rooms("Junior Suite", 301, 2, 24_900),
            Item("rate_plan", "Best Available Rate", "Rate plan"), Item("rate_plan", "Bed & Breakfast", "Rate plan"),
        ],
        "salon_spa" =>
        [
            Item("service", "Women's Haircut", "Hair", price: 5_500, duration: 45), Item("service", "Men's Haircut", "Hair", price: 3_500, duration: 30),
            Item("service", "Full Colour", "Colour", price: 9_500, duration: 120), Item("service", "Swedish Massage", "Spa", price: 8_000, duration: 60),
            Item("service", "Classic Manicure", "Nails", price: 3_000, duration: 40),
            Item("staff", "Maya Lopez", "Senior stylist"), Item("staff", "Jordan Blake", "Colourist"), Item("staff", "Priya Nair", "Massage therapist"),
        ],
        "gym_management" =>
        [
            Item("membership_plan", "Monthly Unlimited", "Membership", price: 4_900), Item("membership_plan", "Off-Peak", "Membership", price: 2_900),
            Item("membership_plan", "Annual Pass", "Membership", price: 49_900), Item("membership_plan", "10-Class Pack", "Class pack", price: 12_000, quantity: 10),
            Item("class", "Morning HIIT", "Cardio", duration: 45, quantity: 20), Item("class", "Vinyasa Yoga", "Mind & body", duration: 60, quantity: 25),
            Item("class", "Spin", "Cardio", duration: 45, quantity: 18),
            Item("trainer", "Chris Ortega", "Strength coach"),
        ],
        "clinic_management" =>
        [
            Item("practitioner", "Dr. Amelia Hart", "General practice"), Item("practitioner", "Dr. Omar Haddad", "Paediatrics"),
            Item("practitioner", "Nurse Lily Brooks", "Nursing"),
            Item("appointment_type", "New patient consultation", "Consultation", price: 9_000, duration: 30),
            Item("appointment_type", "Follow-up visit", "Consultation", price: 5_500, duration: 15),
            Item("appointment_type", "Annual physical", "Preventive", price: 15_000, duration: 45),
            Item("appointment_type", "Vaccination", "Preventive", price: 3_500, duration: 10),
            Item("room", "Exam Room 1", "Room"), Item("room", "Exam Room 2", "Room"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(productType), productType, "Not a SaaS product type."),
    };

    /// <summary>The product types with starter data: the eight SaaS types of SPEC §2.</summary>
    public static IReadOnlyList<string> ProductTypes { get; } =
        ["pos_restaurant", "pos_retail", "pos_service", "hotel_management", "salon_spa", "gym_management", "clinic_management", "restaurant_management"];

    private static TenantItem Item(string kind, string name, string? category = null, long? price = null, int? quantity = null, int? duration = null) =>
        new() { Kind = kind, Name = name, Category = category, PriceMinor = price, Quantity = quantity, DurationMinutes = duration };

    private static TenantItem Menu(string name, string category, long price) => Item("menu_item", name, category, price);

    private static TenantItem Product(string name, string category, long price, int stock) => Item("inventory_item", name, category, price, stock);

    private static IEnumerable<TenantItem> Tables(int count) =>
        Enumerable.Range(1, count).Select(n => Item("table", $"Table {n}", n <= count / 2 ? "Main room" : "Terrace", quantity: n % 3 == 0 ? 6 : n % 2 == 0 ? 4 : 2));

    private static IEnumerable<TenantItem> Rooms(string type, int first, int count, long rate) =>
        Enumerable.Range(first, count).Select(n => Item("room", $"Room {n}", type, rate, quantity: type.StartsWith("Junior", StringComparison.Ordinal) ? 3 : 2));
}
