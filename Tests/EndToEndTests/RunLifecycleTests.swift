import Foundation
import Testing

/// `anima run` on the simulator board stops cleanly on SIGINT and SIGTERM (what `make run` relies on).
@Suite struct RunLifecycleTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func stopsCleanlyOnSignal(_ signal: Int32) throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-run-\(UUID().uuidString)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProduct.path("anima"))
        process.arguments = ["run", "--board", "simulator", "--data-dir", dataDirectory]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Wait until the loop is up (anima.db exists), then signal it.
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: dataDirectory + "/anima.db") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, signal)
        let stopDeadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < stopDeadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "anima run did not stop within 10 s of signal \(signal)")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0, "output: \(text)")
        #expect(FileManager.default.fileExists(atPath: dataDirectory + "/anima.db"))
    }
}
