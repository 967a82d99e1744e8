import RFIDCommon

/// A command line that cannot work as given, found after parsing (the parser's own errors are
/// exit 64 too): the message says what to do instead.
struct CommandLineError: UserFacingError {
    var description: String
    var exitStatus: ExitStatus { .usage }
}
