import Foundation
import Testing
@testable import TerminalUI

@Suite("Asking a terminal for DA1 over a descriptor")
struct DeviceQueryTests {
    /// A connected pair of sockets: the code under test talks on one end, the fake terminal on
    /// the other.
    func socketPair() throws -> (Int32, Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors) == 0 else {
            throw POSIXError(.EIO)
        }
        return (descriptors[0], descriptors[1])
    }

    @Test("a reply in pieces is collected and parsed")
    func reply() throws {
        let (ours, terminal) = try socketPair()
        defer { close(ours); close(terminal) }
        let responder = Thread {
            var query = [UInt8](repeating: 0, count: 16)
            let count = read(terminal, &query, query.count)
            guard count == 3, query[0] == 0x1B, query[1] == UInt8(ascii: "["), query[2] == UInt8(ascii: "c") else { return }
            for piece in ["\u{1B}[?6", "3;1;4", ";22c"] {
                _ = piece.utf8CString.withUnsafeBufferPointer { write(terminal, $0.baseAddress, $0.count - 1) }
                usleep(20_000)
            }
        }
        responder.start()
        let attributes = DeviceAttributes.exchange(descriptor: ours, timeoutMilliseconds: 2000)
        #expect(attributes?.parameters == [63, 1, 4, 22])
        #expect(attributes?.supportsSixel == true)
    }

    @Test("no reply: nil after the time limit")
    func silence() throws {
        let (ours, terminal) = try socketPair()
        defer { close(ours); close(terminal) }
        let started = Date()
        #expect(DeviceAttributes.exchange(descriptor: ours, timeoutMilliseconds: 150) == nil)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.14 && elapsed < 1.5)
    }

    @Test("a descriptor that is not a terminal is not asked")
    func notATerminal() throws {
        let (ours, terminal) = try socketPair()
        defer { close(ours); close(terminal) }
        #expect(DeviceAttributes.query(descriptor: ours, timeoutMilliseconds: 100) == nil)
        var buffer = [UInt8](repeating: 0, count: 8)
        let flags = fcntl(terminal, F_GETFL)
        _ = fcntl(terminal, F_SETFL, flags | O_NONBLOCK)
        #expect(read(terminal, &buffer, 8) < 0, "nothing was written")
    }

    @Test("the backend refuses to start without a terminal")
    func backendNeedsTerminal() throws {
        let (ours, terminal) = try socketPair()
        defer { close(ours); close(terminal) }
        #expect(throws: TerminalUIError.notATerminal(stream: "standard input")) {
            _ = try NCursesBackend(inputDescriptor: ours, outputDescriptor: ours)
        }
    }
}
