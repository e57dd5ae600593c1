import Foundation
import Testing

extension AnimaCommandLineTests {
    @Test("anima --version prints the version the build was given (scripts/version.sh, or 0.1.0-dev)")
    func versionIsTheOneTheBuildWasGiven() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let header = root.appendingPathComponent("Sources/CAnimaVersion/anima_version_generated.h")
        var expected = "0.1.0-dev"
        if let text = try? String(contentsOf: header, encoding: .utf8), case let parts = text.split(separator: "\""), parts.count >= 2 {
            expected = String(parts[1])
        }
        let run = try Self.anima(["--version"])
        #expect(run.status == 0)
        #expect(run.output == expected + "\n")
    }
}
