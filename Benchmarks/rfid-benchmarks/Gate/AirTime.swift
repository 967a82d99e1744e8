/// What the air allows: one ISO 15693 inventory round, from the standard's timings at the high
/// data rate readers use at gates (1-out-of-4 down, one subcarrier up, both 26.48 kbit/s).
/// No software can read tags faster than this, so the daemon's throughput is printed beside it.
enum AirTime {
    static let bit = 37.76e-6                      // seconds per bit, both directions
    static let requestBits = 6.0 * 8               // flags, command, mask length, AFI, CRC16
    static let requestFraming = 113e-6             // SOF + EOF of the request
    static let t1 = 318.6e-6                       // tag response delay
    static let replyBits = 12.0 * 8                // flags, DSFID, UID (8), CRC16
    static let replyFraming = 113e-6               // SOF + EOF of the reply
    static let emptySlot = 0.40e-3                 // EOF to close a slot + the listening window

    /// One tag answering, one slot.
    static var oneSlot: Double { requestBits * bit + requestFraming + t1 + replyBits * bit + replyFraming }
    /// One tag answering in a 16-slot round (what FEIG readers do by default).
    static var sixteenSlots: Double { oneSlot + 15 * emptySlot }
    /// Tags per second one antenna can possibly read (each answering tag costs a slot's reply).
    static var readsPerSecondBound: Double { 1 / (t1 + replyBits * bit + replyFraming) }
}
