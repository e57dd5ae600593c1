import Foundation
import Testing

extension HostBinaryTests {
    /// The version the build was given: the header scripts/version.sh writes, or the C file's fallback.
    static func expectedVersion() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let header = root.appendingPathComponent("Sources/CAnimaVersion/anima_version_generated.h")
        guard let text = try? String(contentsOf: header, encoding: .utf8) else { return "0.1.0-dev" }
        let parts = text.split(separator: "\"")
        return parts.count >= 2 ? String(parts[1]) : "0.1.0-dev"
    }

    @Test func versionIsTheOneTheBuildWasGiven() throws {
        let outcome = try HostBinary.run(["--version"], environment: [:])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == (try Self.expectedVersion()) + "\n")
    }
}
