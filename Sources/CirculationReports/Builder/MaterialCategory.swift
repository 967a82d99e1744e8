/// The material columns of the Massachusetts annual report survey. SIP2 media-type codes (CK)
/// map onto them; a library-system import may also carry the category's own name.
public enum MaterialCategory: Int, CaseIterable, Sendable {
    case books, audio, video, ebooks, periodicals, microforms, miscellaneous

    public var label: String {
        switch self {
        case .books: "Books"
        case .audio: "Audio"
        case .video: "Video"
        case .ebooks: "E-books"
        case .periodicals: "Periodicals"
        case .microforms: "Microforms"
        case .miscellaneous: "Miscellaneous"
        }
    }

    /// SIP2 codes: 001 book and 008-010 books with a disc or tape count as books (the book is
    /// what circulates); 002 magazine, 003 bound journal are periodicals; 004 audio tape and
    /// 006 CD are audio; 005 video tape is video; 000 other, 007 diskette and anything
    /// unrecognised are miscellaneous.
    public init(mediaType: String) {
        self = MaterialCategory(builtIn: mediaType) ?? .miscellaneous
    }

    /// The built-in mapping of SIP2's media-type codes and of the category names an export may
    /// give; nil for any other value (a library system's own item type, or none), which only
    /// the site's `[report.item_types]` can place.
    public init?(builtIn mediaType: String) {
        switch mediaType.lowercased() {
        case "001", "008", "009", "010", "book", "books": self = .books
        case "004", "006", "audio": self = .audio
        case "005", "video": self = .video
        case "e-book", "e-books", "ebook", "ebooks": self = .ebooks
        case "002", "003", "periodical", "periodicals": self = .periodicals
        case "microform", "microforms": self = .microforms
        case "000", "007": self = .miscellaneous
        default: return nil
        }
    }
}
