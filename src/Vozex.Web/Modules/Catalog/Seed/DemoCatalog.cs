using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.Web.Modules.Catalog.Seed;

/// <summary>A release to generate at seed time: the seeder writes each named file under the data folder and records its size and SHA-256.</summary>
internal sealed record DemoRelease(string Version, string Notes, DateOnly ReleasedOn, IReadOnlyList<string> FileNames);

internal sealed record DemoProduct(
    string Slug, string Name, string Description, string Type, long BasePrice, int Popularity, bool Featured,
    ProductOptions Options, IReadOnlyList<DemoRelease>? Releases = null);

/// <summary>The demo catalog of the embedded default: realistic products for every one of the 16 types.</summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<DemoProduct> Products { get; } =
    [
        // SaaS: pos_restaurant
        Saas(
            "tablepoint-restaurant-pos", "TablePoint Restaurant POS",
            "Cloud point of sale built for full-service restaurants: live floor plans with table status, a kitchen display that routes tickets by station, and split bills by seat or item. Keeps taking orders in offline mode when the internet drops.",
            "pos_restaurant", 0, 940, true,
            [
                new("basic", "Basic", 6_900,
                    ["Table management with floor plan", "Menu management", "Split bills", "Offline mode", "Email support"],
                    new Dictionary<string, int> { ["locations"] = 1, ["users"] = 5, ["tables"] = 20 }),
                new("professional", "Professional", 12_900,
                    ["Everything in Basic", "Kitchen display routing by station", "Course firing and modifiers", "Shift and sales reports"],
                    new Dictionary<string, int> { ["locations"] = 3, ["users"] = 25, ["tables"] = 80 }),
                new("enterprise", "Enterprise", 29_900,
                    ["Everything in Professional", "Central menu for all locations", "Group-level reporting", "API access", "Dedicated onboarding manager"],
                    new Dictionary<string, int> { ["locations"] = 20, ["users"] = 200, ["tables"] = 500 }),
            ],
            [
                new("kitchen_display", "Kitchen Display System", 1_900, "Replace printed tickets with screens per station, with bump bars and ticket timers."),
                new("online_ordering", "Online Ordering", 2_900, "Commission-free ordering page for pickup and delivery, sent straight to the kitchen."),
                new("guest_loyalty", "Guest Loyalty", 1_500, "Points and rewards tied to the guest's phone number."),
                new("tip_pooling", "Tip Pooling & Payroll Export", 900, "Split tips by hours worked and export them to payroll."),
            ]),
        Saas(
            "quickserve-counter-pos", "QuickServe Counter POS",
            "Fast counter-service POS for cafes, food trucks and quick-service chains. Self-order kiosks, QR code menus and combo pricing keep the line moving, with end-of-day cash reconciliation built in.",
            "pos_restaurant", 0, 610, false,
            [
                new("basic", "Basic", 3_900,
                    ["Counter ordering", "Combo and modifier pricing", "Cash drawer reconciliation"],
                    new Dictionary<string, int> { ["locations"] = 1, ["registers"] = 2, ["users"] = 5 }),
                new("professional", "Professional", 8_900,
                    ["Everything in Basic", "Order-ready screen", "Inventory by ingredient", "Hourly sales reports"],
                    new Dictionary<string, int> { ["locations"] = 3, ["registers"] = 6, ["users"] = 20 }),
                new("enterprise", "Enterprise", 19_900,
                    ["Everything in Professional", "Franchise menu control", "Multi-location dashboards", "Priority phone support"],
                    new Dictionary<string, int> { ["locations"] = 15, ["registers"] = 40, ["users"] = 150 }),
            ],
            [
                new("self_order_kiosk", "Self-Order Kiosk", 2_500, "Touchscreen kiosk mode with upsell prompts and card payment."),
                new("qr_menu", "QR Code Menu", 900, "Guests scan a table QR code to browse, order and pay from their phone."),
                new("delivery_sync", "Delivery Platform Sync", 1_900, "Pull Uber Eats and DoorDash orders into the POS automatically."),
            ],
            DiscountedCycles(5, 25)),

        // SaaS: pos_retail
        Saas(
            "shelfwise-retail-pos", "ShelfWise Retail POS",
            "Point of sale and inventory tracking for independent shops and growing chains. Scan barcodes, transfer stock between stores, and reorder automatically when shelves run low.",
            "pos_retail", 0, 820, false,
            [
                new("basic", "Basic", 4_900,
                    ["Barcode scanning", "Inventory tracking", "Receipt printing and email receipts", "Daily sales reports"],
                    new Dictionary<string, int> { ["registers"] = 1, ["products"] = 2_000, ["locations"] = 1 }),
                new("professional", "Professional", 9_900,
                    ["Everything in Basic", "Multi-store stock transfers", "Purchase orders and low-stock alerts", "Customer profiles"],
                    new Dictionary<string, int> { ["registers"] = 5, ["products"] = 20_000, ["locations"] = 3 }),
                new("enterprise", "Enterprise", 24_900,
                    ["Everything in Professional", "Warehouse locations", "Role-based permissions", "Open API and webhooks", "Account manager"],
                    new Dictionary<string, int> { ["registers"] = 50, ["products"] = 250_000, ["locations"] = 25 }),
            ],
            [
                new("ecommerce_sync", "E-commerce Sync", 2_900, "Two-way stock and order sync with Shopify and WooCommerce."),
                new("label_designer", "Barcode Label Designer", 700, "Design and print shelf labels and price tags."),
                new("loyalty_program", "Customer Loyalty Program", 1_500, "Points, tiers and birthday rewards for repeat shoppers."),
                new("gift_cards", "Gift Cards", 900, "Sell and redeem physical and digital gift cards."),
            ]),
        Saas(
            "boutique-one-pos", "Boutique One POS",
            "A retail POS for fashion and lifestyle boutiques with size-and-colour variant matrices, customer wish lists and clienteling notes. Sell on the shop floor from an iPad and accept returns at any store.",
            "pos_retail", 0, 340, false,
            [
                new("starter", "Starter", 5_900,
                    ["Variant matrix by size and colour", "iPad checkout", "Returns and exchanges"],
                    new Dictionary<string, int> { ["registers"] = 2, ["products"] = 5_000, ["users"] = 5 }),
                new("growth", "Growth", 11_900,
                    ["Everything in Starter", "Clienteling notes and wish lists", "Cross-store returns", "Seasonal sell-through reports"],
                    new Dictionary<string, int> { ["registers"] = 8, ["products"] = 30_000, ["users"] = 25 }),
                new("scale", "Scale", 27_900,
                    ["Everything in Growth", "Consignment and vendor payouts", "Custom reporting", "Single sign-on"],
                    new Dictionary<string, int> { ["registers"] = 40, ["products"] = 150_000, ["users"] = 150 }),
            ],
            [
                new("appointment_shopping", "Appointment Shopping", 1_200, "Let VIP customers book private styling sessions."),
                new("social_selling", "Instagram Shop Sync", 1_900, "Publish products to Instagram and Facebook shops."),
                new("sms_marketing", "SMS Marketing", 1_500, "Send new-arrival and sale announcements by text."),
            ]),

        // SaaS: pos_service
        Saas(
            "fixflow-service-pos", "FixFlow Service POS",
            "Job tickets, parts and invoicing for phone, computer and bike repair shops. Check devices in with photos and serial numbers, track each technician's bench queue, and text customers when their repair is ready.",
            "pos_service", 0, 480, false,
            [
                new("basic", "Basic", 3_900,
                    ["Job tickets with photos", "Parts inventory", "Invoicing and card payments", "Customer history"],
                    new Dictionary<string, int> { ["technicians"] = 2, ["users"] = 3, ["locations"] = 1 }),
                new("professional", "Professional", 7_900,
                    ["Everything in Basic", "Technician bench queues", "Warranty tracking", "Repair status SMS"],
                    new Dictionary<string, int> { ["technicians"] = 10, ["users"] = 15, ["locations"] = 3 }),
                new("enterprise", "Enterprise", 17_900,
                    ["Everything in Professional", "Multi-store parts transfers", "Franchise reporting", "API access"],
                    new Dictionary<string, int> { ["technicians"] = 60, ["users"] = 100, ["locations"] = 20 }),
            ],
            [
                new("sms_notifications", "SMS Notifications", 900, "Automatic texts when a repair changes status."),
                new("parts_ordering", "Supplier Parts Ordering", 1_500, "Order parts from integrated suppliers straight from a ticket."),
                new("customer_portal", "Customer Portal", 1_200, "Customers track their repair and approve quotes online."),
                new("warranty_claims", "Manufacturer Warranty Claims", 1_900, "Prepare and track warranty claims with manufacturers."),
            ]),
        Saas(
            "fieldcrew-dispatch", "FieldCrew Dispatch",
            "Mobile POS and dispatch for plumbers, electricians and HVAC crews. Schedule appointments, send technicians out with optimised routes, and take card payments on site against signed work orders.",
            "pos_service", 900, 560, false,
            [
                new("basic", "Basic", 4_900,
                    ["Appointments calendar", "Mobile work orders with signatures", "On-site card payments"],
                    new Dictionary<string, int> { ["technicians"] = 3, ["users"] = 5 }),
                new("professional", "Professional", 10_900,
                    ["Everything in Basic", "Drag-and-drop dispatch board", "Route optimisation", "Quotes and invoices"],
                    new Dictionary<string, int> { ["technicians"] = 15, ["users"] = 25, ["jobs_per_month"] = 1_500 }),
                new("enterprise", "Enterprise", 23_900,
                    ["Everything in Professional", "Multi-branch dispatch", "Accounting integrations", "Custom forms and checklists", "Dedicated success manager"],
                    new Dictionary<string, int> { ["technicians"] = 100, ["users"] = 150, ["jobs_per_month"] = 20_000 }),
            ],
            [
                new("gps_tracking", "Live GPS Tracking", 1_500, "See every van on the map and send customers an arrival ETA."),
                new("quote_builder", "Good-Better-Best Quotes", 1_200, "Present tiered options on a tablet and convert them into jobs."),
                new("maintenance_contracts", "Maintenance Contracts", 1_900, "Recurring service agreements with automatic visit scheduling."),
            ]),

        // SaaS: hotel_management
        Saas(
            "harborstay-hotel-pms", "HarborStay Hotel PMS",
            "Property management system for independent hotels and small groups: a drag-and-drop booking calendar, front desk check-in with ID scanning, and housekeeping boards that update in real time. The built-in channel manager keeps rates in sync with Booking.com and Expedia.",
            "hotel_management", 0, 870, true,
            [
                new("basic", "Basic", 9_900,
                    ["Room booking calendar", "Front desk check-in and check-out", "Guest folios", "Housekeeping status"],
                    new Dictionary<string, int> { ["rooms"] = 30, ["properties"] = 1, ["users"] = 5 }),
                new("professional", "Professional", 19_900,
                    ["Everything in Basic", "Channel manager", "Rate plans and seasons", "Night audit reports", "Group bookings"],
                    new Dictionary<string, int> { ["rooms"] = 120, ["properties"] = 3, ["users"] = 25 }),
                new("enterprise", "Enterprise", 44_900,
                    ["Everything in Professional", "Central reservations office", "Multi-property reporting", "Open API"],
                    new Dictionary<string, int> { ["rooms"] = 1_000, ["properties"] = 20, ["users"] = 250 }),
            ],
            [
                new("booking_engine", "Direct Booking Engine", 2_900, "Commission-free booking widget for your hotel website."),
                new("revenue_management", "Revenue Management", 4_900, "Dynamic rate suggestions based on occupancy and local demand."),
                new("guest_messaging", "Guest Messaging", 1_900, "Pre-arrival emails, WhatsApp messages and digital check-in."),
                new("keycard_integration", "Keycard Integration", 2_500, "Encode door keycards from the front desk screen."),
                new("pos_charges", "Restaurant & Bar Charges", 1_500, "Post outlet charges directly to the guest folio."),
            ]),
        Saas(
            "innkeeper-lite", "Innkeeper Lite",
            "Simple reservations and guest folios for B&Bs, guesthouses and boutique inns with up to 40 rooms. Take direct bookings from your own website and send automatic pre-arrival emails with directions and door codes.",
            "hotel_management", 0, 290, false,
            [
                new("solo", "Solo", 2_900,
                    ["Reservations calendar", "Guest folios and invoices", "Pre-arrival emails"],
                    new Dictionary<string, int> { ["rooms"] = 8, ["users"] = 2 }),
                new("plus", "Plus", 5_900,
                    ["Everything in Solo", "Website booking widget", "Deposit collection", "Breakfast and extras"],
                    new Dictionary<string, int> { ["rooms"] = 20, ["users"] = 5 }),
                new("group", "Group", 9_900,
                    ["Everything in Plus", "Channel manager", "Multiple properties", "Occupancy reports"],
                    new Dictionary<string, int> { ["rooms"] = 40, ["users"] = 12, ["properties"] = 3 }),
            ],
            [
                new("smart_locks", "Smart Lock Codes", 1_200, "Generate a unique door code for every stay."),
                new("review_requests", "Review Requests", 700, "Ask departing guests for TripAdvisor and Google reviews."),
                new("tourist_tax", "Tourist Tax Reports", 500, "Calculate city tax per guest night and export monthly returns."),
            ]),

        // SaaS: salon_spa
        Saas(
            "glowbook-salon", "GlowBook Salon",
            "Online booking and staff calendars for hair salons, barbershops and nail studios. Clients book around the clock, SMS reminders cut no-shows, and gift cards sell straight from your booking page.",
            "salon_spa", 0, 720, false,
            [
                new("basic", "Basic", 2_900,
                    ["Online booking page", "Staff calendar", "Service menu with durations", "Client cards"],
                    new Dictionary<string, int> { ["staff"] = 3, ["locations"] = 1, ["sms_per_month"] = 200 }),
                new("professional", "Professional", 5_900,
                    ["Everything in Basic", "SMS reminders", "Deposits for long appointments", "Commission reports"],
                    new Dictionary<string, int> { ["staff"] = 12, ["locations"] = 2, ["sms_per_month"] = 1_000 }),
                new("enterprise", "Enterprise", 12_900,
                    ["Everything in Professional", "Multi-location client sharing", "Branded booking app", "Priority support"],
                    new Dictionary<string, int> { ["staff"] = 60, ["locations"] = 10, ["sms_per_month"] = 10_000 }),
            ],
            [
                new("gift_cards", "Gift Cards", 900, "Sell digital gift cards on your booking page and in the salon."),
                new("retail_inventory", "Retail Product Inventory", 1_200, "Track shampoo, styling and nail products sold at checkout."),
                new("marketing_campaigns", "Marketing Campaigns", 1_500, "Win back lapsed clients with targeted email and SMS offers."),
                new("waitlist", "Smart Waitlist", 700, "Fill cancelled slots automatically from the waitlist."),
            ]),
        Saas(
            "serenity-spa-suite", "Serenity Spa Suite",
            "Resource scheduling for day spas and wellness centres: book therapists, treatment rooms and equipment together, sell packages and memberships, and keep digital client intake forms on file.",
            "salon_spa", 0, 260, false,
            [
                new("basic", "Basic", 4_900,
                    ["Therapist and room scheduling", "Treatment menu", "Client intake forms"],
                    new Dictionary<string, int> { ["staff"] = 8, ["rooms"] = 4 }),
                new("professional", "Professional", 9_900,
                    ["Everything in Basic", "Packages and memberships", "Couples and group bookings", "Equipment booking"],
                    new Dictionary<string, int> { ["staff"] = 25, ["rooms"] = 12, ["locations"] = 2 }),
                new("enterprise", "Enterprise", 19_900,
                    ["Everything in Professional", "Hotel spa folio posting", "Multi-site reporting", "Custom roles"],
                    new Dictionary<string, int> { ["staff"] = 120, ["rooms"] = 60, ["locations"] = 10 }),
            ],
            [
                new("memberships", "Spa Memberships", 1_500, "Monthly memberships with included treatments and member pricing."),
                new("online_vouchers", "Online Vouchers", 900, "Sell experience vouchers with printable gift certificates."),
                new("commission_reports", "Therapist Commissions", 700, "Tiered commissions on treatments and retail sales."),
            ]),

        // SaaS: gym_management
        Saas(
            "ironpulse-gym-manager", "IronPulse Gym Manager",
            "Memberships, recurring billing and door access for gyms and fitness clubs. Members check in with a QR code, book classes from the app, and freeze or upgrade their plans themselves.",
            "gym_management", 0, 680, false,
            [
                new("basic", "Basic", 5_900,
                    ["Memberships and recurring billing", "QR code check-in", "Class scheduling", "Member self-service"],
                    new Dictionary<string, int> { ["members"] = 300, ["locations"] = 1, ["staff"] = 5 }),
                new("professional", "Professional", 11_900,
                    ["Everything in Basic", "Personal trainer sessions", "Failed payment recovery", "Retention reports"],
                    new Dictionary<string, int> { ["members"] = 1_500, ["locations"] = 3, ["staff"] = 25 }),
                new("enterprise", "Enterprise", 26_900,
                    ["Everything in Professional", "Multi-club memberships", "Corporate wellness accounts", "API access", "Dedicated onboarding"],
                    new Dictionary<string, int> { ["members"] = 20_000, ["locations"] = 25, ["staff"] = 300 }),
            ],
            [
                new("access_control", "Door Access Control", 2_500, "Turnstile and door controller integration with 24/7 member access."),
                new("member_app", "Branded Member App", 3_900, "Your own iOS and Android app for bookings and check-in."),
                new("body_composition", "Body Composition Tracking", 900, "Import InBody scans and chart member progress."),
                new("point_of_sale", "Front Desk Shop", 1_200, "Sell drinks, supplements and merchandise at the front desk."),
            ],
            DiscountedCycles(5, 25)),
        Saas(
            "studioflow-classes", "StudioFlow",
            "Class scheduling and waitlists for yoga, pilates and spin studios. Sell class packs and intro offers, handle instructor substitutions in one click, and stream live classes to remote members.",
            "gym_management", 0, 410, false,
            [
                new("starter", "Starter", 3_900,
                    ["Class timetable and booking", "Class packs and intro offers", "Waitlists"],
                    new Dictionary<string, int> { ["members"] = 200, ["instructors"] = 4 }),
                new("studio", "Studio", 7_900,
                    ["Everything in Starter", "Instructor substitutions and pay rates", "Automated waitlist promotion", "Attendance reports"],
                    new Dictionary<string, int> { ["members"] = 1_000, ["instructors"] = 15, ["classes_per_week"] = 120 }),
                new("multi_studio", "Multi-Studio", 15_900,
                    ["Everything in Studio", "Shared memberships across studios", "Brand-level reporting", "Priority support"],
                    new Dictionary<string, int> { ["members"] = 8_000, ["instructors"] = 80, ["classes_per_week"] = 800, ["locations"] = 10 }),
            ],
            [
                new("livestream", "Livestream Classes", 1_900, "Stream classes live to booked members and keep an on-demand library."),
                new("retention_emails", "Retention Emails", 900, "Automatic nudges to members who have not booked in two weeks."),
                new("mat_spot_booking", "Spot Booking", 500, "Let members pick their bike or mat position when booking."),
            ]),

        // SaaS: clinic_management
        Saas(
            "medicore-clinic", "MediCore Clinic",
            "Electronic patient records, appointment scheduling and billing for outpatient clinics. Practitioners chart visits from templates and write e-prescriptions, while patients complete intake forms before they arrive.",
            "clinic_management", 1_900, 650, false,
            [
                new("basic", "Basic", 7_900,
                    ["Patient records", "Appointment scheduling", "Visit note templates", "Invoicing"],
                    new Dictionary<string, int> { ["practitioners"] = 2, ["locations"] = 1, ["storage_gb"] = 20 }),
                new("professional", "Professional", 15_900,
                    ["Everything in Basic", "Practitioner schedules and rosters", "Prescriptions", "Online patient intake", "Audit log"],
                    new Dictionary<string, int> { ["practitioners"] = 10, ["locations"] = 3, ["storage_gb"] = 200 }),
                new("enterprise", "Enterprise", 34_900,
                    ["Everything in Professional", "Multi-clinic records sharing", "HL7 and FHIR interfaces", "Single sign-on", "Data residency options"],
                    new Dictionary<string, int> { ["practitioners"] = 100, ["locations"] = 25, ["storage_gb"] = 2_000 }),
            ],
            [
                new("telehealth", "Telehealth Video Visits", 2_900, "Secure browser-based video consultations linked to the appointment."),
                new("e_prescriptions", "E-Prescriptions", 1_900, "Send prescriptions electronically to the patient's pharmacy."),
                new("patient_portal", "Patient Portal", 1_500, "Patients book, pay and download results online."),
                new("lab_integration", "Lab Integration", 2_500, "Order lab tests and receive results directly into the chart."),
                new("insurance_claims", "Insurance Claims", 2_900, "Submit and track insurance claims from the invoice."),
            ]),
        Saas(
            "smilechart-dental", "SmileChart Dental",
            "Practice management for dental clinics with interactive tooth charting, treatment plans and recall reminders. Imports X-ray images from common sensors and tracks insurance pre-authorisations.",
            "clinic_management", 0, 300, false,
            [
                new("basic", "Basic", 8_900,
                    ["Tooth charting", "Treatment plans with estimates", "Recall reminders"],
                    new Dictionary<string, int> { ["practitioners"] = 2, ["chairs"] = 3 }),
                new("professional", "Professional", 16_900,
                    ["Everything in Basic", "X-ray imaging bridge", "Insurance pre-authorisations", "Hygienist schedules"],
                    new Dictionary<string, int> { ["practitioners"] = 8, ["chairs"] = 10, ["users"] = 20 }),
                new("enterprise", "Enterprise", 32_900,
                    ["Everything in Professional", "Multi-practice groups", "Consolidated reporting", "Dedicated support line"],
                    new Dictionary<string, int> { ["practitioners"] = 60, ["chairs"] = 80, ["users"] = 200 }),
            ],
            [
                new("online_booking", "Online Booking", 1_200, "Patients book check-ups and hygiene visits from your website."),
                new("two_way_sms", "Two-Way SMS", 900, "Patients confirm or reschedule by replying to a text."),
                new("digital_consent", "Digital Consent Forms", 700, "Sign treatment consent forms on a tablet in the chair."),
            ]),

        // SaaS: restaurant_management
        Saas(
            "backhouse-restaurant-ops", "Backhouse Restaurant Ops",
            "The back office for multi-site restaurant groups: recipe costing, menu engineering reports, supplier purchase orders and inventory counts. See the food cost percentage of every dish before you change the menu.",
            "restaurant_management", 0, 530, false,
            [
                new("basic", "Basic", 5_900,
                    ["Recipe costing", "Inventory counts", "Supplier orders", "Food cost reports"],
                    new Dictionary<string, int> { ["locations"] = 1, ["users"] = 5, ["recipes"] = 300 }),
                new("professional", "Professional", 12_900,
                    ["Everything in Basic", "Menu engineering matrix", "Waste tracking", "Central kitchen transfers"],
                    new Dictionary<string, int> { ["locations"] = 5, ["users"] = 30, ["recipes"] = 2_000 }),
                new("enterprise", "Enterprise", 28_900,
                    ["Everything in Professional", "Group purchasing contracts", "Budget versus actual reports", "API and BI export"],
                    new Dictionary<string, int> { ["locations"] = 50, ["users"] = 300, ["recipes"] = 20_000 }),
            ],
            [
                new("invoice_scanning", "Invoice Scanning", 1_900, "Photograph supplier invoices and update ingredient prices automatically."),
                new("supplier_edi", "Supplier EDI", 2_500, "Send purchase orders electronically to major food distributors."),
                new("labor_forecasting", "Labor Forecasting", 1_900, "Forecast covers and suggest staffing levels per shift."),
                new("allergen_labels", "Allergen Labels", 700, "Print allergen and nutrition labels for prep containers."),
            ]),
        Saas(
            "reservo-table-booking", "Reservo Table Booking",
            "Reservations, waitlist and guest CRM for restaurants that want to own their bookings. Take deposits for large parties, build staff rotas around expected covers, and send post-visit review requests.",
            "restaurant_management", 0, 590, false,
            [
                new("basic", "Basic", 3_900,
                    ["Online reservations", "Walk-in waitlist", "Guest notes and allergies"],
                    new Dictionary<string, int> { ["locations"] = 1, ["covers_per_month"] = 2_000, ["users"] = 5 }),
                new("professional", "Professional", 8_900,
                    ["Everything in Basic", "Staff scheduling by covers", "Guest CRM and tags", "Event and private dining bookings"],
                    new Dictionary<string, int> { ["locations"] = 3, ["covers_per_month"] = 10_000, ["users"] = 25 }),
                new("enterprise", "Enterprise", 19_900,
                    ["Everything in Professional", "Group guest database", "Marketing segments", "Priority support"],
                    new Dictionary<string, int> { ["locations"] = 30, ["covers_per_month"] = 150_000, ["users"] = 250 }),
            ],
            [
                new("card_deposits", "Card Deposits & No-Show Fees", 1_500, "Hold a card or take a deposit for large parties and special dates."),
                new("sms_waitlist", "SMS Waitlist", 900, "Text walk-in guests when their table is ready."),
                new("google_reserve", "Reserve with Google", 1_200, "Take bookings directly from Google Search and Maps."),
                new("review_requests", "Review Requests", 700, "Ask guests for a review the morning after their visit."),
            ]),

        // Self-hosted: software_download
        SelfHosted(
            "vaultkeep-backup", "VaultKeep Backup",
            "Incremental, deduplicated backup for Windows and Linux servers with AES-256 encryption and bare-metal restore. Back up to local disks, a NAS or any S3-compatible storage.",
            "software_download", 0, 760, true,
            [
                new("standard", "Standard", 7_900, "Protect up to two servers or workstations.", 2),
                new("professional", "Professional", 19_900, "Up to five servers, with VSS-aware database backups.", 5),
                new("enterprise", "Enterprise", 79_900, "Up to 25 servers with central job management.", 25),
            ],
            14_900,
            [
                new("2.3.0", "Adds S3 object-lock targets for immutable backups and speeds up block-level deduplication by roughly 30%.",
                    new DateOnly(2026, 2, 10), ["vaultkeep-backup-2.3.0-linux-x64.tar.gz", "vaultkeep-backup-2.3.0-win-x64.zip"]),
                new("2.4.1", "Scheduled integrity checks of backup sets; fixes restore of sparse files on ext4 and a retention bug with weekly rotations.",
                    new DateOnly(2026, 4, 22), ["vaultkeep-backup-2.4.1-linux-x64.tar.gz", "vaultkeep-backup-2.4.1-win-x64.zip"]),
            ]),
        SelfHosted(
            "pixelforge-studio", "PixelForge Studio",
            "A desktop photo editor with non-destructive layers, RAW development and batch export presets. One perpetual license, no subscription, on Windows and macOS.",
            "software_download", 0, 450, false,
            [
                new("standard", "Standard", 5_900, "One user on a single computer.", 1),
                new("professional", "Professional", 12_900, "One user on up to three computers, with the batch automation module.", 3),
            ],
            9_900,
            [
                new("5.1.0", "New AI-assisted masking, HEIC import and a redesigned export dialog.",
                    new DateOnly(2026, 1, 15), ["pixelforge-studio-5.1.0-win-x64.zip", "pixelforge-studio-5.1.0-macos-arm64.dmg"]),
                new("5.2.0", "Lens correction profiles for 40 new cameras, faster RAW previews and a fix for colour shifts in CMYK export.",
                    new DateOnly(2026, 3, 30), ["pixelforge-studio-5.2.0-win-x64.zip", "pixelforge-studio-5.2.0-macos-arm64.dmg"]),
            ]),

        // Self-hosted: development_tools
        SelfHosted(
            "schemadiff-pro", "SchemaDiff Pro",
            "Compare and synchronise database schemas across PostgreSQL, MySQL and SQL Server, then generate reviewed migration scripts. Runs headless in CI to block pull requests that drift from production.",
            "development_tools", 0, 520, false,
            [
                new("standard", "Single Developer", 9_900, "One developer seat for desktop use.", 1),
                new("professional", "Team", 39_900, "Five developer seats plus CI runner activations.", 5),
                new("enterprise", "Enterprise", 149_900, "25 seats, unlimited CI pipelines and a signed offline license.", 25),
            ],
            19_900,
            [
                new("3.7.0", "Adds SQL Server temporal tables, partitioned table support for PostgreSQL and a JUnit report format for CI.",
                    new DateOnly(2026, 1, 28), ["schemadiff-pro-3.7.0-linux-x64.tar.gz", "schemadiff-pro-3.7.0-win-x64.zip"]),
                new("3.8.2", "Drift check exit codes for GitHub Actions and GitLab CI; fixes ordering of foreign keys in generated migrations.",
                    new DateOnly(2026, 5, 6), ["schemadiff-pro-3.8.2-linux-x64.tar.gz", "schemadiff-pro-3.8.2-win-x64.zip"]),
            ]),
        SelfHosted(
            "tracelens-profiler", "TraceLens Profiler",
            "A CPU and memory profiler for .NET and JVM services with flame graphs, allocation tracking and a command-line agent for production snapshots. Find the slow query or leaking cache without redeploying.",
            "development_tools", 0, 380, false,
            [
                new("standard", "Standard", 14_900, "One developer, up to two machines.", 2),
                new("professional", "Professional", 49_900, "Five developers, including the production snapshot agent.", 5),
            ],
            12_900,
            [
                new("1.9.0", "Async call-stack reconstruction for .NET, a diff view between two snapshots, and lower agent overhead.",
                    new DateOnly(2026, 2, 18), ["tracelens-profiler-1.9.0-linux-x64.tar.gz"]),
                new("2.0.1", "JVM support with JFR import, a new timeline view of garbage collections and a fix for symbol loading on Alpine.",
                    new DateOnly(2026, 6, 2), ["tracelens-profiler-2.0.1-linux-x64.tar.gz", "tracelens-profiler-2.0.1-win-x64.zip"]),
            ]),

        // Self-hosted: analytics_platform
        SelfHosted(
            "insightbase-analytics", "InsightBase Analytics",
            "Self-hosted product analytics with event tracking, funnels, retention cohorts and SQL-powered dashboards. Your data stays in your own ClickHouse or PostgreSQL database, which keeps GDPR reviews short.",
            "analytics_platform", 10_000, 640, false,
            [
                new("standard", "Standard", 29_900, "One production instance, up to 10 million events a month.", 1),
                new("professional", "Professional", 89_900, "Five instances with SSO and scheduled data export.", 5),
                new("enterprise", "Enterprise", 249_900, "25 instances, unlimited events and high-availability clustering.", 25),
            ],
            29_900,
            [
                new("4.0.0", "New dashboard builder with shared filters, ClickHouse 24 support and a rewritten event ingestion pipeline.",
                    new DateOnly(2026, 3, 3), ["insightbase-4.0.0-linux-x64.tar.gz", "insightbase-4.0.0-docker-compose.zip"]),
                new("4.1.3", "Cohort exports to S3 and BigQuery, faster funnel queries, and a fix for timezone handling in weekly retention charts.",
                    new DateOnly(2026, 5, 19), ["insightbase-4.1.3-linux-x64.tar.gz", "insightbase-4.1.3-docker-compose.zip"]),
            ]),
        SelfHosted(
            "quietmetrics-web-analytics", "QuietMetrics Web Analytics",
            "Lightweight, cookie-free website analytics that installs as a single binary. Tracks page views, referrers and campaign UTM tags without collecting personal data or showing consent banners.",
            "analytics_platform", 0, 430, false,
            [
                new("standard", "Standard", 4_900, "Up to three websites on one server.", 3),
                new("professional", "Professional", 14_900, "Unlimited websites on up to five servers, with goals and custom events.", 5),
                new("enterprise", "Agency", 39_900, "25 servers, white-label dashboards and client reports.", 25),
            ],
            9_900,
            [
                new("1.8.0", "Adds custom event goals, a public shareable dashboard link and CSV export of any report.",
                    new DateOnly(2026, 1, 9), ["quietmetrics-1.8.0-linux-amd64.tar.gz", "quietmetrics-1.8.0-linux-arm64.tar.gz"]),
                new("1.9.1", "Bot filtering improvements, GeoLite2 city lookups and a fix for duplicate sessions behind reverse proxies.",
                    new DateOnly(2026, 4, 14), ["quietmetrics-1.9.1-linux-amd64.tar.gz", "quietmetrics-1.9.1-linux-arm64.tar.gz"]),
            ]),

        // Self-hosted: security_tools
        SelfHosted(
            "sentinelscan", "SentinelScan",
            "A network vulnerability scanner for internal infrastructure: discovers hosts, fingerprints services and checks them against the latest CVE feed. Produces audit-ready reports for PCI DSS and ISO 27001 and works fully air-gapped with offline feed updates.",
            "security_tools", 0, 790, true,
            [
                new("standard", "Standard", 49_900, "One scanner appliance, up to 256 IP addresses.", 1),
                new("professional", "Professional", 149_900, "Five scanners, unlimited IP addresses and authenticated scans.", 5),
                new("enterprise", "Enterprise", 499_900, "25 scanners, central console and compliance report packs.", 25),
            ],
            29_900,
            [
                new("6.2.0", "Authenticated Windows scans over WinRM, container image scanning and a new remediation priority score.",
                    new DateOnly(2026, 2, 24), ["sentinelscan-6.2.0-linux-x64.tar.gz"]),
                new("6.3.1", "Offline CVE feed bundles for air-gapped sites, PCI DSS 4.0 report template and faster TLS checks.",
                    new DateOnly(2026, 5, 12), ["sentinelscan-6.3.1-linux-x64.tar.gz", "sentinelscan-6.3.1-offline-feed.zip"]),
            ]),
        SelfHosted(
            "nightwatch-ids", "NightWatch IDS",
            "Host-based intrusion detection that watches file integrity, login anomalies and suspicious processes on Linux servers. Alerts go to Slack, email or your SIEM over syslog.",
            "security_tools", 5_000, 350, false,
            [
                new("standard", "Standard", 9_900, "Monitor up to three hosts.", 3),
                new("professional", "Professional", 29_900, "Monitor up to five hosts with the rootkit detection module.", 5),
                new("enterprise", "Enterprise", 99_900, "Up to 25 hosts with central rule management and audit reports.", 25),
            ],
            19_900,
            [
                new("2.0.0", "eBPF-based process monitoring, a new rules language and JSON alert output for SIEM pipelines.",
                    new DateOnly(2026, 1, 20), ["nightwatch-ids-2.0.0-linux-x64.tar.gz"]),
                new("2.1.4", "Detects SSH brute-force bursts across hosts, adds ARM64 builds and fixes false positives on log rotation.",
                    new DateOnly(2026, 4, 8), ["nightwatch-ids-2.1.4-linux-x64.tar.gz", "nightwatch-ids-2.1.4-linux-arm64.tar.gz"]),
            ]),

        // Services: design_services
        Service(
            "brandcraft-logo-identity", "BrandCraft Logo & Identity",
            "A senior designer creates your logo, colour palette and typography, starting from several initial concepts. You receive vector source files and a brand guidelines PDF ready for print and web.",
            "design_services", 0, 880, true,
            [
                new("starter", "Logo Starter", 29_900, "A professional logo from two initial concepts.", 5,
                    ["2 logo concepts", "2 revision rounds", "SVG, PNG and PDF files"]),
                new("standard", "Brand Identity", 79_900, "Logo plus the core visual identity for a new business.", 10,
                    ["3 logo concepts", "Colour palette and typography", "Business card design", "Brand guidelines PDF"]),
                new("premium", "Full Brand System", 199_900, "A complete identity system for launches and rebrands.", 21,
                    ["5 logo concepts", "Full brand guidelines", "Social media templates", "Stationery and pitch deck template"]),
            ],
            ["graphic_design", "branding"]),
        Service(
            "storyframe-illustration", "StoryFrame Illustration",
            "Custom illustrations for websites, onboarding screens and marketing campaigns, drawn in a consistent style that matches your brand. Includes layered source files and full commercial usage rights.",
            "design_services", 0, 270, false,
            [
                new("starter", "Spot Illustrations", 39_900, "Three spot illustrations for a landing page or email.", 7,
                    ["3 spot illustrations", "1 revision round", "Layered source files"]),
                new("standard", "Illustration Set", 119_900, "A matching set for a product tour or onboarding flow.", 14,
                    ["10 illustrations", "Style exploration sketch", "2 revision rounds", "Layered source files"]),
                new("premium", "Campaign Pack", 279_900, "Hero artwork and supporting illustrations for a full campaign.", 30,
                    ["Hero illustration", "20 supporting illustrations", "Animated GIF versions", "Illustration style guide"]),
            ],
            ["illustration", "graphic_design"]),

        // Services: mobile_development
        Service(
            "appforge-mvp-build", "AppForge MVP Build",
            "Turn your idea into a cross-platform iOS and Android app built with Flutter, from clickable prototype to App Store and Google Play submission. Weekly demo builds let you steer the project at every milestone.",
            "mobile_development", 0, 700, true,
            [
                new("starter", "Prototype & MVP", 490_000, "A focused MVP with up to eight screens and a hosted backend.", 30,
                    ["Clickable prototype", "Flutter app for iOS and Android", "App store submission"]),
                new("standard", "Launch", 1_290_000, "A production-ready app with accounts, payments and push notifications.", 60,
                    ["UX design of up to 25 screens", "Flutter app with backend API", "In-app payments", "App store submission"]),
                new("premium", "Scale", 2_490_000, "A larger app with offline sync, admin panel and analytics.", 90,
                    ["Full UX and UI design", "Flutter app with offline sync", "Web admin panel", "60 days of post-launch support"]),
            ],
            ["flutter", "ios", "android"]),
        Service(
            "nativecraft-mobile-apps", "NativeCraft Native Apps",
            "Native Swift and Kotlin apps for teams that need top performance, offline sync, push notifications and deep device integration. Includes automated tests, crash reporting and store listing assets.",
            "mobile_development", 150_000, 330, false,
            [
                new("starter", "Single Platform", 890_000, "A native app for either iOS or Android.", 45,
                    ["Swift or Kotlin source code", "Automated UI tests", "Store listing assets"]),
                new("standard", "Dual Platform", 1_690_000, "Native iOS and Android apps sharing one backend.", 75,
                    ["Swift and Kotlin source code", "Push notifications", "Crash reporting setup", "App store submission"]),
                new("premium", "Enterprise Mobile", 2_990_000, "Native apps with SSO, device management and offline sync.", 90,
                    ["Swift and Kotlin source code", "MDM and SSO integration", "Offline data sync", "Security review report"]),
            ],
            ["ios", "android", "ui_ux_design"]),

        // Services: web_development
        Service(
            "launchpad-business-website", "LaunchPad Business Website",
            "A fast, responsive WordPress website for small businesses with contact forms, on-page SEO and Google Analytics. We set up the CMS so your team can edit content without a developer.",
            "web_development", 0, 750, false,
            [
                new("starter", "Starter Site", 149_900, "A five-page site built on a premium theme.", 14,
                    ["5 responsive pages", "Contact form", "Basic on-page SEO"]),
                new("standard", "Business Site", 299_900, "Up to ten custom-designed pages with a blog.", 21,
                    ["10 custom pages", "Blog setup", "CMS training session", "Google Analytics setup"]),
                new("premium", "Online Store", 599_900, "A WooCommerce store with payments and shipping rules.", 35,
                    ["WooCommerce store", "Up to 100 products imported", "Payment and shipping setup", "CMS training session"]),
            ],
            ["wordpress", "ui_ux_design"]),
        Service(
            "stackworks-web-apps", "StackWorks Web Applications",
            "Custom web applications with a React front end and an ASP.NET Core API: customer portals, internal dashboards and booking systems. Includes automated tests, a CI/CD pipeline and deployment to your cloud.",
            "web_development", 0, 460, false,
            [
                new("starter", "Proof of Concept", 690_000, "A working proof of concept of your core workflow.", 30,
                    ["Technical specification", "React and .NET source code", "Staging deployment"]),
                new("standard", "Web Application", 1_490_000, "A production web application with authentication and roles.", 60,
                    ["React front end", "ASP.NET Core API", "Automated test suite", "CI/CD pipeline"]),
                new("premium", "Platform Build", 2_890_000, "A multi-tenant platform with integrations and monitoring.", 90,
                    ["Multi-tenant architecture", "Third-party integrations", "Infrastructure as code", "Monitoring and alerting setup"]),
            ],
            ["react", "dotnet", "cloud_devops"]),

        // Services: technical_support
        Service(
            "serverguard-linux-care", "ServerGuard Linux Care",
            "Monthly maintenance for Linux servers by certified engineers: security patching, backup checks, uptime monitoring and performance tuning. A named engineer responds within four business hours and sends a monthly health report.",
            "technical_support", 0, 540, false,
            [
                new("starter", "Essential", 29_900, "Maintenance for up to three Linux servers.", 30,
                    ["Monthly security patching", "Backup verification", "Monthly health report"]),
                new("standard", "Business", 79_900, "Up to ten servers with uptime monitoring and tuning.", 30,
                    ["Weekly patching window", "24/7 uptime monitoring", "Performance tuning", "Monthly health report"]),
                new("premium", "Critical", 189_900, "Up to 25 servers with round-the-clock incident response.", 30,
                    ["24/7 incident response", "Named engineer", "Quarterly disaster recovery test", "Monthly health report"]),
            ],
            ["linux_admin", "networking", "cloud_devops"]),
        Service(
            "officedesk-it-support", "OfficeDesk IT Support",
            "Remote helpdesk for offices of 5 to 50 people: Windows Server and Microsoft 365 administration, Wi-Fi and VPN troubleshooting, and setup of new laptops for new starters.",
            "technical_support", 0, 410, false,
            [
                new("starter", "Helpdesk", 39_900, "Remote helpdesk for up to 10 users during business hours.", 30,
                    ["Remote support sessions", "Microsoft 365 user administration", "Monthly ticket report"]),
                new("standard", "Office", 99_900, "Up to 25 users, including server and network care.", 30,
                    ["Remote support sessions", "Windows Server maintenance", "Firewall and VPN management", "Monthly ticket report"]),
                new("premium", "Managed IT", 199_900, "Up to 50 users with a named engineer and on-boarding of new staff.", 30,
                    ["Named engineer", "Laptop setup for new starters", "Network and Wi-Fi audit", "Quarterly IT review"]),
            ],
            ["windows_server", "networking"]),
        // No demo provider has this product's skill: its orders wait in the assignment queue until an administrator
        // registers one (or assigns by hand), which is how the queue is shown on the embedded default.
        Service(
            "ledgerproof-contract-audit", "LedgerProof Smart Contract Audit",
            "A line-by-line security review of your Solidity smart contracts before mainnet: reentrancy, access control, overflow and upgrade risks, with a findings report ranked by severity and a re-check of your fixes.",
            "technical_support", 0, 120, false,
            [
                new("starter", "Single Contract", 249_900, "One contract of up to 500 lines.", 10,
                    ["Manual line-by-line review", "Findings report by severity", "One re-check of fixes"]),
                new("standard", "Protocol", 690_000, "Up to five contracts that work together.", 21,
                    ["Manual review of up to 5 contracts", "Attack scenario tests", "Findings report by severity", "Two re-checks of fixes"]),
                new("premium", "Launch Assurance", 1_490_000, "A full protocol audit with a public report for your launch.", 35,
                    ["Full protocol review", "Fuzzing campaign", "Public audit report", "Launch-day on-call engineer"]),
            ],
            [UnstaffedDemoSkill]),
    ];

    /// <summary>The one skill a demo service product requires that no demo provider has.</summary>
    public const string UnstaffedDemoSkill = "smart_contract_audit";

    private static IReadOnlyList<BillingCycleOption> DiscountedCycles(int quarterlyDiscount, int annualDiscount) =>
    [
        new("monthly", 1, 0),
        new("quarterly", 3, quarterlyDiscount),
        new("annual", 12, annualDiscount),
    ];

    private static DemoProduct Saas(
        string slug, string name, string description, string type, long basePrice, int popularity, bool featured,
        IReadOnlyList<PricingPlan> plans, IReadOnlyList<AddOnFeature> addOns, IReadOnlyList<BillingCycleOption>? cycles = null) =>
        new(slug, name, description, type, basePrice, popularity, featured, new ProductOptions
        {
            PricingPlans = plans,
            AvailableFeatures = addOns,
            BillingCycles = cycles ?? OptionDefaults.BillingCycles,
        });

    private static DemoProduct SelfHosted(
        string slug, string name, string description, string type, long basePrice, int popularity, bool featured,
        IReadOnlyList<LicenseTypeOption> licenses, long lifetimeUpdatesSurcharge, IReadOnlyList<DemoRelease> releases) =>
        new(slug, name, description, type, basePrice, popularity, featured, new ProductOptions
        {
            LicenseTypes = licenses,
            SupportPlans = OptionDefaults.SupportPlans,
            UpdateOptions =
            [
                new("1_year", "1 year of updates", 0),
                new("lifetime", "Lifetime updates", lifetimeUpdatesSurcharge),
            ],
        }, releases);

    private static DemoProduct Service(
        string slug, string name, string description, string type, long basePrice, int popularity, bool featured,
        IReadOnlyList<ServicePackage> packages, IReadOnlyList<string> requiredSkills) =>
        new(slug, name, description, type, basePrice, popularity, featured, new ProductOptions
        {
            ServicePackages = packages,
            Timelines = OptionDefaults.Timelines,
            RequiredSkills = requiredSkills,
        });
}
