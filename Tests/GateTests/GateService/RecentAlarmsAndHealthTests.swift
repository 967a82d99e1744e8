import Foundation
import GateDetection
import GateService
import Testing

@Suite("Recent alarms and gate health")
struct RecentAlarmsAndHealthTests {
    @Test func recentAlarmsKeepTenMinutesOnly() {
        let recent = RecentAlarms()
        let now = Date()
        recent.add(.init(time: now.addingTimeInterval(-700), gate: "old", direction: .out, reason: .afi(7)))
        recent.add(.init(time: now.addingTimeInterval(-10), gate: "new", direction: .in, reason: .eas))
        #expect(recent.list(now: now).map(\.gate) == ["new"])
    }

    @Test func aSiteIsHealthyOnlyWhenEveryGateServes() {
        let board = GateHealthBoard()
        #expect(!board.allHealthy)
        board.register("a")
        board.register("b")
        board.up("a")
        #expect(!board.allHealthy)
        board.up("b")
        #expect(board.allHealthy)
        board.down("b", problem: "reader lost")
        #expect(board.all.map(\.problem) == [nil, "reader lost"])
    }
}
