import GateService
import Testing

@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    @Test func doublesToTheCeilingAndStartsOverAfterASuccess() {
        var backoff = ReconnectBackoff(first: .milliseconds(250), ceiling: .seconds(1))
        #expect([backoff.failed(), backoff.failed(), backoff.failed(), backoff.failed()] == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1)])
        backoff.succeeded()
        #expect(backoff.failed() == .milliseconds(250))
    }
}
