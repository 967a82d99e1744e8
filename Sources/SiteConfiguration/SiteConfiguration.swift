import ReaderCore
import TagCodec
import TagPrivacy

/// Everything a site decides, read from one file (`/etc/libraryrfid/site.toml`) by every tool,
/// so the station, the gates and the report job can never disagree about the barcode policy,
/// the AFI values or where the stores live. Built-in defaults apply to whatever the file leaves
/// out; `config check` prints every effective value with its source.
public struct SiteConfiguration: Sendable {
    public static let defaultPath = "/etc/libraryrfid/site.toml"
    /// Names the site file when `--config` is not given.
    public static let pathVariable = "LIBRARYRFID_CONFIG"
    /// State lives here by Linux convention (systemd `StateDirectory=libraryrfid`).
    public static let stateDirectory = "/var/lib/libraryrfid"

    public struct Site: Sendable, Equatable {
        public var name: String
        /// This library's code in a network's shared PostgreSQL database, where every store's
        /// rows are kept per library; nil: none (a SQLite site needs none).
        public var id: String? = nil
        /// IANA time zone for the hours and days of reports and gate counts; nil: the system's.
        public var timezone: String?
    }

    public struct Tags: Sendable, Equatable {
        public enum Format: String, Sendable, CaseIterable {
            case iso28560_2 = "iso28560-2"
            case iso28560_3 = "iso28560-3"
            public var tagFormat: TagFormat { self == .iso28560_2 ? .iso28560_2 : .iso28560_3 }
        }
        public var format: Format = .iso28560_2
        /// The AFI of an item on the shelf: what a gate asks for (ISO 28560-1: 0x07).
        public var afiInStock: UInt8 = 0x07
        /// The AFI of an item checked out: a gate's filtered inventory never wakes it (0xC2).
        public var afiOnLoan: UInt8 = 0xC2
        /// Whether the station also sets the NXP EAS bit when it secures an item.
        public var useEAS = true
    }

    public struct Station: Sendable, Equatable {
        public var id: String
        /// The reader address; nil when none is configured (reader commands then refuse to run).
        public var reader: String?
        /// The station activity store.
        public var log: String
    }

    public struct Gate: Sendable, Equatable {
        public enum Detection: String, Sendable, CaseIterable {
            /// Inventory filtered on the in-stock AFI: items on loan never answer.
            case afi
            /// The NXP EAS alarm, which carries no UID.
            case eas
        }
        public var id: String
        public var reader: String
        public var detect: Detection = .afi
        /// Antenna numbers, outside first, so two antennas give a direction.
        public var antennas: [Int] = [1]
        /// One alarm per item per window.
        public var debounce: Duration = .seconds(3)
        /// Reader outputs fired on an alarm.
        public var outputs: [OutputCommand] = []
        /// An external program (and its arguments) run on each alarm; empty: none.
        public var alarmCommand: [String] = []
        /// Whether an alarm row may hold the item's barcode. Off by default: the gate then keeps
        /// no identifier of any item anywhere.
        public var recordItems = false
    }

    public struct GateStore: Sendable, Equatable {
        public var path: String
        public var alarmRetentionDays: Int = 30
    }

    public struct Store: Sendable, Equatable {
        public enum BadChecksums: String, Sendable, CaseIterable { case count, skip }
        /// A SQLite path (or sqlite:PATH), or a postgres:// URL naming the one database every
        /// store of the site lives in; nil: the tools' built-in SQLite location.
        public var database: String?
        public var suppressionThreshold = 5
        public var countersRetentionMonths = 24
        public var itemCountsRetentionMonths = 13
        public var rawEventsRetentionDays = 30
        public var keepRawEvents = false
        public var badChecksums: BadChecksums = .count
    }

    /// The codes a library's logs may carry for its branches, locations and collections. Ingest
    /// keeps a code only when it is listed (allow-list); an empty list means "any value with
    /// the shape of a code" (short letters/digits/`-_.`).
    public struct Codes: Sendable, Equatable {
        public var branches: [String] = []
        public var locations: [String] = []
        public var collections: [String] = []
        /// Item types beyond SIP2's media-type codes (000-010) and material names, which are
        /// always kept: Koha's `BK`, `DVD`, in the media-type dimension.
        public var itemTypes: [String] = []
    }

    /// How the reports turn a transaction's codes into the state survey's rows and columns:
    /// `[report.item_types]`, `[report.collections]` and `[report.locations]`, each mapping a
    /// code to a material category, an audience or both. Where several of a transaction's codes
    /// map, the item type wins over the collection, and the collection over the location; a
    /// category none of them gives comes from the built-in SIP2 media-type mapping, an audience
    /// none of them gives stays unknown (never Adult by default).
    public struct Report: Sendable, Equatable {
        public enum Category: String, Sendable, CaseIterable {
            case books, audio, video, ebooks, periodicals, microforms, miscellaneous
        }
        public enum Audience: String, Sendable, CaseIterable {
            case adult, children
            case youngAdult = "young-adult"
        }
        public struct Mapping: Sendable, Equatable {
            public var category: Category?
            public var audience: Audience?
            public init(category: Category? = nil, audience: Audience? = nil) {
                self.category = category
                self.audience = audience
            }
        }
        public var itemTypes: [String: Mapping] = [:]
        public var collections: [String: Mapping] = [:]
        public var locations: [String: Mapping] = [:]
    }

    public struct Metrics: Sendable, Equatable {
        /// Loopback only: the metrics say how busy a branch is, which is nobody's business
        /// outside the machine (a reverse proxy can publish them deliberately).
        public var listen = "127.0.0.1:9464"
    }

    public struct Log: Sendable, Equatable {
        public enum Level: String, Sendable, CaseIterable {
            case trace, debug, info, notice, warning, error, critical
        }
        public var level: Level = .notice
    }

    public var site: Site
    public var policy: BarcodePolicy
    public var tags: Tags
    public var station: Station
    public var gates: [Gate]
    public var gateStore: GateStore
    public var store: Store
    public var codes: Codes
    public var report: Report
    public var metrics: Metrics
    public var log: Log

    /// The file these values were read from; nil when no file was read (built-in defaults).
    public var file: String?
    /// Every setting with its value and source, in file order of sections.
    public var effectiveValues: [EffectiveValue]
}
