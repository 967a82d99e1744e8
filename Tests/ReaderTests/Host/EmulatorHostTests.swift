import Foundation
import ReaderCore
import ReaderEmulation
import Testing

@Suite("Emulator host over a real pty", .serialized)
struct EmulatorHostTests {
    let tagA = EmulatedTag(uid: TagUID(hex: "E004010000000001")!)
    let tagB = EmulatedTag(uid: TagUID(hex: "E004010000000002")!)

    @Test func bytesInProduceTheEmulatorsReplyOut() throws {
        let host = RunningHost(field: TagField())
        let client = try #require(host.connect())
        client.send("hello\n")
        #expect(client.receive() == Array("=hello\n".utf8))
        let stats = host.finish()
        #expect(stats?.replies == 1 && stats?.bytesIn == 6)
    }

    @Test func repliesTakeAtLeastTheirWireTime() throws {
        // 1200 baud 8N1: 100 bytes in + 102 out = 202 bytes * 10 bits = 1.68 s.
        let host = RunningHost(field: TagField()) { $0.baud = 1200; $0.bitsPerByte = 10 }
        let client = try #require(host.connect())
        let start = ContinuousClock.now
        client.send(String(repeating: "x", count: 99) + "\n")
        let reply = client.receive(within: .seconds(5))
        let elapsed = ContinuousClock.now - start
        #expect(reply.count == 101)
        // The lower bound is the property; the upper one only catches runaway pacing, with room for a busy machine.
        #expect(elapsed >= .milliseconds(1600) && elapsed < .seconds(8))
        _ = host.finish()
    }

    @Test func halfFrameIsForgottenAfterAnIdleGap() throws {
        let host = RunningHost(field: TagField()) { $0.idleReset = .milliseconds(30) }
        let client = try #require(host.connect())
        client.send("junk")
        usleep(150_000)
        client.send("ok\n")
        #expect(client.receive() == Array("=ok\n".utf8))
        #expect((host.finish()?.resets ?? 0) >= 1)
    }

    @Test func timelineMovesTagsInAndOutOfTheField() throws {
        let field = TagField()
        let host = RunningHost(field: field) {
            $0.catalogue = [tagA, tagB]
            $0.timeline = Timeline(events: [
                .init(at: .milliseconds(100), action: .enter, uid: tagA.uid),
                .init(at: .milliseconds(150), action: .enter, uid: tagB.uid),
                .init(at: .milliseconds(400), action: .leave, uid: tagA.uid),
            ])
        }
        let client = try #require(host.connect())
        client.send("?\n")
        #expect(client.receive() == Array("0\n".utf8))
        usleep(250_000)
        client.send("?\n")
        #expect(client.receive() == Array("2\n".utf8))
        usleep(300_000)
        client.send("?\n")
        #expect(client.receive() == Array("1\n".utf8))
        #expect(host.finish()?.timelineEvents == 3)
    }

    @Test func timelineFileParsesAndRejectsUnknownTags() throws {
        let known: Set = [tagA.uid]
        let t = try Timeline(parsing: "# gate pass\n0.5 enter E004010000000001\n2 leave E004010000000001\n", knownTags: known)
        #expect(t.events.map(\.action) == [.enter, .leave])
        #expect(throws: TimelineError.self) { try Timeline(parsing: "1 enter E004010000000002", knownTags: known) }
        do {
            _ = try Timeline(parsing: "1 enter E004010000000001\n1 walk E004010000000001", knownTags: known)
            Issue.record("bad action accepted")
        } catch { #expect(error.line == 2) }
    }

    @Test func faultSpecParsesEveryKindAndPointsAtMistakes() throws {
        let f = try FaultSpec(parsing: "crc=0.05,drop=0.02,partial=0.01,garbage=0.02,slow=0.05:200ms,vanish=@10s:3s")
        #expect(f.crc == 0.05 && f.drop == 0.02 && f.partial == 0.01 && f.garbage == 0.02 && f.slow == 0.05)
        #expect(f.slowDelay == .milliseconds(200) && f.vanishAt == .seconds(10) && f.vanishFor == .seconds(3))
        do {
            _ = try FaultSpec(parsing: "crc=0.1,drop=2")
            Issue.record("probability 2 accepted")
        } catch { #expect(error.position == 13) }
        do {
            _ = try FaultSpec(parsing: "crc=0.1,melt=0.5")
            Issue.record("unknown fault accepted")
        } catch { #expect(error.position == 8) }
    }

    @Test func faultsCanBeGivenTimesInsteadOfRates() throws {
        let f = try FaultSpec(parsing: "drop=@2s+@500ms,slow=@1s:300ms,crc=0.1")
        #expect(f.times[.drop] == [.milliseconds(500), .seconds(2)] && f.drop == 0)
        #expect(f.times[.slow] == [.seconds(1)] && f.slowDelay == .milliseconds(300))
        #expect(f.crc == 0.1 && f.times[.crc] == nil)
        do {
            _ = try FaultSpec(parsing: "drop=@2s+3s")
            Issue.record("a time without @ accepted")
        } catch { #expect(error.position == 9) }
        do {
            _ = try FaultSpec(parsing: "partial=@soon")
            Issue.record("a malformed time accepted")
        } catch { #expect(error.position == 9) }
    }

    @Test func aTimedDropHitsTheFirstReplyAfterItsTimeAndNoOther() throws {
        let host = RunningHost(field: TagField()) { $0.faults.times[.drop] = [.milliseconds(400)] }
        let client = try #require(host.connect())
        client.send("a\n")
        #expect(client.receive() == Array("=a\n".utf8), "a reply before the time is untouched")
        usleep(500_000)
        client.send("b\n")
        #expect(client.receive(within: .milliseconds(300)).isEmpty, "the first reply after the time is dropped")
        client.send("c\n")
        #expect(client.receive() == Array("=c\n".utf8), "and only that one")
        #expect(host.finish()?.dropped == 1)
    }

    @Test func droppedRepliesNeverArrive() throws {
        let host = RunningHost(field: TagField()) { $0.faults.drop = 1 }
        let client = try #require(host.connect())
        client.send("a\n")
        #expect(client.receive(within: .milliseconds(300)).isEmpty)
        #expect(host.finish()?.dropped == 1)
    }

    @Test func corruptedRepliesDifferInTheirLastByte() throws {
        let host = RunningHost(field: TagField()) { $0.faults.crc = 1 }
        let client = try #require(host.connect())
        client.send("a\n")
        let reply = client.receive(upTo: 3, untilNewline: false)
        #expect(reply.count == 3 && reply.prefix(2) == [UInt8(ascii: "="), UInt8(ascii: "a")] && reply[2] != 0x0A)
        _ = host.finish()
    }

    @Test func partialRepliesStopHalfWay() throws {
        let host = RunningHost(field: TagField()) { $0.faults.partial = 1 }
        let client = try #require(host.connect())
        client.send("abcdefg\n")
        #expect(client.receive(within: .milliseconds(300)) == Array("=abc".utf8))
        _ = host.finish()
    }

    @Test func garbageIsPrependedToTheReply() throws {
        let host = RunningHost(field: TagField()) { $0.faults.garbage = 1 }
        let client = try #require(host.connect())
        client.send("a\n")
        let reply = client.receive(within: .milliseconds(500), untilNewline: false)
        #expect(reply.count > 3 && reply.count <= 7 && reply.suffix(3) == Array("=a\n".utf8))
        _ = host.finish()
    }

    @Test func slowRepliesArriveLate() throws {
        let host = RunningHost(field: TagField()) { $0.faults.slow = 1; $0.faults.slowDelay = .milliseconds(300) }
        let client = try #require(host.connect())
        let start = ContinuousClock.now
        client.send("a\n")
        #expect(client.receive() == Array("=a\n".utf8))
        #expect(ContinuousClock.now - start >= .milliseconds(290))
        _ = host.finish()
    }

    @Test func vanishedReaderComesBackAtTheSameLink() throws {
        let host = RunningHost(field: TagField()) {
            $0.faults.vanishAt = .milliseconds(200)
            $0.faults.vanishFor = .milliseconds(300)
        }
        let first = try #require(host.connect())
        first.send("a\n")
        #expect(first.receive() == Array("=a\n".utf8))
        usleep(300_000)
        #expect(!FileManager.default.fileExists(atPath: host.link))
        // Writes to the old pty go nowhere: the driver sees a timeout or an error, not a reply.
        first.send("b\n")
        #expect(first.receive(within: .milliseconds(100)).isEmpty)
        usleep(400_000)
        let second = try #require(host.connect())
        second.send("c\n")
        #expect(second.receive() == Array("=c\n".utf8))
        #expect(host.finish()?.vanished == 1)
    }
}
