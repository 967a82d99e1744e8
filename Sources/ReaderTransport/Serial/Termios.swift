#if canImport(Glibc)
    import Glibc
#endif

/// Puts a tty into the raw byte mode readers need: no echo, no line editing, no CR/LF or
/// XON/XOFF translation (a FEIG CRC byte may be 0x11 or 0x0D), no modem-control hangups.
enum Termios {
    static func speed(for baud: Int) -> speed_t? {
        switch baud {
        case 1200: speed_t(B1200)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 9600: speed_t(B9600)
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115200: speed_t(B115200)
        case 230400: speed_t(B230400)
        case 460800: speed_t(B460800)
        default: nil
        }
    }

    private static func flags(_ values: [Int32]) -> tcflag_t {
        values.reduce(tcflag_t(0)) { $0 | tcflag_t(truncatingIfNeeded: $1) }
    }

    /// Unix98 pseudo-terminal slaves (major numbers 136-143). The kernel forces them to CS8
    /// without parity whatever is asked: a pty carries bytes, not bits, so framing is moot.
    static func isPseudoTerminal(_ info: stat) -> Bool {
        let device = UInt64(info.st_rdev)
        let major = ((device >> 8) & 0xFFF) | ((device >> 32) & ~UInt64(0xFFF))
        return (136...143).contains(major)
    }

    static func configure(
        _ fd: Int32, _ settings: SerialSettings, endpoint: String, pseudoTerminal: Bool
    ) throws(TransportError) {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "is not a serial port (\(errnoText()))")
        }
        cfmakeraw(&t)
        let inputOff: [Int32] = [IXON, IXOFF, IXANY, INPCK, ISTRIP, IGNPAR, PARMRK]
        let controlOff: [Int32] = [CSIZE, PARENB, PARODD, CSTOPB, HUPCL]
        t.c_iflag &= ~flags(inputOff)
        t.c_cflag &= ~flags(controlOff)
        t.c_cflag &= ~tcflag_t(CRTSCTS)
        t.c_cflag |= flags([CLOCAL, CREAD])
        if pseudoTerminal {
            // Linux keeps a pty at CS8 without parity and may refuse (EINVAL) a request for
            // parity; bytes cross a pty whole, so only the rate (used for pacing) is set.
            t.c_cflag |= tcflag_t(CS8)
        } else {
            t.c_cflag |= framingFlags(settings)
            if settings.parity != .none { t.c_iflag |= tcflag_t(INPCK) }
        }
        // Reads are poll-driven with our own deadlines; the driver never waits in read(2).
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard let speed = speed(for: settings.baud) else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "baud rate \(settings.baud) is not supported")
        }
        guard cfsetispeed(&t, speed) == 0, cfsetospeed(&t, speed) == 0, tcsetattr(fd, TCSANOW, &t) == 0 else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "cannot set \(settings): \(errnoText())")
        }
        // tcsetattr succeeds if any change took; check the ones a reader depends on did.
        var check = termios()
        let framing = flags([CSIZE, PARENB, PARODD, CSTOPB])
        guard tcgetattr(fd, &check) == 0, cfgetospeed(&check) == speed,
            pseudoTerminal || check.c_cflag & framing == t.c_cflag & framing
        else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "the port did not accept \(settings)")
        }
    }

    private static func framingFlags(_ settings: SerialSettings) -> tcflag_t {
        var flags: tcflag_t
        switch settings.dataBits {
        case 5: flags = tcflag_t(CS5)
        case 6: flags = tcflag_t(CS6)
        case 7: flags = tcflag_t(CS7)
        default: flags = tcflag_t(CS8)
        }
        switch settings.parity {
        case .none: break
        case .even: flags |= tcflag_t(PARENB)
        case .odd: flags |= tcflag_t(PARENB) | tcflag_t(PARODD)
        }
        if settings.stopBits == 2 { flags |= tcflag_t(CSTOPB) }
        return flags
    }

    /// The settings a tty currently has, as far as SerialSettings can say (for tests and
    /// `rfid-station readers`).
    static func current(_ fd: Int32) -> SerialSettings? {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return nil }
        let speed = cfgetospeed(&t)
        guard let baud = SerialSettings.supportedBaudRates.first(where: { Self.speed(for: $0) == speed }) else { return nil }
        let size = t.c_cflag & tcflag_t(CSIZE)
        let bits = size == tcflag_t(CS5) ? 5 : size == tcflag_t(CS6) ? 6 : size == tcflag_t(CS7) ? 7 : 8
        let parity: SerialSettings.Parity =
            t.c_cflag & tcflag_t(PARENB) == 0 ? .none : (t.c_cflag & tcflag_t(PARODD) == 0 ? .even : .odd)
        return SerialSettings(baud: baud, dataBits: bits, parity: parity, stopBits: t.c_cflag & tcflag_t(CSTOPB) == 0 ? 1 : 2)
    }
}
