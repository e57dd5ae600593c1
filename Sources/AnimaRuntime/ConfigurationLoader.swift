import AnimaFiles
import Foundation

/// Finds and reads the configuration file, then layers environment and flags over it.
public enum ConfigurationLoader {
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
        /// True when the bad value was given as a command-line flag (a usage error, not a configuration error).
        public var fromCommandLine = false
    }

    /// `explicitPath` (from `--config`) must exist; the default path may be absent (then built-ins apply).
    public static func load(
        explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment, flags: [String: String]
    ) throws(LoadError) -> RuntimeConfiguration {
        let path = explicitPath ?? environment["ANIMA_CONFIG"] ?? RuntimeConfiguration.defaultPath
        var file: ConfigFile?
        if let data = FileManager.default.contents(atPath: path) {
            do { file = try ConfigFile(path: path, bytes: [UInt8](data)) } catch { throw LoadError(description: error.description) }
        } else if explicitPath != nil || environment["ANIMA_CONFIG"] != nil {
            throw LoadError(description: "\(path): no such configuration file (write one with `anima flash --board NAME`)")
        }
        do {
            return try RuntimeConfiguration(file: file, environment: environment, flags: flags)
        } catch {
            if case .flag = error.source { throw LoadError(description: error.description, fromCommandLine: true) }
            throw LoadError(description: error.description)
        }
    }
}
