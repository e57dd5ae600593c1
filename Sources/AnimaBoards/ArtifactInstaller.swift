import SHA256Digest
import AnimaFiles
import Foundation

/// One file `anima flash` installs, relative to the target root.
public struct InstallArtifact: Sendable, Equatable {
    /// e.g. `etc/anima/display.toml`; no leading slash.
    public var relativePath: String
    public var bytes: [UInt8]
    /// What the file is, for the progress lines.
    public var purpose: String

    public init(relativePath: String, bytes: [UInt8], purpose: String) {
        self.relativePath = relativePath
        self.bytes = bytes
        self.purpose = purpose
    }
}

/// What happened to one artifact.
public struct InstallResult: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case written
        /// The file already held exactly these bytes; nothing was written.
        case unchanged
        /// `--dry-run`: would be written.
        case wouldWrite = "would write"
    }

    public var path: String
    public var size: Int
    public var sha256: String
    public var outcome: Outcome
    public var purpose: String
}

/// Writes artifacts under a root directory atomically, skips files whose bytes are already right (so a second
/// run changes nothing), then reads every file back and compares its SHA-256 with what was meant to be there.
public enum ArtifactInstaller {
    public static func install(
        _ artifacts: [InstallArtifact], root: String, dryRun: Bool, progress: (String) -> Void
    ) throws(FlashError) -> [InstallResult] {
        var results: [InstallResult] = []
        for artifact in artifacts {
            let path = join(root, artifact.relativePath)
            let expected = SHA256.hex(artifact.bytes)
            let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            if existing == artifact.bytes {
                progress("unchanged  \(path)")
                results.append(InstallResult(path: path, size: artifact.bytes.count, sha256: expected, outcome: .unchanged, purpose: artifact.purpose))
                continue
            }
            if dryRun {
                progress("would write \(path) (\(artifact.bytes.count) bytes)")
                results.append(InstallResult(path: path, size: artifact.bytes.count, sha256: expected, outcome: .wouldWrite, purpose: artifact.purpose))
                continue
            }
            progress("writing    \(path) (\(artifact.bytes.count) bytes)")
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .directory(path: directory, reason: "\(error.localizedDescription)")
            }
            do {
                try AtomicFile.write(artifact.bytes, to: path)
            } catch {
                throw .write(error.description)
            }
            guard let readBack = FileManager.default.contents(atPath: path) else {
                throw .verify(path: path, expected: expected, found: "unreadable")
            }
            let found = SHA256.hex([UInt8](readBack))
            guard found == expected else { throw .verify(path: path, expected: expected, found: found) }
            progress("verified   \(path) sha256 \(expected)")
            results.append(InstallResult(path: path, size: artifact.bytes.count, sha256: expected, outcome: .written, purpose: artifact.purpose))
        }
        return results
    }

    static func join(_ root: String, _ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
