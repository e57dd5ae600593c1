import AnimaHAL
import Foundation
import Testing

/// The HALError a call throws, or nil when it succeeds (any other error fails the test).
func halError<T>(_ body: () throws -> T) -> HALError? {
    do {
        _ = try body()
        return nil
    } catch let error as HALError {
        return error
    } catch {
        Issue.record("expected a HALError, got \(error)")
        return nil
    }
}

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "anima-hal-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ relative: String, contents: String = "") throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: full, atomically: false, encoding: .utf8)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
