/// The people and items of a synthetic library. Patrons carry every kind of identifying value
/// SIP2 can carry, so that tests can prove none of them survives ingest.
public struct SyntheticPatron: Sendable, Equatable {
    /// 14-digit library card number starting with 2 (mod-10 check digit).
    public var barcode: String
    public var name: String
    public var email: String
    public var phone: String
    public var address: String
    public var password: String
    public var birthDate: String
    public var internalID: String

    /// Every identifying value, as a leak test searches for them.
    public var identifiers: [String] { [barcode, name, email, phone, address, password, birthDate, internalID] }
}

public struct SyntheticItem: Sendable, Equatable {
    /// 14-digit item barcode starting with 3.
    public var barcode: String
    public var mediaType: String
    public var location: String
    /// "" when the item's checkin response carries no CR field.
    public var collection: String
    public var title: String
}

enum SyntheticPopulation {
    static let firstNames = ["Ada", "Brendan", "Chiara", "Dmitri", "Esperanza", "Farouk", "Grace", "Hiroshi",
                             "Ines", "Jamal", "Katarzyna", "Liam", "Mei", "Nadia", "Oluwaseun", "Priya"]
    static let lastNames = ["Abernathy", "Bianchi", "Castellanos", "Dubois", "Eriksen", "Fitzgerald", "Gonzaga",
                            "Haddad", "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura"]
    static let streets = ["Elm Street", "Main Street", "Salem Road", "Harbor Way", "Chestnut Hill Avenue"]
    static let titleWords = ["Garden", "River", "Secret", "Winter", "Atlas", "Voyage", "Orchard", "Lantern"]

    /// The mod-10 check digit libraries put on 14-digit Codabar barcodes.
    static func checkDigit(_ digits: [UInt8]) -> UInt8 {
        var sum = 0
        for (index, d) in digits.enumerated() {
            let v = Int(d)
            if index % 2 == 0 {
                let doubled = v * 2
                sum += doubled >= 10 ? doubled - 9 : doubled
            } else {
                sum += v
            }
        }
        return UInt8((10 - sum % 10) % 10)
    }

    static func barcode(first: UInt8, _ rng: inout SplitMix64) -> String {
        var digits: [UInt8] = [first]
        for _ in 0..<12 { digits.append(UInt8(rng.below(10))) }
        digits.append(checkDigit(digits))
        return String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    static func patrons(_ count: Int, _ rng: inout SplitMix64) -> [SyntheticPatron] {
        (0..<max(count, 1)).map { index in
            let first = firstNames[rng.below(firstNames.count)]
            let last = lastNames[rng.below(lastNames.count)]
            let area = [617, 508, 781, 413, 978][rng.below(5)]
            return SyntheticPatron(
                barcode: barcode(first: 2, &rng),
                name: "\(last), \(first) \(index)",
                email: "\(first.lowercased()).\(last.lowercased())\(index)@example.org",
                phone: "(\(area)) 555-\(1000 + rng.below(9000))",
                address: "\(10 + rng.below(890)) \(streets[rng.below(streets.count)]), Worcester MA",
                password: "pw\(rng.next() % 1_000_000_000)",
                birthDate: "19\(50 + rng.below(50))-0\(1 + rng.below(9))-1\(rng.below(10))",
                internalID: "P\(100_000 + index)")
        }
    }

    static func items(
        _ count: Int, mediaTypes: [String], locations: [String], collections: [String], _ rng: inout SplitMix64
    ) -> [SyntheticItem] {
        (0..<max(count, 1)).map { _ in
            SyntheticItem(
                barcode: barcode(first: 3, &rng),
                mediaType: mediaTypes.isEmpty ? "" : mediaTypes[rng.below(mediaTypes.count)],
                location: locations.isEmpty ? "" : locations[rng.below(locations.count)],
                collection: collections.isEmpty ? "" : collections[rng.below(collections.count)],
                title: "The \(titleWords[rng.below(titleWords.count)]) \(titleWords[rng.below(titleWords.count)])")
        }
    }
}
