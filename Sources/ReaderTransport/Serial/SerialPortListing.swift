#if canImport(Glibc)
    import Glibc
#endif

/// The serial ports on this machine that could hold a reader, for `rfid-station readers`.
/// Probing only opens and inspects a port (no settings change) and notes one held by another
/// program, the commonest reason a configured reader "does not work".
public enum SerialPortListing {
    public struct Port: Sendable, Equatable {
        public var path: String
        public var inUse: Bool
        public init(path: String, inUse: Bool) {
            self.path = path
            self.inUse = inUse
        }
    }

    /// USB-serial adapters (ttyUSB*), CDC-ACM devices (ttyACM*), and the built-in UARTs
    /// (ttyS*) that really exist: Linux creates ttyS0-31 whether or not a UART is behind them.
    public static func ports(in directory: String = "/dev") -> [Port] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix("ttyUSB") || name.hasPrefix("ttyACM") || name.hasPrefix("ttyS") { names.append(name) }
        }
        return names.sorted().compactMap { probe(directory + "/" + $0) }
    }

    static func probe(_ path: String) -> Port? {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return errno == EBUSY ? Port(path: path, inUse: true) : nil }
        defer { close(fd) }
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return nil }
        // A UART-less ttyS answers tcgetattr but has no port type; TIOCMGET fails on it.
        var modem: Int32 = 0
        if path.hasPrefix("/dev/ttyS"), ioctl(fd, UInt(TIOCMGET), &modem) != 0 { return nil }
        let free = flock(fd, LOCK_EX | LOCK_NB) == 0
        if free { flock(fd, LOCK_UN) }
        return Port(path: path, inUse: !free)
    }

    /// One line per port, with an example address for each of `schemes` (the serial drivers
    /// of the program's driver table).
    public static func lines(schemes: [String] = ["feig", "3m810", "trf7970a"]) -> [String] {
        let found = ports()
        guard !found.isEmpty else { return ["no serial ports found (checked /dev/ttyUSB*, /dev/ttyACM*, /dev/ttyS*)"] }
        return found.map { port in
            let note = port.inUse ? "   IN USE by another program (`fuser -v \(port.path)`)" : ""
            let examples = schemes.map { "\($0):\(port.path)" }.joined(separator: "  ")
            return "serial  \(port.path)   e.g. \(examples)\(note)"
        }
    }
}
