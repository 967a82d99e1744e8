import CirculationLog

/// Logs and exports as an adversary (or a badly configured self-check) writes them: patron data
/// in every field that can carry text, in the ways a deny-list walks around, next to ordinary
/// transactions. Kept as text here, not as files, so the corpus is reviewed like code; the test
/// writes it out and runs the real `rfid-report` on it. Every value in `secrets` must be in no
/// byte of the store, its WAL, any report format or anything the tool prints.
enum AdversarialCorpus {
    /// Patron data as it can be written. Each is searched for, byte for byte.
    static let secrets = [
        "21234567890124", "2 1234 56789 0124", "2-1234-56789-0124", "021234567890124", "2123456789012",
        "23529000035676", "617 555 0177", "(617) 555-0123", "617-555-0123", "+1 617 555 0123", "+44 20 7946 0958",
        "6175550177", "jane.doe@example.org", "name(at)example.org", "jane＠example.org", "Jane Doe",
        "Oluwaseun Abernathy", "12 Elm Street", "1987-04-12", "PIN4711", "123-45-6789",
    ]

    /// An item barcode the built-in policy accepts, so reports have rows.
    static let item = "33191000105864"

    static func sip2Field(_ code: String, _ value: String) -> String { code + value + "|" }

    /// SIP2: each secret in each kept field (AO, AB, AP, AQ, CK, CR), in the patron fields and
    /// free text, in an unknown field, and whole lines of it (malformed).
    static var sip2Log: String {
        var lines: [String] = []
        var minute = 0
        func checkout(_ fields: String) {
            let time = String(format: "10%02d%02d", minute / 60 % 60, minute % 60)
            minute += 1
            lines.append("2026-03-02T10:00:00 121YUY20260302    \(time)" + fields)
        }
        for secret in secrets {
            for code in ["AO", "AB", "AP", "AQ", "CK", "CR"] {
                var fields = sip2Field("AO", "MAIN") + sip2Field("AB", item)
                fields = fields.replacingOccurrences(of: code == "AO" ? "AOMAIN|" : "\u{0}", with: "")
                if code == "AB" { fields = sip2Field("AO", "MAIN") }
                checkout(fields + sip2Field(code, secret))
            }
            checkout(
                sip2Field("AO", "MAIN") + sip2Field("AA", secret) + sip2Field("AE", secret) + sip2Field("AB", item)
                    + sip2Field("BE", secret) + sip2Field("BF", secret) + sip2Field("AF", secret) + sip2Field("AG", secret)
                    + sip2Field("AJ", secret) + sip2Field("ZZ", secret) + sip2Field("PB", secret))
            lines.append(secret)  // a whole line of patron data: malformed, never echoed
            lines.append("12" + secret)  // a message cut short after its code
            lines.append("2026-03-02T10:00:00 121YUY20260302    100000AO\(secret)")  // no pipe at the end
        }
        // A resent response after a 97, and CR-only line ends at the end of the log.
        let response = "2026-03-02T11:00:00 121YUY20260302    110000AOMAIN|AB\(item)|AY1AZ"
        lines += [response, "2026-03-02T11:00:01 97", response]
        return lines.joined(separator: "\n") + "\r" + lines[1] + "\r\n"
    }

    /// Koha's export with the secrets in every column, quoted and not, plus broken rows.
    static var kohaExport: String {
        var rows = ["\u{FEFF}datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode,categorycode"]
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        for secret in secrets {
            let q = quoted(secret)
            rows.append("2026-03-03 10:00:00,\(q),\(q),issue,\(q),\(q),\(q),\(q),\(q),\(q),\(q)")
            rows.append("2026-03-03 10:01:00,MAIN,0,issue,,\(item),001,STACKS,\(q),FIC,\(q)")
            rows.append("2026-03-03 10:02:00,MAIN,0,\(q),,\(item),001,STACKS,\(q),FIC,PT")  // an unknown type
            rows.append("\(q),MAIN,0,issue,,\(item),001,STACKS,1,FIC,PT")  // the time column holds it
            rows.append("2026-03-03 10:03:00,\"\(secret),0,issue,,\(item),001,STACKS,1,FIC,PT")  // unbalanced quote
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// The site's codes (`[codes]`), as Docs/site-configuration.md advises a library to list
    /// them: with lists, a code-shaped secret (`PIN4711`) is no more kept than any other.
    static let siteFile = """
        [codes]
        branches = ["MAIN", "EAST"]
        locations = ["STACKS"]
        collections = ["FIC"]
        item_types = ["BK"]

        """

    /// A mapping that names the borrower column by number: refused before anything is read.
    static let numberedBorrowerMapping = """
        {"columns": {"time": 1, "action": 4, "branch": 2, "item": 9}, "actions": {"issue": "checkout"}}
        """
}
