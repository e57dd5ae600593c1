import Foundation
import SHA256Digest
import Testing

@testable import GovernanceHost

/// The dashboard in a real browser: Debian's `chromium` (deploy/setup-dev.sh test installs it) in headless mode opens a
/// one-time link, follows the redirect with the session cookie, and we assert on the DOM it built and on a screenshot.
/// Screenshots go to a temporary directory (set ANIMA_DASHBOARD_SHOTS to keep them somewhere else), never into git.
@Suite struct DashboardBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func runChromium(_ arguments: [String]) throws -> String {
        guard let chromium else { throw HTTPFailure(message: "chromium is not installed: run deploy/setup-dev.sh test") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // --no-sandbox: the tests may run as root (CI containers), where Chromium refuses its sandbox.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1400", "--virtual-time-budget=3000"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func chromiumShowsTheAgentPageWithChartsAndTheDrawing() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let (host, agent, _) = try await DashboardTests.seeded(database, directory)
        let shots = ProcessInfo.processInfo.environment["ANIMA_DASHBOARD_SHOTS"] ?? directory.path
        func link(_ agent: UUID?) async throws -> String {
            let key = try await host.pool.withConnection { (connection) throws(PostgresError) in
                try DashboardAccess.createLink(agentID: agent, ttlSeconds: 600, secureCookie: false, on: connection)
            }
            return host.baseURL + "/ui/login?key=" + key
        }

        let dom = try Self.runChromium(["--dump-dom", try await link(agent)])
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;Lumen"), "\(dom.prefix(400))")
        #expect(dom.contains("<svg"))
        #expect(dom.contains("<polyline"))
        #expect(dom.contains("/ui/drawings/\(SHA256.hex(DrawingFixtures.png)).png"))
        #expect(!dom.contains("Sign in"))

        // Blank reference: the same window size on an empty page.
        let blankPath = shots + "/blank.png"
        _ = try Self.runChromium(["--screenshot=\(blankPath)", "about:blank"])
        for (name, target) in [("agent", agent), ("fleet", nil)] as [(String, UUID?)] {
            let path = shots + "/dashboard-\(name).png"
            _ = try Self.runChromium(["--screenshot=\(path)", try await link(target)])
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let header = try PNGHeader.validate(bytes)
            #expect(header.width == 1100)
            // A rendered page compresses far worse than a blank one (4 KB at this size): text, charts, the drawing.
            let blank = try Data(contentsOf: URL(fileURLWithPath: blankPath)).count
            #expect(bytes.count > blank * 4, "\(name): \(bytes.count) bytes vs blank \(blank)")
        }

        // The drawing page: log in once in a browser profile (the session cookie has a Max-Age, so it persists), then
        // open the drawing's page in the same profile.
        let profile = "--user-data-dir=" + directory.path + "/chromium-profile"
        _ = try Self.runChromium([profile, "--dump-dom", try await link(agent)])
        let drawingPath = shots + "/dashboard-drawing.png"
        let drawingURL = host.baseURL + "/ui/drawings/\(SHA256.hex(DrawingFixtures.png))"
        let drawingDOM = try Self.runChromium([profile, "--dump-dom", drawingURL])
        #expect(drawingDOM.contains("<img") && !drawingDOM.contains("Sign in"), "\(drawingDOM.prefix(300))")
        _ = try Self.runChromium([profile, "--screenshot=\(drawingPath)", drawingURL])
        let drawingShot = try [UInt8](Data(contentsOf: URL(fileURLWithPath: drawingPath)))
        #expect(try PNGHeader.validate(drawingShot).width == 1100)
        await host.stop()
    }
}
